// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `asCompleted()`: results (or futures) in the order they complete.
 *
 * @module
 */
import { TimeoutError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import type { Awaitable } from "../loop/ensure_future.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import type { TimerHandle } from "../loop/handle.ts";
import { _loopForNewObject } from "../loop/running_loop.ts";
import { cancelledErrorOf, checkIterable, toFuture } from "./_internal.ts";

/** Options for {@linkcode asCompleted}. */
export interface AsCompletedOptions {
  /**
   * Seconds after which the awaitables not yet yielded throw `TimeoutError`
   * (default `null`: no limit). The futures are not cancelled.
   */
  timeout?: number | null;
}

/**
 * A future yielded by `for await (const fut of asCompleted(...))`: done, and
 * typed without `then` so that TypeScript does not take it for its result
 * (TypeScript assumes `for await` awaits each value; here the value is the
 * future itself, as in Python 3.13). At runtime it is the `Future` or `Task`.
 */
export type CompletedFuture<T> = Omit<Future<T>, "then">;

interface Waiter {
  future: Future<unknown>;
  /** Resolve with the result (sync iteration) or with `{ value: future, done }`. */
  resolve: boolean;
}

/**
 * What {@linkcode asCompleted} returns: iterate it with `for` to get one
 * awaitable per input, each resolving to the next result in completion
 * order, or with `for await` to get the futures themselves as they complete.
 *
 * Mirrors Python's `_AsCompletedIterator` (3.13).
 *
 * @typeParam T The result type.
 */
export class AsCompletedIterator<T>
  implements IterableIterator<PromiseLike<T>>, AsyncIterable<CompletedFuture<T>> {
  #loop: EventLoop;
  #todo: Set<Future<T>>;
  #todoLeft: number;
  #done: (Future<T> | null)[] = [];
  #doneHead = 0;
  #waiters: Waiter[] = [];
  #waitersHead = 0;
  #timer: TimerHandle | null = null;

  /**
   * Creates an instance (done by {@linkcode asCompleted}).
   *
   * @param futures The futures to watch.
   * @param loop Their loop.
   * @param timeout Seconds, or `null`.
   */
  constructor(futures: Set<Future<T>>, loop: EventLoop, timeout: number | null) {
    this.#loop = loop;
    this.#todo = futures;
    this.#todoLeft = futures.size;
    for (const f of futures) f.addDoneCallback(this.#onCompletion);
    if (futures.size > 0 && timeout !== null) {
      this.#timer = loop.callLater(timeout, this.#onTimeout);
    }
  }

  /** This object, an iterator of awaitables: `for (const next of asCompleted(aws)) await next`. */
  [Symbol.iterator](): this {
    return this;
  }

  /**
   * An async iterator over the futures as they complete:
   * `for await (const fut of asCompleted(aws))`. Its `next()` throws
   * `TimeoutError` if the timeout passed first.
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<CompletedFuture<T>> {
    const iterator: AsyncIterableIterator<CompletedFuture<T>> = {
      next: async (): Promise<IteratorResult<CompletedFuture<T>, undefined>> => {
        if (this.#todoLeft === 0) return { value: undefined, done: true };
        this.#todoLeft--;
        return (await this.#waitForOne(false)) as IteratorResult<CompletedFuture<T>, undefined>;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * The next awaitable: it resolves to the result of the next future to
   * complete (or throws its error, or `TimeoutError`). It takes its place in
   * the line when it is first awaited, as Python's coroutine does when it
   * starts: of two awaitables, the one awaited first gets the first result.
   */
  next(): IteratorResult<PromiseLike<T>, undefined> {
    if (this.#todoLeft === 0) return { value: undefined, done: true };
    this.#todoLeft--;
    let waiter: Future<T> | null = null;
    const value: PromiseLike<T> = {
      then: (onFulfilled, onRejected) => {
        waiter ??= this.#waitForOne(true) as Future<T>;
        return waiter.then(onFulfilled, onRejected);
      },
    };
    return { value, done: false };
  }

  #waitForOne(resolve: boolean): Future<unknown> {
    const waiter: Waiter = { future: this.#loop.createFuture(), resolve };
    this.#waiters.push(waiter);
    this.#dispatch();
    return waiter.future;
  }

  /** Hands completed futures to waiters, in order; cancelled waiters are skipped. */
  #dispatch(): void {
    while (this.#doneHead < this.#done.length && this.#waitersHead < this.#waiters.length) {
      const waiter = this.#waiters[this.#waitersHead++];
      if (waiter.future.done()) continue;
      const f = this.#done[this.#doneHead];
      this.#done[this.#doneHead++] = null;
      if (f === null) {
        waiter.future.setException(new TimeoutError());
      } else if (!waiter.resolve) {
        waiter.future.setResult({ value: f, done: false });
      } else if (f.cancelled()) {
        waiter.future.setException(cancelledErrorOf(f));
      } else {
        const error = f.exception();
        if (error !== null) waiter.future.setException(error);
        else waiter.future.setResult(f.result());
      }
    }
    if (this.#waitersHead === this.#waiters.length) {
      this.#waiters.length = 0;
      this.#waitersHead = 0;
    }
  }

  #onTimeout = (): void => {
    for (const f of this.#todo) {
      f.removeDoneCallback(this.#onCompletion);
      this.#done.push(null);
    }
    this.#todo.clear();
    this.#dispatch();
  };

  #onCompletion = (f: Future<T>): void => {
    if (!this.#todo.delete(f)) return;
    this.#done.push(f);
    if (this.#todo.size === 0) this.#timer?.cancel();
    this.#dispatch();
  };
}

/**
 * Iterates over the awaitables in the order they complete.
 *
 * - `for (const next of asCompleted(aws)) { const r = await next; }`: each
 *   `next` resolves to the next result (or throws its error).
 * - `for await (const fut of asCompleted(aws)) { fut.result(); }`: yields the
 *   futures (tasks) themselves as they complete (Python 3.13).
 *
 * With `timeout`, what has not completed in time throws `TimeoutError`.
 *
 * Mirrors Python's `asyncio.as_completed()`. Differences from Python: the
 * awaitables come as one iterable; a future or promise given twice counts
 * once, a function given twice is called twice.
 *
 * @param aws Futures, tasks, promises or async functions.
 * @param options `{ timeout }`.
 * @returns An iterable and async-iterable.
 * @throws {TypeError} If `aws` is not an iterable of awaitables.
 *
 * @example
 * ```ts
 * import { asCompleted, run, sleep } from "@denoio/asyncio";
 * await run(async () => {
 *   const order: string[] = [];
 *   for (const next of asCompleted([() => sleep(0.02, "slow"), () => sleep(0.01, "fast")])) {
 *     order.push(await next);
 *   }
 *   console.assert(order.join() === "fast,slow");
 * });
 * ```
 */
export function asCompleted<T>(
  aws: Iterable<Awaitable<T>>,
  options: AsCompletedOptions = {},
): AsCompletedIterator<T> {
  checkIterable(aws, "asCompleted()");
  const { timeout = null } = options;
  if (timeout !== null && (typeof timeout !== "number" || Number.isNaN(timeout))) {
    throw new RangeError(
      `asCompleted(): expected timeout in seconds or null, got ${describe(timeout)}`,
    );
  }
  const loop = _loopForNewObject("asCompleted()");
  const seen = new Set<unknown>();
  const futures = new Set<Future<T>>();
  for (const aw of aws) {
    // A function is a coroutine function: each entry is its own call and task.
    if (typeof aw !== "function") {
      if (seen.has(aw)) continue;
      seen.add(aw);
    }
    futures.add(toFuture(aw, loop, "asCompleted()"));
  }
  return new AsCompletedIterator(futures, loop, timeout);
}
