// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `abortSignalFor()`: an `AbortSignal` that follows a future's cancellation.
 *
 * @module
 */
import type { Awaitable } from "../loop/ensure_future.ts";
import type { Future } from "../loop/future.ts";
import { cancelledErrorOf, toFuture } from "./_internal.ts";

/**
 * An `AbortSignal` aborted (with the `CancelledError` as its `reason`) when
 * `aw` is cancelled, so that web and Deno APIs (`fetch()`, `Deno.connect()`,
 * streams) stop with it. It never aborts if `aw` finishes otherwise.
 *
 * Part of this library's web interop (not in Python). For a task,
 * `task.signal` aborts earlier, at the first cancel request.
 *
 * @param aw A future or task (a promise or async function is wrapped in a task).
 * @returns The signal.
 * @throws {TypeError} If `aw` is not awaitable.
 *
 * @example
 * ```ts
 * import { abortSignalFor, getRunningLoop, run, sleep } from "@denoio/asyncio";
 * await run(async () => {
 *   const fut = getRunningLoop().createFuture();
 *   const signal = abortSignalFor(fut);
 *   fut.cancel("stop");
 *   await sleep(0);
 *   console.assert(signal.aborted && signal.reason.message === "stop");
 * });
 * ```
 */
export function abortSignalFor(aw: Awaitable<unknown>): AbortSignal {
  const future = toFuture(aw, undefined, "abortSignalFor()");
  const controller = new AbortController();
  if (future.cancelled()) {
    controller.abort(cancelledErrorOf(future));
  } else if (!future.done()) {
    future.addDoneCallback((f: Future<unknown>) => {
      if (f.cancelled()) controller.abort(cancelledErrorOf(f));
    });
  }
  return controller.signal;
}
