// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Helpers shared by the files of tasks/.
import { CancelledError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import { type Awaitable, ensureFuture } from "../loop/ensure_future.ts";
import { Future } from "../loop/future.ts";

/**
 * A loop future that settles (through the loop) with a thenable. Unlike a task
 * wrapping it, it can be cancelled at once (the thenable's outcome is then
 * ignored). Never leaves an unhandled rejection.
 */
export function futureFromThenable<T>(loop: EventLoop, thenable: PromiseLike<T>): Future<T> {
  const future = loop.createFuture<T>();
  const settle = (ok: boolean, value: unknown) => {
    if (future.done()) return;
    if (ok) future.setResult(value as T);
    else future.setException(value ?? new Error(`promise rejected with ${value}`));
  };
  Promise.resolve(thenable).then(
    (value) => loop.callSoon(settle, true, value),
    (error) => loop.callSoon(settle, false, error),
  );
  return future;
}

/** Throws a TypeError unless `aws` is an iterable (and not a single awaitable). */
export function checkIterable(aws: unknown, what: string): asserts aws is Iterable<unknown> {
  if (
    aws === null || typeof aws !== "object" || aws instanceof Future ||
    typeof (aws as PromiseLike<unknown>).then === "function" ||
    typeof (aws as Iterable<unknown>)[Symbol.iterator] !== "function"
  ) {
    throw new TypeError(
      `${what}: expected an iterable (an array) of awaitables, got ${describe(aws)}`,
    );
  }
}

/** `ensureFuture()` with the caller's name in the error message. */
export function toFuture<T>(
  aw: Awaitable<T>,
  loop: EventLoop | undefined,
  what: string,
): Future<T> {
  try {
    return ensureFuture(aw, loop);
  } catch (e) {
    if (e instanceof TypeError) {
      throw new TypeError(
        `${what}: expected a Future, a promise or an async function, got ${describe(aw)}`,
      );
    }
    throw e;
  }
}

/** The `CancelledError` a cancelled future throws, without marking anything. */
export function cancelledErrorOf(future: Future<unknown>): CancelledError {
  try {
    future.result();
  } catch (e) {
    if (e instanceof CancelledError) return e;
  }
  return new CancelledError();
}
