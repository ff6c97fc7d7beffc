// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The task whose coroutine is executing, visible in every continuation of that coroutine.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Future } from "./future.ts";

/** What a future needs from the task awaiting it. */
export interface AwaitingTask {
  /** The loop the task runs on. */
  readonly awaitLoop: unknown;
  /**
   * The task is about to suspend on `future`. Returns a pending cancellation
   * (the error to throw at this await) or `null`.
   */
  suspendOn(future: Future<unknown>): Error | null;
  /**
   * `future`, which the task awaited, is done. Returns a pending cancellation
   * to deliver instead of the future's outcome, or `null`.
   */
  wake(future: Future<unknown>): Error | null;
}

/** The store: `run(task, coro)` makes `task` current in all of `coro`'s continuations. */
export const taskContext: AsyncLocalStorage<AwaitingTask> = new AsyncLocalStorage<AwaitingTask>();
