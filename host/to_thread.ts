// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `toThread()`: run a function off the loop's thread.
 *
 * @module
 */
import type { Future } from "../loop/future.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import type { ModuleFunction } from "./module_function.ts";

/**
 * Runs `func(...args)` in the running loop's default executor (a pool of Web
 * Workers unless `loop.setDefaultExecutor()` chose another) and returns a
 * future of its result.
 *
 * Mirrors Python's `asyncio.to_thread()`. Differences from Python: the
 * function runs in a Worker, not a thread sharing the program's memory: it
 * must be self-contained (sent by source; arguments and result are
 * structured-cloned) or a module export named with {@linkcode moduleFunction};
 * the same rules as `loop.runInExecutor(null, ...)`. No context variables are
 * carried over.
 *
 * @param func A self-contained function, or a `moduleFunction()` reference.
 * @param args Structured-cloneable arguments.
 * @returns A future of the result.
 * @throws {RuntimeError} Outside a running loop.
 *
 * @example
 * ```ts
 * import { run, toThread } from "@denoio/asyncio";
 * const text = await run(() => toThread((s: string) => s.toUpperCase(), "blocking"));
 * console.assert(text === "BLOCKING");
 * ```
 */
export function toThread<A extends unknown[], R>(
  func: ((...args: A) => R | PromiseLike<R>) | ModuleFunction<A, R>,
  ...args: A
): Future<Awaited<R>> {
  return getRunningLoop().runInExecutor(
    null,
    func as unknown as (...args: never[]) => R | PromiseLike<R>,
    ...args,
  );
}
