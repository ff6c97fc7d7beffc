// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `sleep()`: suspend the current task.
 *
 * @module
 */
import { _yieldFuture, type Future } from "../loop/future.ts";
import { describe } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import { getRunningLoop } from "../loop/running_loop.ts";

function setResultUnlessCancelled<T>(future: Future<T>, value: T): void {
  if (!future.done()) future.setResult(value);
}

async function sleepFor<T>(loop: EventLoop, delay: number, result: T): Promise<T> {
  const future = loop.createFuture<T>();
  const timer = loop.callLater(delay, setResultUnlessCancelled, future, result);
  try {
    return await future;
  } finally {
    timer.cancel();
  }
}

/**
 * Suspends the current task for `delay` seconds, then resolves to `result`.
 * `sleep(0)` yields for exactly one loop iteration, letting other tasks run.
 *
 * Mirrors Python's `asyncio.sleep()`.
 *
 * @param delay Seconds (0 or less: one iteration).
 * @param result The value to resolve to.
 * @throws {RangeError} If `delay` is NaN or not a number.
 * @throws {RuntimeError} Outside a running loop.
 *
 * @example
 * ```ts
 * import { run, sleep } from "./mod.ts";
 * await run(async () => {
 *   const v = await sleep(0.01, "done");
 *   console.assert(v === "done");
 * });
 * ```
 */
export function sleep<T = undefined>(delay: number, result?: T): PromiseLike<T> {
  if (typeof delay !== "number" || Number.isNaN(delay)) {
    throw new RangeError(`sleep(): expected delay in seconds, got ${describe(delay)}`);
  }
  const loop = getRunningLoop();
  if (delay <= 0) return _yieldFuture(loop, result as T);
  return sleepFor(loop, delay, result as T);
}
