// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Lock`: a mutual-exclusion lock for tasks.
 *
 * @module
 */
import { CancelledError, RuntimeError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import { Deque } from "./_deque.ts";
import { type Acquired, held } from "./_held.ts";
import { bindLoop } from "./_loop_bound.ts";
import { waitInLine } from "./_wait_in_line.ts";

/**
 * A mutex for tasks: `acquire()` waits until the lock is free, then takes it;
 * `release()` frees it and lets the longest-waiting task take it next (FIFO).
 * Not owned by a task: any code may release it.
 *
 * Mirrors Python's `asyncio.Lock` (3.13). Differences from Python: instead of
 * `async with lock:`, write `using _held = await lock.acquire();` (the value
 * `acquire()` resolves to is truthy, as Python's `True`, and releases the lock
 * when disposed). An uncontended `acquire()` resolves without a loop iteration.
 * The lock binds to the running loop the first time a task has to wait on it.
 *
 * @example
 * ```ts
 * import { Lock, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const lock = new Lock();
 *   {
 *     using _held = await lock.acquire();
 *     console.assert(lock.locked());
 *   }
 *   console.assert(!lock.locked());
 * });
 * ```
 */
export class Lock {
  #waiters: Deque<Future<boolean>> | null = null;
  #locked = false;
  #loop: EventLoop | null = null;
  #releaseFn = (): void => this.release();

  /** Whether the lock is held. */
  locked(): boolean {
    return this.#locked;
  }

  /**
   * Takes the lock, waiting (in FIFO order) while another holder has it.
   * A waiter that is cancelled never keeps the lock: if it was already chosen
   * to take it, it passes it on to the next waiter.
   *
   * @returns A promise of a truthy `Disposable` whose disposal releases the
   * lock (`using _held = await lock.acquire()`).
   * @throws {CancelledError} If the waiting task is cancelled.
   * @throws {RuntimeError} If the lock is used from two event loops.
   */
  acquire(): Promise<Acquired> {
    if (!this.#locked && (this.#waiters === null || allCancelled(this.#waiters))) {
      this.#locked = true;
      return Promise.resolve(held(this.#releaseFn));
    }
    return this.#acquireSlow();
  }

  async #acquireSlow(): Promise<Acquired> {
    const loop = this.#loop = bindLoop(this.#loop, this);
    const waiters = this.#waiters ??= new Deque();
    try {
      await waitInLine(waiters, loop.createFuture<boolean>());
    } catch (e) {
      // Keep the invariant: an unlocked lock with waiters has its first waiter woken.
      if (e instanceof CancelledError && !this.#locked) this.#wakeUpFirst();
      throw e;
    }
    this.#locked = true;
    return held(this.#releaseFn);
  }

  /**
   * Frees the lock and wakes the first waiting task, if any.
   *
   * @throws {RuntimeError} If the lock is not held ("Lock is not acquired.").
   */
  release(): void {
    if (!this.#locked) throw new RuntimeError("Lock is not acquired.");
    this.#locked = false;
    this.#wakeUpFirst();
  }

  /** `<Lock [locked, waiters:1]>`. */
  toString(): string {
    let extra = this.#locked ? "locked" : "unlocked";
    if (this.#waiters !== null && this.#waiters.length > 0) {
      extra += `, waiters:${this.#waiters.length}`;
    }
    return `<Lock [${extra}]>`;
  }

  #wakeUpFirst(): void {
    const waiters = this.#waiters;
    if (waiters === null || waiters.length === 0) return;
    const fut = waiters.at(0);
    // A done future is already set to wake up.
    if (!fut.done()) fut.setResult(true);
  }
}

function allCancelled(waiters: Deque<Future<boolean>>): boolean {
  for (let k = 0; k < waiters.length; k++) if (!waiters.at(k).cancelled()) return false;
  return true;
}
