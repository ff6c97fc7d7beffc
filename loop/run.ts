// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `run()` and `Runner`: the entry points of an asyncio program.
 *
 * @module
 */
import { RuntimeError } from "../errors.ts";
import type { Awaitable } from "./ensure_future.ts";
import type { EventLoop, EventLoopOptions } from "./event_loop.ts";
import { THREAD_JOIN_TIMEOUT } from "./_internal.ts";
import { newEventLoop, setEventLoop } from "./policy.ts";
import { _getRunningLoop } from "./running_loop.ts";
import type { Task } from "./task.ts";

/** Options of `run()` and `new Runner()`. */
export interface RunnerOptions extends EventLoopOptions {
  /** Builds the loop (default: `newEventLoop({ clock, debug })`). */
  loopFactory?: () => EventLoop;
}

/**
 * Runs several top-level coroutines on one loop, then cleans up: cancels the
 * tasks left, shuts the default executor down and closes the loop.
 *
 * Mirrors Python's `asyncio.Runner`. Differences from Python: `close()` is
 * async; use `await using runner = new Runner()`.
 *
 * @example
 * ```ts
 * import { Runner, sleep } from "@denoio/asyncio";
 * await using runner = new Runner();
 * await runner.run(() => sleep(0.01));
 * console.assert((await runner.run(async () => 2)) === 2);
 * ```
 */
export class Runner implements AsyncDisposable {
  #options: RunnerOptions;
  #loop: EventLoop | null = null;
  #closed = false;

  /**
   * Creates an instance.
   *
   * @param options `{ debug, clock, loopFactory }`.
   */
  constructor(options: RunnerOptions = {}) {
    this.#options = options;
  }

  /**
   * Runs `main` to completion on the runner's loop.
   *
   * @param main An async function (or a future or promise).
   * @returns Its result.
   * @throws {RuntimeError} If a loop is already running, or the runner is closed.
   */
  async run<T>(main: Awaitable<T>): Promise<T> {
    if (_getRunningLoop() !== null) {
      throw new RuntimeError("Runner.run() cannot be called from a running event loop");
    }
    if (this.#closed) throw new RuntimeError("Runner is closed");
    return await this.getLoop().runUntilComplete(main);
  }

  /** The runner's loop (created on first use). */
  getLoop(): EventLoop {
    if (this.#closed) throw new RuntimeError("Runner is closed");
    if (this.#loop === null) {
      const { loopFactory, clock, debug } = this.#options;
      this.#loop = loopFactory ? loopFactory() : newEventLoop({ clock, debug });
      if (debug !== undefined) this.#loop.setDebug(debug);
      setEventLoop(this.#loop);
    }
    return this.#loop;
  }

  /**
   * Cancels the tasks left, waits for them, shuts down the default executor
   * and closes the loop.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const loop = this.#loop;
    if (loop === null) return;
    try {
      await cancelAllTasks(loop);
      await loop.runUntilComplete(loop.shutdownAsyncgens());
      await loop.runUntilComplete(loop.shutdownDefaultExecutor(THREAD_JOIN_TIMEOUT));
    } finally {
      setEventLoop(null);
      loop.close();
    }
  }

  /** Same as {@linkcode Runner.close}. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

async function cancelAllTasks(loop: EventLoop): Promise<void> {
  const tasks = [...loop.pendingTasks()];
  if (tasks.length === 0) return;
  for (const task of tasks) task.cancel();
  await loop.runUntilComplete(async () => {
    for (const task of tasks) {
      try {
        await task;
      } catch {
        // Reported below.
      }
    }
  });
  for (const task of tasks) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception !== null) {
      loop.callExceptionHandler({
        message: "unhandled exception during asyncio.run() shutdown",
        exception,
        task: task as Task<unknown>,
      });
    }
  }
}

/**
 * Runs `main` on a new loop and returns its result; then cancels the tasks
 * left, shuts down the default executor and closes the loop.
 *
 * Mirrors Python's `asyncio.run()`.
 *
 * @param main An async function: the program's entry point.
 * @param options `{ debug }` (and `{ clock }` for virtual time).
 * @throws {RuntimeError} If called while a loop is running.
 *
 * @example
 * ```ts
 * import { run, sleep } from "@denoio/asyncio";
 * const answer = await run(async () => {
 *   await sleep(0.01);
 *   return 42;
 * });
 * console.assert(answer === 42);
 * ```
 */
export async function run<T>(main: Awaitable<T>, options: RunnerOptions = {}): Promise<T> {
  if (_getRunningLoop() !== null) {
    throw new RuntimeError("asyncio.run() cannot be called from a running event loop");
  }
  const runner = new Runner(options);
  try {
    return await runner.run(main);
  } finally {
    await runner.close();
  }
}
