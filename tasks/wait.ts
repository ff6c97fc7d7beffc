// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `wait()`: wait for some or all of a set of futures, with a timeout.
 *
 * @module
 */
import { describe } from "../loop/_internal.ts";
import type { Awaitable } from "../loop/ensure_future.ts";
import type { Future } from "../loop/future.ts";
import type { TimerHandle } from "../loop/handle.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import { checkIterable, toFuture } from "./_internal.ts";

/**
 * `wait()` returns when any future finishes or is cancelled.
 *
 * Mirrors Python's `asyncio.FIRST_COMPLETED`.
 *
 * @example
 * ```ts
 * import { FIRST_COMPLETED, run, sleep, wait } from "@denoio/asyncio";
 * await run(async () => {
 *   const [done] = await wait([() => sleep(0), () => sleep(1)], { returnWhen: FIRST_COMPLETED });
 *   console.assert(done.size === 1);
 * });
 * ```
 */
export const FIRST_COMPLETED = "FIRST_COMPLETED";
/**
 * `wait()` returns when any future fails (finishes with an exception), or
 * when all are done.
 *
 * Mirrors Python's `asyncio.FIRST_EXCEPTION`.
 *
 * @example
 * ```ts
 * import { FIRST_EXCEPTION, run, sleep, wait } from "@denoio/asyncio";
 * await run(async () => {
 *   const boom = async () => { throw new Error("boom"); };
 *   const [done, pending] = await wait([boom, () => sleep(1)], { returnWhen: FIRST_EXCEPTION });
 *   console.assert(done.size === 1 && pending.size === 1);
 *   for (const f of pending) f.cancel();
 * });
 * ```
 */
export const FIRST_EXCEPTION = "FIRST_EXCEPTION";
/**
 * `wait()` returns when all futures are done (the default).
 *
 * Mirrors Python's `asyncio.ALL_COMPLETED`.
 *
 * @example
 * ```ts
 * import { ALL_COMPLETED, run, sleep, wait } from "@denoio/asyncio";
 * await run(async () => {
 *   const [done, pending] = await wait([() => sleep(0)], { returnWhen: ALL_COMPLETED });
 *   console.assert(done.size === 1 && pending.size === 0);
 * });
 * ```
 */
export const ALL_COMPLETED = "ALL_COMPLETED";

/** When {@linkcode wait} returns. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** Options for {@linkcode wait}. */
export interface WaitOptions {
  /** Seconds to wait at most (default `null`: no limit). Futures are not cancelled then. */
  timeout?: number | null;
  /** When to return (default {@linkcode ALL_COMPLETED}). */
  returnWhen?: ReturnWhen;
}

/**
 * Waits until the futures are done as `returnWhen` says, or until the
 * timeout, and resolves to `[done, pending]` (two Sets of futures). Nothing is
 * cancelled, not even on timeout; nothing is thrown for a failed future.
 *
 * Mirrors Python's `asyncio.wait()`. Differences from Python: promises and
 * async functions are accepted and wrapped in tasks (the Sets then hold those
 * tasks; pass futures or tasks to recognise them; a function given twice is
 * called twice); an empty input rejects
 * with a `TypeError` (Python raises `ValueError`).
 *
 * @param aws Futures or tasks (or promises / async functions, see above).
 * @param options `{ timeout, returnWhen }`.
 * @returns `[done, pending]`.
 * @throws {TypeError} If `aws` is empty or not an iterable of awaitables, or
 *   `returnWhen` is not one of the three constants.
 * @throws {RangeError} If `timeout` is not a number or `null`.
 *
 * @example
 * ```ts
 * import { createTask, run, sleep, wait } from "@denoio/asyncio";
 * await run(async () => {
 *   const slow = createTask(() => sleep(3600));
 *   const [done, pending] = await wait([slow], { timeout: 0.01 });
 *   console.assert(done.size === 0 && pending.has(slow));
 *   slow.cancel();
 * });
 * ```
 */
export async function wait<T>(
  aws: Iterable<Awaitable<T>>,
  options: WaitOptions = {},
): Promise<[Set<Future<T>>, Set<Future<T>>]> {
  checkIterable(aws, "wait()");
  const { timeout = null, returnWhen = ALL_COMPLETED } = options;
  if (
    returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED
  ) {
    throw new TypeError(
      `wait(): returnWhen must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got ${
        describe(returnWhen)
      }`,
    );
  }
  if (timeout !== null && (typeof timeout !== "number" || Number.isNaN(timeout))) {
    throw new RangeError(`wait(): expected timeout in seconds or null, got ${describe(timeout)}`);
  }
  const loop = getRunningLoop();
  const fs = new Set<Future<T>>();
  const seen = new Set<unknown>();
  for (const aw of aws) {
    // A function is a coroutine function: each entry is its own call and task.
    if (typeof aw !== "function") {
      if (seen.has(aw)) continue;
      seen.add(aw);
    }
    fs.add(toFuture(aw, loop, "wait()"));
  }
  if (fs.size === 0) throw new TypeError("wait(): the set of futures is empty");

  const waiter = loop.createFuture<void>();
  let timer: TimerHandle | null = null;
  let counter = fs.size;
  const onCompletion = (f: Future<T>) => {
    counter--;
    if (
      counter <= 0 || returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !f.cancelled() && f.exception() !== null)
    ) {
      timer?.cancel();
      if (!waiter.done()) waiter.setResult(undefined);
    }
  };
  if (timeout !== null) {
    timer = loop.callLater(timeout, () => {
      if (!waiter.done()) waiter.setResult(undefined);
    });
  }
  for (const f of fs) f.addDoneCallback(onCompletion);
  try {
    await waiter;
  } finally {
    timer?.cancel();
    for (const f of fs) f.removeDoneCallback(onCompletion);
  }
  const done = new Set<Future<T>>();
  const pending = new Set<Future<T>>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return [done, pending];
}
