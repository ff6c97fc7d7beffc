// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `waitFor()`: await with a timeout, cancelling on expiry.
 *
 * @module
 */
import { CancelledError, TimeoutError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import type { Awaitable } from "../loop/ensure_future.ts";
import { Future } from "../loop/future.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import { PENDING_WAIT } from "../loop/_internal.ts";
import { NativeWait } from "../loop/_native_wait.ts";
import type { Cancellable } from "../loop/_task_context.ts";
import { currentTask } from "../loop/task.ts";
import { futureFromThenable } from "./_internal.ts";
import { timeout as withTimeout } from "./timeout.ts";

/** Options for {@linkcode waitFor}. */
export interface WaitForOptions {
  /**
   * Aborting this signal cancels the wait (and `aw`), and `waitFor()` then
   * throws `signal.reason`.
   */
  signal?: AbortSignal;
}

/**
 * Awaits `aw` for at most `timeout` seconds. On expiry `aw` is cancelled,
 * `waitFor()` waits until it is actually done and throws `TimeoutError`. If
 * the waiting task itself is cancelled, `aw` is cancelled too.
 *
 * Mirrors Python's `asyncio.wait_for()` (3.12+, built on `timeout()`).
 * Differences from Python: an async function runs in the current task (as
 * Python's coroutine does); a promise that is not a `Future` is awaited
 * through a loop future that the timeout can cancel at once. A promise of a
 * call made in this task that waits on the loop (`waitFor(reader.readline(),
 * 5)`, `waitFor(queue.get(), 1)`) has that wait cancelled on timeout too, as
 * Python cancels its coroutine: the call takes no later line or item. Any
 * other promise cannot be stopped; its outcome is then ignored.
 * `options.signal` (an `AbortSignal`) cancels the wait too, which then throws
 * the signal's reason.
 *
 * @param aw A future, task, promise or async function.
 * @param timeout Seconds, or `null` to wait without a limit; `0` or less
 *   means: the result if `aw` is already done, else cancel it and time out.
 * @param options `{ signal }`.
 * @returns The result of `aw`.
 * @throws {TimeoutError} If the timeout expired (and `aw` was cancelled).
 * @throws {RangeError} If `timeout` is not a number or `null`.
 *
 * @example
 * ```ts
 * import { run, sleep, TimeoutError, waitFor } from "@denoio/asyncio";
 * await run(async () => {
 *   console.assert((await waitFor(() => sleep(0.01, 1), 10)) === 1);
 *   try {
 *     await waitFor(() => sleep(3600), 0.01);
 *   } catch (e) {
 *     console.assert(e instanceof TimeoutError);
 *   }
 * });
 * ```
 */
export async function waitFor<T>(
  aw: Awaitable<T>,
  timeout: number | null,
  options: WaitForOptions = {},
): Promise<T> {
  if (timeout !== null && (typeof timeout !== "number" || Number.isNaN(timeout))) {
    throw new RangeError(
      `waitFor(): expected timeout in seconds or null, got ${describe(timeout)}`,
    );
  }
  const loop = getRunningLoop();
  let future: Future<T> | null = null;
  let behind: Cancellable | null = null;
  if (aw instanceof Future) {
    future = aw;
  } else if (typeof aw !== "function") {
    if (aw === null || typeof (aw as PromiseLike<T>)?.then !== "function") {
      throw new TypeError(
        `waitFor(): expected a Future, a promise or an async function, got ${describe(aw)}`,
      );
    }
    future = futureFromThenable(loop, aw as PromiseLike<T>);
    // A call such as `reader.readline()` or `queue.get()` made in this task is blocked on a loop
    // wait, which it registered with the task (an `await` registers within a microtask turn).
    // On timeout that wait is cancelled too, as Python's wait_for() cancels its coroutine: the
    // call neither takes the next line or item nor lives on in the task (where its next wait
    // would take the task's cancellations from the await they are meant for).
    const task = currentTask(loop);
    if (task !== null) {
      await undefined;
      behind = task[PENDING_WAIT]();
    }
  }
  if (options.signal?.aborted) {
    future?.cancel();
    throw options.signal.reason;
  }
  try {
    if (timeout !== null && timeout <= 0) {
      const fut = future ?? loop.createTask(aw as () => T | PromiseLike<T>);
      if (fut.done()) return fut.result();
      await cancelAndWait(fut);
      try {
        return fut.result();
      } catch (e) {
        if (e instanceof CancelledError) {
          const timeoutError = new TimeoutError();
          Object.defineProperty(timeoutError, "cause", { value: e, configurable: true });
          throw timeoutError;
        }
        throw e;
      }
    }
    const body = future !== null ? () => future : aw as () => T | PromiseLike<T>;
    return await withTimeout(timeout, body, { signal: options.signal });
  } catch (e) {
    if (behind !== null && behind.cancel() && behind instanceof NativeWait) {
      await behind.promise.then(undefined, () => {}); // its owner has let go of it then
    }
    throw e;
  }
}

async function cancelAndWait(fut: Future<unknown>): Promise<void> {
  const waiter = fut.getLoop().createFuture<void>();
  const release = () => {
    if (!waiter.done()) waiter.setResult(undefined);
  };
  fut.addDoneCallback(release);
  try {
    fut.cancel();
    await waiter;
  } finally {
    fut.removeDoneCallback(release);
  }
}
