// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Small helpers for the sync tests.
import { type Coroutine, getRunningLoop, sleep, type Task } from "../../mod.ts";

/** Starts `coro` as a task on the running loop. */
export function spawn<T>(coro: Coroutine<T>): Task<T> {
  return getRunningLoop().createTask(coro);
}

/** Lets the loop run `n` iterations (Python's `await asyncio.sleep(0)`, n times). */
export async function ticks(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await sleep(0);
}

/** Awaits `task` and returns the error it failed with (or throws if it succeeded). */
export async function failure(task: PromiseLike<unknown>): Promise<unknown> {
  try {
    await task;
  } catch (e) {
    return e;
  }
  throw new Error("expected the task to fail");
}

/** Already resolved to "pending": `Promise.race([p, PENDING])` tells whether `p` is settled. */
export const PENDING: Promise<"pending"> = Promise.resolve("pending");

/** Runs loop iterations until `condition()` holds (at most `limit` of them); throws if it never does. */
export async function until(condition: () => boolean, limit = 100): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (condition()) return;
    await sleep(0);
  }
  throw new Error(`condition not reached in ${limit} loop iterations: ${condition}`);
}
