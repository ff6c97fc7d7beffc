// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `createTask()`: start a coroutine as a task on the running loop.
 *
 * @module
 */
import { checkCallable } from "../loop/_internal.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import type { Coroutine, Task } from "../loop/task.ts";

/** Options for {@linkcode createTask}. */
export interface CreateTaskOptions {
  /** The task's name (default `Task-N`). */
  name?: string;
}

/**
 * Wraps `coro` in a task on the running loop (through its task factory) and
 * schedules it; the task starts on the next loop iteration.
 *
 * Mirrors Python's `asyncio.create_task()`. Differences from Python: `coro` is
 * an async function (called inside the task), not a coroutine object; no
 * `context` option. Keep a reference to the task, or await it, to see its
 * result.
 *
 * @param coro An async function.
 * @param options `{ name }`.
 * @returns The task.
 * @throws {RuntimeError} Outside a running loop.
 * @throws {TypeError} If `coro` is not a function.
 *
 * @example
 * ```ts
 * import { createTask, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const task = createTask(async () => 7, { name: "seven" });
 *   console.assert((await task) === 7 && task.getName() === "seven");
 * });
 * ```
 */
export function createTask<T>(coro: Coroutine<T>, options: CreateTaskOptions = {}): Task<T> {
  checkCallable(coro, "createTask(): coro");
  return getRunningLoop().createTask(coro, { name: options.name });
}
