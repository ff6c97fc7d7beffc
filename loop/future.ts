// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Future`: a result that arrives later, bound to an event loop.
 *
 * @module
 */
import { CancelledError, InvalidStateError, RuntimeError } from "../errors.ts";
import {
  checkCallable,
  RUN_HANDLE,
  SCHEDULE,
  TASK_WOKEN,
  TRACK_UNRETRIEVED,
  type Unretrieved,
  UNTRACK_UNRETRIEVED,
} from "./_internal.ts";
import { type AwaitingTask, taskContext } from "./_task_context.ts";
import type { EventLoop } from "./event_loop.ts";
import { _loopForNewObject } from "./running_loop.ts";

const PENDING = 0;
const FINISHED = 1;
const CANCELLED = 2;

/** A done callback: called (through `callSoon`) with the future. */
export type DoneCallback<F> = (future: F) => void;

const unretrievedRegistry = new FinalizationRegistry<[EventLoop, Unretrieved]>(
  ([loop, state]) => {
    if (state.reported) return;
    state.reported = true;
    loop[UNTRACK_UNRETRIEVED](state);
    if (loop.isClosed()) return;
    loop.callExceptionHandler({
      message: state.message,
      exception: state.exception,
      sourceTraceback: state.sourceTraceback,
    });
  },
);

type Handler = ((value: never) => unknown) | null | undefined;

/** One `then()` registration: scheduled on the loop's ready queue when the future is done. */
class Waiter {
  resolve!: (value: unknown) => void;
  reject!: (reason: unknown) => void;
  constructor(
    readonly future: Future<unknown>,
    readonly task: AwaitingTask | undefined,
    readonly onFulfilled: Handler,
    readonly onRejected: Handler,
  ) {}

  [RUN_HANDLE](): void {
    settleWaiter(this);
  }
}

let pendingWaiter: Waiter;
function captureResolvers(resolve: (value: never) => void, reject: (reason: unknown) => void) {
  pendingWaiter.resolve = resolve as (value: unknown) => void;
  pendingWaiter.reject = reject;
}

function deliver(waiter: Waiter, ok: boolean, value: unknown): void {
  if (waiter.task === undefined) waiter.future.getLoop()[TASK_WOKEN]();
  const handler = ok ? waiter.onFulfilled : waiter.onRejected;
  if (typeof handler !== "function") {
    if (ok) waiter.resolve(value);
    else waiter.reject(value);
    return;
  }
  try {
    waiter.resolve((handler as (v: unknown) => unknown)(value));
  } catch (e) {
    waiter.reject(e);
  }
}

let settleWaiter: (waiter: Waiter) => void;
let makeYieldFuture: <V>(loop: EventLoop, value: V) => Future<V>;

/**
 * A future that is done with `value` but resumes whoever awaits it through
 * `callSoon()`: one loop iteration later, as Python's `sleep(0)`. Internal.
 */
export function _yieldFuture<V>(loop: EventLoop, value: V): Future<V> {
  return makeYieldFuture(loop, value);
}

/** Options for `new Future()`. */
export interface FutureOptions {
  /** The loop to bind to; default: the running loop, else the current one. */
  loop?: EventLoop;
}

/**
 * A result that arrives later. Awaitable (it is a thenable); done callbacks
 * are scheduled with the loop's `callSoon()`, never called synchronously.
 *
 * Mirrors Python's `asyncio.Future`. Differences from Python: `await future`
 * goes through `then()`, which returns a native `Promise`; awaiting a future
 * that is already done continues in a microtask without a loop iteration (as
 * Python's `await` of a done future does not suspend).
 *
 * @typeParam T The result type.
 *
 * @example
 * ```ts
 * import { run, getRunningLoop } from "./mod.ts";
 * const value = await run(async () => {
 *   const fut = getRunningLoop().createFuture<number>();
 *   getRunningLoop().callSoon(() => fut.setResult(42));
 *   return await fut;
 * });
 * console.assert(value === 42);
 * ```
 */
export class Future<T = unknown> implements PromiseLike<T> {
  #state = PENDING;
  #result: T | undefined = undefined;
  #exception: unknown = undefined;
  #hasException = false;
  // deno-lint-ignore no-explicit-any
  #callbacks: (DoneCallback<any> | Waiter)[] | null = null;
  #cancelMessage: string | undefined = undefined;
  #cancelledError: CancelledError | null = null;
  #unretrieved: Unretrieved | null = null;
  #resumeThroughLoop = false;
  #loop: EventLoop;

  static {
    settleWaiter = (waiter: Waiter): void => {
      const future = waiter.future;
      const cancellation = waiter.task?.wake(future) ?? null;
      if (cancellation !== null) return deliver(waiter, false, cancellation);
      if (future.#state === CANCELLED) return deliver(waiter, false, future.#makeCancelledError());
      future.#markRetrieved();
      if (future.#hasException) return deliver(waiter, false, future.#exception);
      deliver(waiter, true, future.#result);
    };
    makeYieldFuture = <V>(loop: EventLoop, value: V): Future<V> => {
      const future = new Future<V>({ loop });
      future.#state = FINISHED;
      future.#result = value;
      future.#resumeThroughLoop = true;
      return future;
    };
  }
  /** Where the future was created (debug mode only). */
  readonly sourceTraceback: string | undefined;

  /**
   * Creates an instance.
   *
   * @param options `{ loop }`: the loop to bind to.
   */
  constructor(options: FutureOptions = {}) {
    this.#loop = options.loop ?? _loopForNewObject("new Future()");
    this.sourceTraceback = this.#loop.getDebug() ? new Error().stack : undefined;
  }

  /** The loop this future is bound to. */
  getLoop(): EventLoop {
    return this.#loop;
  }

  /** Whether the future has a result, an exception, or was cancelled. */
  done(): boolean {
    return this.#state !== PENDING;
  }

  /** Whether the future was cancelled. */
  cancelled(): boolean {
    return this.#state === CANCELLED;
  }

  /**
   * The result.
   *
   * @throws {CancelledError} If the future was cancelled.
   * @throws {InvalidStateError} If it is not done yet.
   * @throws The future's exception, if it has one.
   */
  result(): T {
    if (this.#state === CANCELLED) throw this.#makeCancelledError();
    if (this.#state === PENDING) throw new InvalidStateError("Result is not ready.");
    this.#markRetrieved();
    if (this.#hasException) throw this.#exception;
    return this.#result as T;
  }

  /**
   * The exception, or `null` if the future finished with a result.
   *
   * @throws {CancelledError} If the future was cancelled.
   * @throws {InvalidStateError} If it is not done yet.
   */
  exception(): unknown {
    if (this.#state === CANCELLED) throw this.#makeCancelledError();
    if (this.#state === PENDING) throw new InvalidStateError("Exception is not set.");
    this.#markRetrieved();
    return this.#hasException ? this.#exception : null;
  }

  /**
   * Schedules `callback(future)` for when the future is done (at once, through
   * `callSoon()`, if it is done already).
   *
   * @param callback Called with this future.
   */
  addDoneCallback(callback: DoneCallback<this>): void {
    checkCallable(callback, "addDoneCallback(): callback");
    if (this.#state !== PENDING) {
      this.#loop.callSoon(callback, this);
    } else if (this.#callbacks === null) {
      this.#callbacks = [callback];
    } else {
      this.#callbacks.push(callback);
    }
  }

  /**
   * Removes every registration of `callback`.
   *
   * @returns How many were removed.
   */
  removeDoneCallback(callback: DoneCallback<this>): number {
    const callbacks = this.#callbacks;
    if (callbacks === null) return 0;
    const kept = callbacks.filter((cb) => cb !== callback);
    this.#callbacks = kept.length > 0 ? kept : null;
    return callbacks.length - kept.length;
  }

  /**
   * Marks the future done with `value` and schedules the done callbacks.
   *
   * @throws {InvalidStateError} If it is already done.
   */
  setResult(value: T): void {
    if (this.#state !== PENDING) {
      throw new InvalidStateError(`setResult(): ${this} is already done`);
    }
    this.#result = value;
    this.#state = FINISHED;
    this.#scheduleCallbacks();
  }

  /**
   * Marks the future done with an exception and schedules the done callbacks.
   * If nobody retrieves the exception, the loop's exception handler reports
   * it ("exception was never retrieved") when the future is garbage collected,
   * or at the latest when the loop closes.
   *
   * @throws {InvalidStateError} If it is already done.
   * @throws {TypeError} If `exception` is `undefined` or `null`.
   */
  setException(exception: unknown): void {
    if (this.#state !== PENDING) {
      throw new InvalidStateError(`setException(): ${this} is already done`);
    }
    if (exception === undefined || exception === null) {
      throw new TypeError(`setException(): expected an error, got ${exception}`);
    }
    this.#exception = exception;
    this.#hasException = true;
    this.#state = FINISHED;
    const state: Unretrieved = {
      message: `${this.constructor.name} exception was never retrieved`,
      exception,
      future: new WeakRef(this),
      sourceTraceback: this.sourceTraceback,
      reported: false,
    };
    this.#unretrieved = state;
    this.#loop[TRACK_UNRETRIEVED](state);
    unretrievedRegistry.register(this, [this.#loop, state], state);
    this.#scheduleCallbacks();
  }

  /**
   * Cancels the future: it becomes done and cancelled, and the done callbacks
   * are scheduled.
   *
   * @param message Carried by the `CancelledError` that awaiting it throws.
   * @returns `false` if it was already done, else `true`.
   */
  cancel(message?: string): boolean {
    if (this.#state !== PENDING) return false;
    this.#state = CANCELLED;
    this.#cancelMessage = message;
    this.#scheduleCallbacks();
    return true;
  }

  /**
   * Makes the future awaitable: `await future` resolves to the result or
   * throws the exception (`CancelledError` if cancelled). Inside a task it
   * also records that the task waits on this future, so that cancelling the
   * task cancels this await.
   */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // deno-lint-ignore no-explicit-any
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const task = taskContext.getStore();
    const waiter = new Waiter(this, task, onFulfilled, onRejected);
    pendingWaiter = waiter;
    const promise = new Promise<R1 | R2>(captureResolvers);
    if (task !== undefined) {
      let refusal: RuntimeError | null = null;
      if ((task as unknown) === this) {
        refusal = new RuntimeError(`${this} cannot await itself`);
      } else if (task.awaitLoop !== this.#loop) {
        refusal = new RuntimeError(
          `${task} awaited ${this}, which is attached to a different loop`,
        );
      }
      if (refusal !== null) {
        queueMicrotask(() => deliver(waiter, false, refusal));
        return promise;
      }
      task.suspendOn(this);
    }
    if (this.#state === PENDING) {
      if (this.#callbacks === null) this.#callbacks = [waiter];
      else this.#callbacks.push(waiter);
    } else if (this.#resumeThroughLoop) {
      this.#loop[SCHEDULE](waiter);
    } else {
      queueMicrotask(() => settleWaiter(waiter));
    }
    return promise;
  }

  /** A short description: `<Future pending>`, `<Future finished result=1>`. */
  toString(): string {
    const name = this.constructor.name;
    if (this.#state === PENDING) return `<${name} pending>`;
    if (this.#state === CANCELLED) return `<${name} cancelled>`;
    if (this.#hasException) return `<${name} finished exception=${String(this.#exception)}>`;
    return `<${name} finished result=${String(this.#result)}>`;
  }

  /** The cancel message given to `cancel()`, if any. Internal for tasks. */
  protected get cancelMessage(): string | undefined {
    return this.#cancelMessage;
  }

  #makeCancelledError(): CancelledError {
    return this.#cancelledError ??= new CancelledError(this.#cancelMessage);
  }

  #markRetrieved(): void {
    const state = this.#unretrieved;
    if (state === null) return;
    this.#unretrieved = null;
    state.reported = true;
    unretrievedRegistry.unregister(state);
    this.#loop[UNTRACK_UNRETRIEVED](state);
  }

  #scheduleCallbacks(): void {
    const callbacks = this.#callbacks;
    if (callbacks === null) return;
    this.#callbacks = null;
    const loop = this.#loop;
    for (let i = 0; i < callbacks.length; i++) {
      const callback = callbacks[i];
      if (typeof callback === "function") loop.callSoon(callback, this);
      else loop[SCHEDULE](callback);
    }
  }
}

/**
 * Whether `value` is a {@linkcode Future} (or a {@linkcode Task}).
 *
 * Mirrors Python's `asyncio.isfuture()`.
 *
 * @example
 * ```ts
 * import { isFuture } from "./mod.ts";
 * console.assert(!isFuture(Promise.resolve(1)));
 * ```
 */
export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}
