// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The waiter deque every primitive keeps, as asyncio's `_waiters`.
import type { Future } from "../loop/future.ts";
import type { Deque } from "./_deque.ts";

/**
 * Queues `fut` on `waiters` (woken in FIFO order by the primitive) and awaits it; `fut` leaves the
 * queue however the wait ends: woken, cancelled or failed.
 */
export async function waitInLine(
  waiters: Deque<Future<boolean>>,
  fut: Future<boolean>,
): Promise<void> {
  waiters.push(fut);
  try {
    await fut;
  } finally {
    waiters.remove(fut);
  }
}
