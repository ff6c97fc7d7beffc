// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `shield()`: protect an awaitable from cancellation.
 *
 * @module
 */
import type { Awaitable } from "../loop/ensure_future.ts";
import type { Future } from "../loop/future.ts";
import { toFuture } from "./_internal.ts";

/**
 * Returns a future that follows `aw` but whose cancellation does not cancel
 * `aw`: if the task awaiting `shield(aw)` is cancelled, that await throws
 * `CancelledError` while `aw` keeps running. If `aw` itself is cancelled, the
 * returned future is cancelled too. An already-done `aw` is returned as is.
 *
 * Mirrors Python's `asyncio.shield()`.
 *
 * @param aw A future, task, promise or async function (wrapped in a task).
 * @returns The outer future.
 * @throws {TypeError} If `aw` is not awaitable.
 *
 * @example
 * ```ts
 * import { CancelledError, createTask, run, shield, sleep } from "@denoio/asyncio";
 * await run(async () => {
 *   const inner = createTask(() => sleep(0.01, "saved"));
 *   const outer = createTask(() => shield(inner));
 *   await sleep(0);
 *   outer.cancel();
 *   try { await outer; } catch (e) { console.assert(e instanceof CancelledError); }
 *   console.assert((await inner) === "saved");
 * });
 * ```
 */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  const inner = toFuture(aw, undefined, "shield()");
  if (inner.done()) return inner;
  const loop = inner.getLoop();
  const outer = loop.createFuture<T>();
  const onInnerDone = (inner: Future<T>) => {
    if (outer.cancelled()) {
      if (!inner.cancelled()) inner.exception(); // mark it retrieved
      return;
    }
    if (inner.cancelled()) {
      outer.cancel();
      return;
    }
    const error = inner.exception();
    if (error !== null) outer.setException(error);
    else outer.setResult(inner.result());
  };
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(() => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  });
  return outer;
}
