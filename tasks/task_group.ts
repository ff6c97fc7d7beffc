// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `taskGroup()` and `TaskGroup`: structured concurrency.
 *
 * @module
 */
import { CancelledError, ExceptionGroup, RuntimeError } from "../errors.ts";
import { checkCallable } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import { _getRunningLoop } from "../loop/running_loop.ts";
import { type Coroutine, currentTask, type Task } from "../loop/task.ts";

/** Options for {@linkcode TaskGroup.createTask}. */
export interface TaskGroupTaskOptions {
  /** The task's name. */
  name?: string;
}

let runGroup: <T>(group: TaskGroup, body: (group: TaskGroup) => T | PromiseLike<T>) => Promise<T>;

let groupCounter = 0;

/**
 * A group of tasks that all finish before the group does: the first task that
 * fails cancels the others and the body, and the errors are thrown together
 * as an `ExceptionGroup` ("unhandled errors in a TaskGroup"). Run one with
 * {@linkcode taskGroup}.
 *
 * Mirrors Python's `asyncio.TaskGroup` (3.11+). Differences from Python: the
 * `async with` block is the body callback of {@linkcode taskGroup} (no
 * `Symbol.asyncDispose`: disposal cannot see the body's error, which the group
 * needs); there are no `KeyboardInterrupt`/`SystemExit` special cases.
 *
 * @example
 * ```ts
 * import { run, sleep, taskGroup } from "@denoio/asyncio";
 * await run(async () => {
 *   const [a, b] = await taskGroup(async (tg) => {
 *     const a = tg.createTask(() => sleep(0.01, 1));
 *     const b = tg.createTask(async () => 2);
 *     return [a, b];
 *   });
 *   console.assert(a.result() + b.result() === 3);
 * });
 * ```
 */
export class TaskGroup {
  #name = `TaskGroup-${++groupCounter}`;
  #entered = false;
  #exiting = false;
  #aborting = false;
  #loop: EventLoop | null = null;
  #parentTask: Task<unknown> | null = null;
  #parentCancelRequested = false;
  #tasks = new Set<Task<unknown>>();
  #errors: unknown[] = [];
  #onCompleted: Future<boolean> | null = null;

  static {
    runGroup = (group, body) => group.#run(body);
  }

  /**
   * Starts `coro` in a new task that belongs to the group.
   *
   * @param coro An async function.
   * @param options `{ name }`.
   * @returns The task.
   * @throws {RuntimeError} If the group has not started, has finished, or is
   *   shutting down after a failure or cancellation.
   * @throws {TypeError} If `coro` is not a function.
   */
  createTask<T>(coro: Coroutine<T>, options: TaskGroupTaskOptions = {}): Task<T> {
    checkCallable(coro, "TaskGroup.createTask(): coro");
    if (!this.#entered) throw new RuntimeError(`${this} has not been entered`);
    if (this.#exiting && this.#tasks.size === 0) throw new RuntimeError(`${this} is finished`);
    if (this.#aborting) throw new RuntimeError(`${this} is shutting down`);
    const task = this.#loop!.createTask(coro, { name: options.name });
    this.#tasks.add(task);
    task.addDoneCallback(this.#onTaskDone);
    // An eager task may have made the group abort before it joined.
    if (this.#aborting && !task.done()) task.cancel();
    return task;
  }

  /** `<TaskGroup-1 tasks=2 cancelling>`. */
  toString(): string {
    let s = `<${this.#name}`;
    if (this.#tasks.size > 0) s += ` tasks=${this.#tasks.size}`;
    if (this.#errors.length > 0) s += ` errors=${this.#errors.length}`;
    if (this.#aborting) s += " cancelling";
    else if (this.#entered) s += " entered";
    return s + ">";
  }

  async #run<T>(body: (group: TaskGroup) => T | PromiseLike<T>): Promise<T> {
    checkCallable(body, "taskGroup(): body");
    if (this.#entered) throw new RuntimeError(`${this} has already been entered`);
    const loop = _getRunningLoop();
    const parent = loop === null ? null : currentTask(loop);
    if (loop === null || parent === null) {
      throw new RuntimeError("taskGroup() must be called inside a task (no current task)");
    }
    this.#loop = loop;
    this.#parentTask = parent;
    this.#entered = true;
    let value: T;
    try {
      value = await body(this);
    } catch (error) {
      await this.#exit(true, error);
      throw error;
    }
    await this.#exit(false, undefined);
    return value;
  }

  /** Waits for the tasks; throws what the group must throw (the caller rethrows the body's error). */
  async #exit(hasError: boolean, error: unknown): Promise<void> {
    this.#exiting = true;
    const parent = this.#parentTask!;
    let propagateCancellation: CancelledError | null = hasError && error instanceof CancelledError
      ? error
      : null;
    if (hasError && !this.#aborting) this.#abort();
    while (this.#tasks.size > 0) {
      this.#onCompleted ??= this.#loop!.createFuture<boolean>();
      try {
        await this.#onCompleted;
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        if (!this.#aborting) {
          propagateCancellation = e;
          this.#abort();
        }
      }
      this.#onCompleted = null;
    }
    if (this.#parentCancelRequested && parent.uncancel() === 0) propagateCancellation = null;
    if (propagateCancellation !== null && this.#errors.length === 0) throw propagateCancellation;
    if (hasError && !(error instanceof CancelledError)) this.#errors.push(error);
    if (this.#errors.length > 0) {
      if (parent.cancelling() > 0) {
        // Cancelled from outside too: keep the request count stable.
        parent.uncancel();
        parent.cancel();
      }
      const errors = this.#errors;
      this.#errors = [];
      throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
    }
  }

  #abort(): void {
    this.#aborting = true;
    for (const task of this.#tasks) {
      if (!task.done()) task.cancel();
    }
  }

  #onTaskDone = (task: Task<unknown>): void => {
    this.#tasks.delete(task);
    if (this.#onCompleted !== null && this.#tasks.size === 0 && !this.#onCompleted.done()) {
      this.#onCompleted.setResult(true);
    }
    if (task.cancelled()) return;
    const error = task.exception();
    if (error === null) return;
    this.#errors.push(error);
    const parent = this.#parentTask!;
    if (parent.done()) {
      this.#loop!.callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: error,
        task,
      });
      return;
    }
    if (!this.#aborting && !this.#parentCancelRequested) {
      this.#abort();
      this.#parentCancelRequested = true;
      parent.cancel();
    }
  };
}

/**
 * Runs `body` with a new {@linkcode TaskGroup}, waits for all of the group's
 * tasks, and resolves to the body's return value. The first task that fails
 * cancels the other tasks and the body; then all errors (the body's too) are
 * thrown as one `ExceptionGroup`. A cancellation of the calling task from
 * outside cancels the tasks and propagates as `CancelledError`.
 *
 * Mirrors Python's `async with asyncio.TaskGroup() as tg:`. Differences from
 * Python: the block is the `body` callback; a body that returns a task (or any
 * promise) has it awaited, as every `async` function does: return `[task]` to
 * get the task itself.
 *
 * @param body An async function given the group; runs in the current task.
 * @returns The body's result.
 * @throws {ExceptionGroup} With the errors of the tasks (and body).
 * @throws {RuntimeError} Outside a task.
 *
 * @example
 * ```ts
 * import { ExceptionGroup, run, taskGroup } from "@denoio/asyncio";
 * await run(async () => {
 *   try {
 *     await taskGroup(async (tg) => {
 *       tg.createTask(async () => { throw new Error("boom"); });
 *     });
 *   } catch (e) {
 *     console.assert(e instanceof ExceptionGroup && e.exceptions.length === 1);
 *   }
 * });
 * ```
 */
export function taskGroup<T>(body: (group: TaskGroup) => T | PromiseLike<T>): Promise<T> {
  return runGroup(new TaskGroup(), body);
}
