// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `sleep()`: suspend the current task.
 *
 * @module
 */
import { NativeWait } from "../loop/_native_wait.ts";
import { describe } from "../loop/_internal.ts";
import { getRunningLoop } from "../loop/running_loop.ts";

function wakeSleeper<T>(wait: NativeWait<T>, value: T): void {
  wait.wake(value);
}

/**
 * Suspends the current task for `delay` seconds, then resolves to `result`.
 * `sleep(0)` yields for exactly one loop iteration, letting other tasks run.
 * Cancelling the task while it sleeps makes `sleep()` throw `CancelledError`
 * at once.
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
 * import { run, sleep } from "@denoio/asyncio";
 * await run(async () => {
 *   const v = await sleep(0.01, "done");
 *   console.assert(v === "done");
 * });
 * ```
 */
export function sleep<T = undefined>(delay: number, result?: T): Promise<T> {
  if (typeof delay !== "number" || Number.isNaN(delay)) {
    throw new RangeError(`sleep(): expected delay in seconds, got ${describe(delay)}`);
  }
  const loop = getRunningLoop();
  const wait = NativeWait.reuse<T>(loop);
  if (delay <= 0) {
    wait.wake(result as T);
  } else if (wait.pending()) {
    wait.timer = loop.callLater(delay, wakeSleeper, wait, result as T);
  }
  return wait.promise;
}
