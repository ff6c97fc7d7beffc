// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The high-level task API: sleep, gather, wait, timeouts, task groups.
 *
 * @module
 */
export * from "./abort_signal_for.ts";
export * from "./as_completed.ts";
export * from "./call_graph.ts";
export * from "./create_task.ts";
export * from "./gather.ts";
export * from "./shield.ts";
export * from "./sleep.ts";
export * from "./task_group.ts";
export * from "./timeout.ts";
export * from "./wait.ts";
export * from "./wait_for.ts";
