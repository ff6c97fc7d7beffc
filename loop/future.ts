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
  TRACK_UNRETRIEVED,
  type Unretrieved,
  UNTRACK_UNRETRIEVED,
  WANT_DRAIN,
} from "./_internal.ts";
import { type AwaitingTask, taskContext } from "./_task_context.ts";
import type { EventLoop, ExceptionContext } from "./event_loop.ts";
import { _loopForNewObject } from "./running_loop.ts";

const PENDING = 0;
const FINISHED = 1;
const FAILED = 2;
const CANCELLED = 3;

/** A done callback: called (through `callSoon`) with the future. */
export type DoneCallback<F> = (future: F) => void;

const unretrievedRegistry = new FinalizationRegistry<[EventLoop, Unretrieved]>(
  ([loop, state]) => {
    if (state.reported) return;
    state.reported = true;
    loop[UNTRACK_UNRETRIEVED](state);
    if (loop.isClosed()) return;
    const context: ExceptionContext = { message: state.message, exception: state.exception };
    if (state.sourceTraceback !== undefined) context.sourceTraceback = state.sourceTraceback;
    loop.callExceptionHandler(context);
  },
);

type Handler = ((value: never) => unknown) | null | undefined;

/**
 * One `then()` registration, scheduled on the loop's ready queue when the future is done. It is
 * also what `then()` returns: a thenable that creates a real promise only if someone chains on
 * it, so `await future` allocates no promise of its own.
 */
class Waiter implements PromiseLike<unknown> {
  #chained: PromiseWithResolvers<unknown> | null = null;
  #settled = false;
  #ok = true;
  #value: unknown = undefined;
  constructor(
    readonly future: Future<unknown>,
    readonly task: AwaitingTask | undefined,
    readonly onFulfilled: Handler,
    readonly onRejected: Handler,
  ) {}

  [RUN_HANDLE](): void {
    settleWaiter(this);
  }

  /** `<Handle await of <Future ...>>`: how debug mode's slow-callback warnings name it. */
  toString(): string {
    return `<Handle await of ${String(this.future)}>`;
  }

  /** Delivers the outcome to the handlers (and to a chained promise, if any). */
  deliver(ok: boolean, value: unknown): void {
    if (this.task === undefined) this.future.getLoop()[WANT_DRAIN]();
    const handler = ok ? this.onFulfilled : this.onRejected;
    if (typeof handler === "function") {
      try {
        value = (handler as (v: unknown) => unknown)(value);
        ok = true;
      } catch (e) {
        value = e;
        ok = false;
      }
    }
    this.#settled = true;
    this.#ok = ok;
    this.#value = value;
    const chained = this.#chained;
    if (chained !== null) {
      if (ok) chained.resolve(value);
      else chained.reject(value);
    } else if (!ok && typeof handler === "function") {
      // A handler threw and nobody chained on this then(): report it rather than lose it.
      this.future.getLoop().callExceptionHandler({
        message: "Exception in a then() callback of a Future",
        exception: value,
        future: this.future,
      });
    }
  }

  then<R1 = unknown, R2 = never>(
    onFulfilled?: ((value: unknown) => R1 | PromiseLike<R1>) | null,
    // deno-lint-ignore no-explicit-any
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (this.#chained === null) {
      this.#chained = Promise.withResolvers<unknown>();
      if (this.#settled) {
        if (this.#ok) this.#chained.resolve(this.#value);
        else this.#chained.reject(this.#value);
      }
    }
    return this.#chained.promise.then(onFulfilled, onRejected);
  }
}

/** `future[CANCEL_WITH](error)`: cancel with that `CancelledError` object (tasks). */
export const CANCEL_WITH: unique symbol = Symbol("cancelWith");

let settleWaiter: (waiter: Waiter) => void;
/** Delivers a done future's outcome to `waiter`, with no task wake-up (no cancellation check). */
let settleDone: (waiter: Waiter) => void;

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
 * goes through `then()` (a future is a thenable, not a `Promise`: wrap it in
 * `Promise.resolve(future)` for `.catch()`/`.finally()`); awaiting a future
 * that is already done continues in a microtask without a loop iteration (as
 * Python's `await` of a done future does not suspend).
 *
 * @typeParam T The result type.
 *
 * @example
 * ```ts
 * import { run, getRunningLoop } from "@denoio/asyncio";
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
  /** The result, the exception, or the cancel message, by state. */
  #value: unknown = undefined;
  // deno-lint-ignore no-explicit-any
  #callbacks: (DoneCallback<any> | Waiter)[] | null = null;
  #unretrieved: Unretrieved | null = null;
  #cancelledExc: CancelledError | null = null;
  #loop: EventLoop;

  static {
    settleWaiter = (waiter: Waiter): void => {
      const future = waiter.future;
      const cancellation = waiter.task?.wake(future, future.#state === CANCELLED) ?? null;
      if (cancellation !== null) return waiter.deliver(false, cancellation);
      settleDone(waiter);
    };
    settleDone = (waiter: Waiter): void => {
      const future = waiter.future;
      const state = future.#state;
      if (state === CANCELLED) return waiter.deliver(false, future.#makeCancelledError());
      if (state === FAILED) {
        future.#markRetrieved();
        return waiter.deliver(false, future.#value);
      }
      waiter.deliver(true, future.#value);
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
    const state = this.#state;
    if (state === FINISHED) return this.#value as T;
    if (state === CANCELLED) throw this.#makeCancelledError();
    if (state === PENDING) throw new InvalidStateError("Result is not ready.");
    this.#markRetrieved();
    throw this.#value;
  }

  /**
   * The exception, or `null` if the future finished with a result.
   *
   * @throws {CancelledError} If the future was cancelled.
   * @throws {InvalidStateError} If it is not done yet.
   */
  exception(): unknown {
    const state = this.#state;
    if (state === CANCELLED) throw this.#makeCancelledError();
    if (state === PENDING) throw new InvalidStateError("Exception is not set.");
    if (state === FINISHED) return null;
    this.#markRetrieved();
    return this.#value;
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
    this.#value = value;
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
    this.#value = exception;
    this.#state = FAILED;
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
    return this.#cancel(message);
  }

  #cancel(message: string | undefined): boolean {
    if (this.#state !== PENDING) return false;
    this.#state = CANCELLED;
    this.#value = message;
    this.#scheduleCallbacks();
    return true;
  }

  /**
   * Cancels with `error` itself: the first to retrieve the cancellation gets that very object
   * (Python's `_cancelled_exc`; a task that ends with the `CancelledError` it raised). @ignore
   */
  [CANCEL_WITH](error: CancelledError): boolean {
    if (!this.#cancel(error.message || undefined)) return false;
    this.#cancelledExc = error;
    return true;
  }

  /**
   * Makes the future awaitable: `await future` resolves to the result or
   * throws the exception (`CancelledError` if cancelled). Inside a task it
   * also records that the task waits on this future, so that cancelling the
   * task cancels this await. The handlers run from a loop callback; the
   * returned thenable becomes a real promise only when chained on.
   */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    // deno-lint-ignore no-explicit-any
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    const task = taskContext.getStore();
    const waiter = new Waiter(this, task, onFulfilled as Handler, onRejected as Handler);
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
        queueMicrotask(() => waiter.deliver(false, refusal));
        return waiter as PromiseLike<R1 | R2>;
      }
      // A done future does not suspend the task (Python's `__await__` yields only while
      // pending): the step goes on, and a pending cancel waits for the next real suspension.
      if (this.#state === PENDING) task.suspendOn(this);
    }
    if (this.#state === PENDING) {
      if (this.#callbacks === null) this.#callbacks = [waiter];
      else this.#callbacks.push(waiter);
    } else {
      queueMicrotask(() => settleDone(waiter));
    }
    return waiter as PromiseLike<R1 | R2>;
  }

  /** A short description: `<Future pending>`, `<Future finished result=1>`. */
  toString(): string {
    const name = this.constructor.name;
    const state = this.#state;
    if (state === PENDING) return `<${name} pending>`;
    if (state === CANCELLED) return `<${name} cancelled>`;
    if (state === FAILED) return `<${name} finished exception=${String(this.#value)}>`;
    return `<${name} finished result=${String(this.#value)}>`;
  }

  #makeCancelledError(): CancelledError {
    const saved = this.#cancelledExc;
    if (saved !== null) {
      this.#cancelledExc = null;
      return saved;
    }
    return new CancelledError(this.#value as string | undefined);
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
 * import { isFuture } from "@denoio/asyncio";
 * console.assert(!isFuture(Promise.resolve(1)));
 * ```
 */
export function isFuture(value: unknown): value is Future<unknown> {
  return value instanceof Future;
}
