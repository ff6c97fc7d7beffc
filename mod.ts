// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Python's asyncio for Deno: an event loop with asyncio's semantics (ready
 * queue, timers, futures, tasks with real cancellation), transports and
 * protocols over Deno's networking, streams, subprocesses, and the high-level
 * API (`run`, `gather`, `wait`, `timeout`, `TaskGroup`, queues, locks).
 *
 * Importing this module needs no permission; each operation needs only the
 * permission of the Deno API it wraps.
 *
 * @example
 * ```ts
 * import * as asyncio from "@denoio/asyncio";
 *
 * await asyncio.run(async () => {
 *   const results = await asyncio.gather([
 *     async () => { await asyncio.sleep(0.01); return "a"; },
 *     async () => "b",
 *   ]);
 *   console.assert(results.join() === "a,b");
 * });
 * ```
 *
 * @module
 */
export * from "./errors.ts";
export * from "./loop/mod.ts";
export * from "./host/mod.ts";
export * from "./subprocess/mod.ts";
export * from "./tasks/mod.ts";
export * from "./sync/mod.ts";
export type * from "./protocols/protocols.ts";
export type * from "./transports/transport.ts";
export * from "./transports/mod.ts";
export * from "./transports/sockets_mod.ts";
