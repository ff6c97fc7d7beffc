// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The task whose coroutine is executing, visible in every continuation of that coroutine.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SPARE_WAIT } from "./_internal.ts";

/** Something a task can be suspended on and that its cancellation cancels. */
export interface Cancellable {
  /** Cancels; returns `false` if it was already done. */
  cancel(message?: string): boolean;
}

/** What a future needs from the task awaiting it. */
export interface AwaitingTask {
  /** The loop the task runs on. */
  readonly awaitLoop: unknown;
  /** The task is about to suspend on `waitable` (a pending cancel request cancels it). */
  suspendOn(waitable: Cancellable): void;
  /**
   * `waitable`, which the task awaited, is done. Returns a pending cancellation
   * to deliver instead of the future's outcome, or `null` (also when the
   * outcome is a cancellation already: that one is kept, as in Python).
   */
  wake(waitable: Cancellable, cancelled: boolean): Error | null;
  /** A finished wait of this task's that `sleep()` may reuse, or `null`. */
  [SPARE_WAIT]: unknown;
}

/** The store: `run(task, coro)` makes `task` current in all of `coro`'s continuations. */
export const taskContext: AsyncLocalStorage<AwaitingTask> = new AsyncLocalStorage<AwaitingTask>();
