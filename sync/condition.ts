// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Condition`: a condition variable for tasks.
 *
 * @module
 */
import { CancelledError, RuntimeError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import { Deque } from "./_deque.ts";
import type { Acquired } from "./_held.ts";
import { bindLoop } from "./_loop_bound.ts";
import { waitInLine } from "./_wait_in_line.ts";
import { Lock } from "./lock.ts";

/**
 * A condition variable: tasks holding its lock `wait()` until another task
 * `notify()`s them, then get the lock back before `wait()` returns.
 *
 * Mirrors Python's `asyncio.Condition` (3.13). Differences from Python:
 * `async with cond:` becomes `using _held = await cond.acquire();`;
 * `wait_for()` is `waitFor()`, `notify_all()` is `notifyAll()`.
 *
 * @example
 * ```ts
 * import { Condition, getRunningLoop, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const cond = new Condition();
 *   const items: number[] = [];
 *   const consumer = getRunningLoop().createTask(async () => {
 *     using _held = await cond.acquire();
 *     await cond.waitFor(() => items.length > 0);
 *     return items.shift();
 *   });
 *   {
 *     using _held = await cond.acquire();
 *     items.push(42);
 *     cond.notify();
 *   }
 *   console.assert(await consumer === 42);
 * });
 * ```
 */
export class Condition {
  #lock: Lock;
  #waiters = new Deque<Future<boolean>>();
  #loop: EventLoop | null = null;

  /**
   * Creates an instance.
   *
   * @param lock The underlying lock (default: a new `Lock`).
   * @throws {TypeError} If `lock` is not a `Lock`.
   */
  constructor(lock?: Lock) {
    if (lock === undefined || lock === null) lock = new Lock();
    else if (!(lock instanceof Lock)) {
      throw new TypeError(`Condition(): lock must be a Lock, got ${describe(lock)}`);
    }
    this.#lock = lock;
  }

  /** Whether the underlying lock is held. */
  locked(): boolean {
    return this.#lock.locked();
  }

  /**
   * Acquires the underlying lock (see `Lock.acquire()`).
   *
   * @returns A promise of a truthy `Disposable` that releases the lock.
   */
  acquire(): Promise<Acquired> {
    return this.#lock.acquire();
  }

  /**
   * Releases the underlying lock.
   *
   * @throws {RuntimeError} If it is not held.
   */
  release(): void {
    this.#lock.release();
  }

  /**
   * Releases the lock, waits until notified, then re-acquires the lock
   * (even when cancelled: the lock is held again when this throws
   * `CancelledError`). May wake spuriously; re-check your state, or use
   * `waitFor()`.
   *
   * @returns A promise of `true`.
   * @throws {RuntimeError} If the lock is not held.
   * @throws {CancelledError} If the waiting task is cancelled.
   */
  async wait(): Promise<true> {
    if (!this.locked()) throw new RuntimeError("cannot wait on un-acquired lock");
    const loop = this.#loop = bindLoop(this.#loop, this);
    const fut = loop.createFuture<boolean>();
    this.release();
    let failed = false;
    let error: unknown = undefined;
    try {
      await waitInLine(this.#waiters, fut);
    } catch (e) {
      failed = true;
      error = e;
    }
    // Re-acquire the lock even if cancelled; only CancelledError makes us retry,
    // and the most recent one is what we throw.
    while (true) {
      try {
        await this.#lock.acquire();
        break;
      } catch (e) {
        if (!(e instanceof CancelledError)) {
          this.#notify(1);
          throw e;
        }
        failed = true;
        error = e;
      }
    }
    if (failed) {
      // We may have been notified and yet fail: pass the notification on.
      this.#notify(1);
      throw error;
    }
    return true;
  }

  /**
   * Waits until `predicate()` is truthy, calling `wait()` between checks.
   *
   * @param predicate Checked with the lock held.
   * @returns A promise of the predicate's last (truthy) value.
   * @throws {RuntimeError} If the lock is not held.
   */
  async waitFor<R>(predicate: () => R): Promise<R> {
    if (typeof predicate !== "function") {
      throw new TypeError(`waitFor(): predicate must be a function, got ${describe(predicate)}`);
    }
    let result = predicate();
    while (!result) {
      await this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting tasks (they return from `wait()` once they get
   * the lock, which the caller still holds).
   *
   * @param n How many to wake (default 1).
   * @throws {RuntimeError} If the lock is not held.
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError("cannot notify on un-acquired lock");
    this.#notify(n);
  }

  /**
   * Wakes every waiting task.
   *
   * @throws {RuntimeError} If the lock is not held.
   */
  notifyAll(): void {
    this.notify(this.#waiters.length);
  }

  /** `<Condition [locked, waiters:1]>`. */
  toString(): string {
    let extra = this.locked() ? "locked" : "unlocked";
    if (this.#waiters.length > 0) extra += `, waiters:${this.#waiters.length}`;
    return `<Condition [${extra}]>`;
  }

  #notify(n: number): void {
    const waiters = this.#waiters;
    let woken = 0;
    for (let k = 0; k < waiters.length && woken < n; k++) {
      const fut = waiters.at(k);
      if (fut.done()) continue;
      woken++;
      fut.setResult(false);
    }
  }
}
