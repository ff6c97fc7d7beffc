// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The high-level task API: sleep, gather, wait, timeouts, task groups.
 *
 * @module
 */
export * from "./sleep.ts";
