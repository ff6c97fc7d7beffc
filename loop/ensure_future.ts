// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `ensureFuture()`: turn any awaitable into a loop future.
 *
 * @module
 */
import type { EventLoop } from "./event_loop.ts";
import { Future } from "./future.ts";
import type { Coroutine } from "./task.ts";
import { _loopForNewObject } from "./running_loop.ts";
import { describe } from "./_internal.ts";

/** Anything asyncio can await: a future or task, a promise or thenable, or a coroutine function. */
export type Awaitable<T> = Future<T> | PromiseLike<T> | Coroutine<T>;

/**
 * Wraps `aw` in a future: a future is returned as is, a coroutine function or
 * a promise becomes a task.
 *
 * Mirrors Python's `asyncio.ensure_future()`.
 *
 * @param aw A future, a promise (any thenable), or an async function.
 * @param loop The loop (default: the running loop, else the current one).
 * @throws {TypeError} If `aw` is none of these.
 * @throws {Error} If `aw` is a future of another loop than `loop`.
 *
 * @example
 * ```ts
 * import { ensureFuture, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const task = ensureFuture(async () => 1);
 *   console.assert((await task) === 1);
 * });
 * ```
 */
export function ensureFuture<T>(aw: Awaitable<T>, loop?: EventLoop): Future<T> {
  if (aw instanceof Future) {
    if (loop !== undefined && aw.getLoop() !== loop) {
      throw new Error(
        "ensureFuture(): the future belongs to a different loop than the one given as loop",
      );
    }
    return aw;
  }
  const target = loop ?? _loopForNewObject("ensureFuture()");
  if (typeof aw === "function") return target.createTask(aw);
  if (aw !== null && typeof (aw as PromiseLike<T>)?.then === "function") {
    const thenable = aw as PromiseLike<T>;
    return target.createTask(() => thenable);
  }
  throw new TypeError(
    `ensureFuture(): expected a Future, a promise or an async function, got ${describe(aw)}`,
  );
}
