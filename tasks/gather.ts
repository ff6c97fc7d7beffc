// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `gather()`: run awaitables concurrently, collect their results in order.
 *
 * @module
 */
import { CancelledError } from "../errors.ts";
import type { Awaitable } from "../loop/ensure_future.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import { Future } from "../loop/future.ts";
import { _loopForNewObject } from "../loop/running_loop.ts";
import { cancelledErrorOf, checkIterable, toFuture } from "./_internal.ts";

/** Options for {@linkcode gather}. */
export interface GatherOptions {
  /**
   * Put errors (and `CancelledError`s of cancelled children) in the results
   * instead of rejecting with the first one.
   */
  returnExceptions?: boolean;
}

/** The result type of `gather()`: each awaitable's result, in order. */
export type GatherResults<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: Awaited<A[K] extends () => infer R ? R : A[K]>;
};

/** The result type of `gather(aws, { returnExceptions: true })`: results or errors. */
export type GatherSettledResults<A extends readonly unknown[]> = {
  -readonly [K in keyof A]: Awaited<A[K] extends () => infer R ? R : A[K]> | Error;
};

/**
 * The future that {@linkcode gather} returns: cancelling it cancels every child.
 *
 * Mirrors Python's `_GatheringFuture`.
 *
 * @typeParam T The results array type.
 */
export class GatheringFuture<T extends unknown[] = unknown[]> extends Future<T> {
  #children: Future<unknown>[];
  #cancelRequested = false;

  /**
   * Creates an instance (done by {@linkcode gather}).
   *
   * @param children The child futures.
   * @param loop The loop.
   */
  constructor(children: Future<unknown>[], loop: EventLoop) {
    super({ loop });
    this.#children = children;
  }

  /** The child futures, in input order (a copy). */
  get children(): Future<unknown>[] {
    return this.#children.slice();
  }

  /** Whether `cancel()` was called and reached a child. @ignore */
  get cancelRequested(): boolean {
    return this.#cancelRequested;
  }

  /**
   * Cancels every child that is not done; the gathering future then ends with
   * `CancelledError` once they are done.
   *
   * @param message Passed to each child's `cancel()`.
   * @returns Whether any child was cancelled.
   */
  override cancel(message?: string): boolean {
    if (this.done()) return false;
    let cancelled = false;
    for (const child of this.#children) {
      if (child.cancel(message)) cancelled = true;
    }
    if (cancelled) this.#cancelRequested = true;
    return cancelled;
  }
}

/**
 * Runs the awaitables concurrently and resolves to their results, in input
 * order. The first error rejects the returned future (the others keep
 * running) unless `returnExceptions` is set, which puts errors in the results.
 * Cancelling the returned future cancels every child; a cancelled child makes
 * it reject with `CancelledError` (or puts that error in the results).
 *
 * Mirrors Python's `asyncio.gather()`. Differences from Python: the awaitables
 * come as one iterable (like `Promise.all`); promises and async functions are
 * wrapped in tasks (`ensureFuture`); a future or promise given twice is
 * awaited once (its result appears twice), while a function given twice is
 * called twice (it is a coroutine function, like `Promise.all([f(), f()])`).
 *
 * @param aws Futures, tasks, promises or async functions.
 * @param options `{ returnExceptions }`.
 * @returns A future of the results array.
 * @throws {TypeError} If `aws` is not an iterable of awaitables.
 *
 * @example
 * ```ts
 * import { gather, run, sleep } from "@denoio/asyncio";
 * await run(async () => {
 *   const [a, b] = await gather([() => sleep(0.01, "a"), async () => "b"]);
 *   console.assert(a === "a" && b === "b");
 * });
 * ```
 */
export function gather<const A extends readonly unknown[]>(
  aws: A,
  options: GatherOptions & { returnExceptions: true },
): GatheringFuture<GatherSettledResults<A>>;
/**
 * Runs the awaitables concurrently (see above), with errors in the results.
 *
 * @param aws Futures, tasks, promises or async functions.
 * @param options `{ returnExceptions }`.
 * @returns A future of the results array.
 */
export function gather<const A extends readonly unknown[]>(
  aws: A,
  options?: GatherOptions,
): GatheringFuture<GatherResults<A>>;
/**
 * Runs the awaitables of an iterable concurrently (see the array overload).
 *
 * @param aws Futures, tasks, promises or async functions.
 * @param options `{ returnExceptions }`.
 * @returns A future of the results array.
 */
export function gather<T>(
  aws: Iterable<Awaitable<T>>,
  options?: GatherOptions,
): GatheringFuture<T[]>;
export function gather(
  aws: Iterable<Awaitable<unknown>>,
  options: GatherOptions = {},
): GatheringFuture<unknown[]> {
  checkIterable(aws, "gather()");
  const returnExceptions = Boolean(options.returnExceptions);
  const children: Future<unknown>[] = [];
  let seen: Map<unknown, Future<unknown>> | undefined;
  const alreadyDone: Future<unknown>[] = [];
  let loop: EventLoop | undefined = undefined;
  let nFutures = 0;
  let nFinished = 0;
  let outer: GatheringFuture<unknown[]> | null = null;

  const onChildDone = (child: Future<unknown>): void => {
    nFinished++;
    if (outer === null || outer.done()) {
      if (!child.cancelled()) child.exception(); // mark it retrieved
      return;
    }
    if (!returnExceptions) {
      if (child.cancelled()) {
        outer.setException(cancelledErrorOf(child));
        return;
      }
      const error = child.exception();
      if (error !== null) {
        outer.setException(error);
        return;
      }
    }
    if (nFinished === nFutures) {
      const n = children.length;
      const results = new Array(n);
      if (!returnExceptions && !outer.cancelRequested) {
        // Every child succeeded (a failure would have finished the outer).
        for (let i = 0; i < n; i++) results[i] = children[i].result();
        outer.setResult(results);
        return;
      }
      for (let i = 0; i < n; i++) {
        const fut = children[i];
        if (fut.cancelled()) {
          results[i] = new CancelledError(cancelledErrorOf(fut).message);
        } else {
          const error = fut.exception();
          results[i] = error !== null ? error : fut.result();
        }
      }
      if (outer.cancelRequested) outer.setException(cancelledErrorOf(child));
      else outer.setResult(results);
    }
  };

  for (const aw of aws) {
    let fut: Future<unknown> | undefined;
    if (aw instanceof Future) {
      // A future given twice gets two callbacks: counting registrations keeps
      // this path free of a lookup table.
      fut = aw;
      if (loop === undefined) loop = fut.getLoop();
      else if (fut.getLoop() !== loop) {
        throw new Error("gather(): the futures belong to different loops");
      }
    } else if (typeof aw === "function") {
      // A coroutine *function*: each entry is its own call and task.
      fut = toFuture(aw as Awaitable<unknown>, loop, "gather()");
      loop ??= fut.getLoop();
    } else {
      // The same promise is awaited once (as Python dedups the same awaitable).
      fut = (seen ??= new Map()).get(aw);
      if (fut !== undefined) {
        children.push(fut);
        continue;
      }
      fut = toFuture(aw as Awaitable<unknown>, loop, "gather()");
      loop ??= fut.getLoop();
      seen.set(aw, fut);
    }
    nFutures++;
    if (fut.done()) alreadyDone.push(fut);
    else fut.addDoneCallback(onChildDone);
    children.push(fut);
  }
  outer = new GatheringFuture(children, loop ?? _loopForNewObject("gather()"));
  if (nFutures === 0) outer.setResult([]);
  for (const fut of alreadyDone) onChildDone(fut);
  return outer;
}
