// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Counts of the host resources this folder holds, so tests can prove none leaked
// (Deno's sanitizers see neither Workers nor signal listeners).

/** Live counts: Workers not yet terminated, Deno signal listeners not yet removed. */
export const live = { workers: 0, signalListeners: 0 };
