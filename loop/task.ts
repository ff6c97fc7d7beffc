// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Task`: a coroutine (an async function) run by the event loop, with
 * asyncio's cancellation.
 *
 * @module
 */
import { CancelledError, RuntimeError } from "../errors.ts";
import {
  checkCallable,
  PENDING_WAIT,
  REGISTER_TASK,
  RUN_HANDLE,
  SCHEDULE,
  SPARE_WAIT,
  TASK_STEP_END,
  TASK_STEP_START,
  UNREGISTER_TASK,
} from "./_internal.ts";
import { type Cancellable, taskContext } from "./_task_context.ts";
import type { EventLoop } from "./event_loop.ts";
import { CANCEL_WITH, Future } from "./future.ts";
import { NativeWait } from "./_native_wait.ts";
import { _getRunningLoop } from "./running_loop.ts";

/**
 * A coroutine: a function returning the value or a promise of it, started
 * inside its task so that the task's cancellation reaches its awaits.
 */
export type Coroutine<T> = () => T | PromiseLike<T>;

/** Options for `new Task()` and `createTask()`. */
export interface TaskOptions {
  /** The task's name (default `Task-N`). */
  name?: string;
  /** The loop to run on; default: the running loop, else the current one. */
  loop?: EventLoop;
  /**
   * Run the coroutine synchronously up to its first suspension, if the loop
   * is running (Python's `eager_start`).
   */
  eagerStart?: boolean;
}

let taskCounter = 0;
let startCoro: (task: Task<unknown>) => void;
let settleTask: (task: Task<unknown>, ok: boolean, value: unknown) => void;

/** Awaits a coroutine that returned a thenable other than a native promise. */
async function awaitCoro(task: Task<unknown>, coro: PromiseLike<unknown>): Promise<void> {
  let value: unknown;
  try {
    value = await coro;
  } catch (e) {
    return settleTask(task, false, e);
  }
  settleTask(task, true, value);
}

// A native promise's reactions run in the context of the `then()` call (the task's), so one pair
// of shared handlers serves every task: no async frame or closures per task.
function onCoroFulfilled(value: unknown): void {
  settleTask(taskContext.getStore() as Task<unknown>, true, value);
}
function onCoroRejected(error: unknown): void {
  settleTask(taskContext.getStore() as Task<unknown>, false, error);
}

/**
 * Runs a coroutine on the loop. Starts on the next loop iteration (or at once
 * with `eagerStart`); awaitable like any {@linkcode Future}.
 *
 * Mirrors Python's `asyncio.Task`. Differences from Python: the coroutine is a
 * function (`async () => ...`), called inside the task; `signal` is an
 * `AbortSignal` aborted at the first cancel request, so `fetch()` and Deno's
 * APIs are cancelled too (it stays aborted after `uncancel()`). A cancel request
 * that arrives while the coroutine awaits a plain promise (not a loop future)
 * is delivered at its next await of a loop future, or ends the task cancelled
 * when the coroutine returns.
 *
 * @typeParam T The coroutine's result type.
 *
 * @example
 * ```ts
 * import { CancelledError, createTask, run, sleep } from "@denoio/asyncio";
 * await run(async () => {
 *   const task = createTask(() => sleep(3600));
 *   await sleep(0);
 *   task.cancel("enough");
 *   try {
 *     await task;
 *   } catch (e) {
 *     console.assert(e instanceof CancelledError && task.cancelled());
 *   }
 * });
 * ```
 */
export class Task<T = unknown> extends Future<T> {
  #coro: Coroutine<T>;
  /** The name, or the number of a default `Task-N` name (built on demand). */
  #name: string | number;
  #futWaiter: Cancellable | null = null;
  #mustCancel = false;
  #cancelMessage: string | undefined = undefined;
  #numCancelsRequested = 0;
  #controller: AbortController | null = null;
  #stepToken = -1;
  /** @ignore */
  [SPARE_WAIT]: unknown = null;

  /**
   * Creates an instance.
   *
   * @param coro The coroutine function.
   * @param options Name, loop, eager start.
   */
  constructor(coro: Coroutine<T>, options: TaskOptions = {}) {
    super({ loop: options.loop });
    checkCallable(coro, "Task(): coro (an async function)");
    this.#coro = coro;
    this.#name = options.name !== undefined ? String(options.name) : ++taskCounter;
    const loop = this.getLoop();
    loop[REGISTER_TASK](this);
    if (options.eagerStart && loop.isRunning()) this[RUN_HANDLE]();
    else loop[SCHEDULE](this);
  }

  /** The loop the task runs on (used by futures it awaits). @ignore */
  get awaitLoop(): EventLoop {
    return this.getLoop();
  }

  /**
   * The loop future the coroutine is suspended on now, or `null` (read-only;
   * used by `captureCallGraph()`). @ignore
   */
  get awaitedFuture(): Future<unknown> | null {
    return this.#futWaiter instanceof Future ? this.#futWaiter : null;
  }

  /** See {@linkcode PENDING_WAIT}. @ignore */
  [PENDING_WAIT](): { cancel(message?: string): boolean } | null {
    const wait = this.#futWaiter;
    if (wait instanceof NativeWait) return wait.pending() ? wait : null;
    return wait instanceof Future && !wait.done() ? wait : null;
  }

  /** The task's name. */
  getName(): string {
    const name = this.#name;
    return typeof name === "number" ? `Task-${name}` : name;
  }

  /** Renames the task. */
  setName(name: string): void {
    this.#name = String(name);
  }

  /** The coroutine function the task runs. */
  getCoro(): Coroutine<T> {
    return this.#coro;
  }

  /**
   * Where the task was created, as stack lines (debug mode only; else empty).
   */
  getStack(): string[] {
    return this.sourceTraceback?.split("\n").slice(1).map((l) => l.trim()) ?? [];
  }

  /**
   * An `AbortSignal` aborted (with a `CancelledError` reason) at the task's
   * first cancel request. Pass it to `fetch()` and Deno APIs.
   */
  get signal(): AbortSignal {
    if (this.#controller === null) {
      this.#controller = new AbortController();
      if (this.#numCancelsRequested > 0 || this.cancelled()) {
        this.#controller.abort(new CancelledError(this.#cancelMessage));
      }
    }
    return this.#controller.signal;
  }

  /**
   * Requests cancellation: the coroutine's current (or next) await of a loop
   * awaitable throws `CancelledError`. The coroutine may catch it; the task
   * ends cancelled only if the error escapes.
   *
   * @param message Carried by the `CancelledError`.
   * @returns `false` if the task is already done, else `true`.
   */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    this.#numCancelsRequested++;
    if (this.#controller !== null && !this.#controller.signal.aborted) {
      this.#controller.abort(new CancelledError(message));
    }
    if (this.#futWaiter !== null && this.#futWaiter.cancel(message)) return true;
    this.#mustCancel = true;
    this.#cancelMessage = message;
    return true;
  }

  /** The number of pending cancel requests (Python 3.11+). */
  cancelling(): number {
    return this.#numCancelsRequested;
  }

  /**
   * Takes back one cancel request, once the `CancelledError` was handled.
   *
   * @returns The remaining number of requests.
   */
  uncancel(): number {
    if (this.#numCancelsRequested > 0) {
      this.#numCancelsRequested--;
      if (this.#numCancelsRequested === 0) this.#mustCancel = false;
    }
    return this.#numCancelsRequested;
  }

  /**
   * Not supported on tasks.
   *
   * @throws {RuntimeError} Always.
   */
  override setResult(_value: T): never {
    throw new RuntimeError("Task does not support setResult(): its coroutine sets the result");
  }

  /**
   * Not supported on tasks.
   *
   * @throws {RuntimeError} Always.
   */
  override setException(_exception: unknown): never {
    throw new RuntimeError("Task does not support setException(): its coroutine sets it");
  }

  /** `<Task pending name='Task-1'>`. */
  override toString(): string {
    return super.toString().replace(/>$/, ` name='${this.getName()}'>`);
  }

  /** Called by a future this task is about to await. @ignore */
  suspendOn(waitable: { cancel(message?: string): boolean }): void {
    this.#endStep();
    this.#futWaiter = waitable;
    if (this.#mustCancel && waitable.cancel(this.#cancelMessage)) this.#mustCancel = false;
  }

  /** Called when a future this task awaited is done. @ignore */
  wake(waitable: { cancel(message?: string): boolean }, cancelled: boolean): Error | null {
    if (this.#futWaiter === waitable) this.#futWaiter = null;
    this.#stepToken = this.getLoop()[TASK_STEP_START](this.#stepToken);
    if (!this.#mustCancel) return null;
    this.#mustCancel = false;
    // A cancellation the awaited thing delivers already is kept (its message, not a later one's).
    return cancelled ? null : new CancelledError(this.#cancelMessage);
  }

  /** Runs the first step of the coroutine (called by the loop). @ignore */
  [RUN_HANDLE](): void {
    this.#stepToken = this.getLoop()[TASK_STEP_START](this.#stepToken);
    if (this.#mustCancel) {
      this.#mustCancel = false;
      return this.#finishCancelled(this.#cancelMessage);
    }
    taskContext.run(this, startCoro, this);
  }

  static {
    startCoro = (task: Task<unknown>): void => {
      let value: unknown;
      try {
        value = task.#coro();
      } catch (e) {
        return task.#fail(e);
      }
      if (value instanceof Promise && Object.getPrototypeOf(value) === Promise.prototype) {
        value.then(onCoroFulfilled, onCoroRejected);
      } else if (value !== null && typeof (value as PromiseLike<unknown>)?.then === "function") {
        awaitCoro(task, value as PromiseLike<unknown>);
      } else {
        task.#succeed(value);
      }
    };
    // Called from promise reactions: nothing may escape (Deno ends the process on a rejection).
    settleTask = (task: Task<unknown>, ok: boolean, value: unknown): void => {
      try {
        if (ok) task.#succeed(value);
        else task.#fail(value);
      } catch (e) {
        // The coroutine outlived its loop (it resumed from a plain promise after close(), which
        // already reported the task as destroyed): its done callbacks can no longer run.
        const loop = task.getLoop();
        if (loop.isClosed()) return;
        loop.callExceptionHandler({ message: `Settling ${task} failed`, exception: e, task });
      }
    };
  }

  #succeed(value: unknown): void {
    if (this.#mustCancel) {
      this.#mustCancel = false;
      return this.#finishCancelled(this.#cancelMessage);
    }
    this.#endStep();
    this.getLoop()[UNREGISTER_TASK](this);
    super.setResult(value as T);
  }

  #fail(error: unknown): void {
    if (error instanceof CancelledError) return this.#finishCancelled(this.#cancelMessage, error);
    this.#endStep();
    this.getLoop()[UNREGISTER_TASK](this);
    super.setException(error ?? new Error(`Task ${this.getName()} threw ${error}`));
  }

  #endStep(): void {
    if (this.#stepToken >= 0) {
      this.getLoop()[TASK_STEP_END](this.#stepToken);
      this.#stepToken = -1;
    }
  }

  /** Ends cancelled; with `error` (the `CancelledError` the coroutine raised), awaiting gets it. */
  #finishCancelled(message: string | undefined, error?: CancelledError): void {
    this.#endStep();
    this.getLoop()[UNREGISTER_TASK](this);
    if (error === undefined) super.cancel(message);
    else super[CANCEL_WITH](error);
  }
}

/**
 * The task whose coroutine is running now, or `null` outside any task.
 *
 * Mirrors Python's `asyncio.current_task()`. Works from plain async functions
 * called by a task (the task is tracked with `AsyncLocalStorage`).
 *
 * @param loop The loop to ask about (default: the running loop).
 * @throws {RuntimeError} Without `loop` and with no running loop.
 *
 * @example
 * ```ts
 * import { currentTask, run } from "@denoio/asyncio";
 * await run(async () => {
 *   console.assert(currentTask()?.getName() !== undefined);
 * });
 * ```
 */
export function currentTask(loop?: EventLoop): Task<unknown> | null {
  const target = loop ?? _getRunningLoop();
  if (target === null) throw new RuntimeError("currentTask(): no running event loop");
  const task = taskContext.getStore();
  return task instanceof Task && task.getLoop() === target ? task : null;
}
