// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Synchronisation primitives and queues for tasks: `Lock`, `Event`,
 * `Condition`, `Semaphore`, `BoundedSemaphore`, `Barrier`, `Queue`,
 * `PriorityQueue`, `LifoQueue`. Not thread-safe (as Python's); each binds to
 * the event loop that first makes a task wait on it.
 *
 * @module
 */
export type { Acquired } from "./_held.ts";
export * from "./barrier.ts";
export * from "./bounded_semaphore.ts";
export * from "./condition.ts";
export * from "./event.ts";
export * from "./lifo_queue.ts";
export * from "./lock.ts";
export * from "./priority_queue.ts";
export * from "./queue.ts";
export * from "./semaphore.ts";
