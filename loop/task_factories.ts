// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Eager task factories and `allTasks()`.
 *
 * @module
 */
import type { EventLoop, TaskFactory } from "./event_loop.ts";
import { _getRunningLoop } from "./running_loop.ts";
import { RuntimeError } from "../errors.ts";
import { type Coroutine, Task, type TaskOptions } from "./task.ts";

/** A `Task` subclass constructor, for {@linkcode createEagerTaskFactory}. */
export type TaskConstructor = new <T>(coro: Coroutine<T>, options: TaskOptions) => Task<T>;

/**
 * A task factory whose tasks start eagerly: their coroutine runs synchronously
 * in `createTask()` up to its first suspension.
 *
 * Mirrors Python's `asyncio.create_eager_task_factory()`. Differences from
 * Python: a coroutine that finishes without suspending still completes its
 * task a microtask later (JS resolves async results asynchronously).
 *
 * @param taskConstructor The task class to build (default `Task`).
 *
 * @example
 * ```ts
 * import { createEagerTaskFactory, Task, run, getRunningLoop } from "@denoio/asyncio";
 * await run(async () => {
 *   getRunningLoop().setTaskFactory(createEagerTaskFactory(Task));
 *   let started = false;
 *   getRunningLoop().createTask(async () => { started = true; });
 *   console.assert(started);
 * });
 * ```
 */
export function createEagerTaskFactory(taskConstructor: TaskConstructor = Task): TaskFactory {
  return <T>(loop: EventLoop, coro: Coroutine<T>, options: { name?: string }) =>
    new taskConstructor<T>(coro, { loop, name: options.name, eagerStart: true });
}

/**
 * The eager task factory with the default `Task` class.
 *
 * Mirrors Python's `asyncio.eager_task_factory`.
 *
 * @example
 * ```ts
 * import { eagerTaskFactory, run, getRunningLoop } from "@denoio/asyncio";
 * await run(async () => {
 *   getRunningLoop().setTaskFactory(eagerTaskFactory);
 * });
 * ```
 */
export const eagerTaskFactory: TaskFactory = createEagerTaskFactory(Task);

/**
 * The loop's tasks that are not done yet.
 *
 * Mirrors Python's `asyncio.all_tasks()`.
 *
 * @param loop The loop (default: the running loop).
 * @throws {RuntimeError} Without `loop` and with no running loop.
 *
 * @example
 * ```ts
 * import { allTasks, run } from "@denoio/asyncio";
 * await run(async () => {
 *   console.assert(allTasks().size === 1);
 * });
 * ```
 */
export function allTasks(loop?: EventLoop): Set<Task<unknown>> {
  const target = loop ?? _getRunningLoop();
  if (target === null) throw new RuntimeError("allTasks(): no running event loop");
  return target.pendingTasks();
}
