// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Semaphore`: a counter of permits for tasks.
 *
 * @module
 */
import { CancelledError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import { Deque } from "./_deque.ts";
import { type Acquired, held } from "./_held.ts";
import { bindLoop } from "./_loop_bound.ts";
import { waitInLine } from "./_wait_in_line.ts";
import { semaphoreAccess } from "./_semaphore_access.ts";

/**
 * A counter of permits: `acquire()` takes one (waiting, in FIFO order, while
 * none is free), `release()` gives one back.
 *
 * Mirrors Python's `asyncio.Semaphore` (3.13). Differences from Python:
 * `async with sem:` becomes `using _held = await sem.acquire();`. An
 * uncontended `acquire()` resolves without a loop iteration. A cancelled
 * waiter never leaks a permit.
 *
 * @example
 * ```ts
 * import { Semaphore, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const sem = new Semaphore(2);
 *   using _a = await sem.acquire();
 *   using _b = await sem.acquire();
 *   console.assert(sem.locked());
 * });
 * ```
 */
export class Semaphore {
  #waiters: Deque<Future<boolean>> | null = null;
  #value: number;
  #loop: EventLoop | null = null;
  #releaseFn = (): void => this.release();

  static {
    semaphoreAccess.value = (s) => s.#value;
  }

  /**
   * Creates an instance.
   *
   * @param value The initial number of permits (default 1).
   * @throws {RangeError} If `value` is not an integer >= 0.
   */
  constructor(value = 1) {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new RangeError(
        `${new.target.name}(): initial value must be an integer >= 0, got ${describe(value)}`,
      );
    }
    this.#value = value;
  }

  /**
   * Whether `acquire()` would wait: no permit is free, or tasks are already
   * waiting (FIFO order lets them go first).
   */
  locked(): boolean {
    if (this.#value === 0) return true;
    const waiters = this.#waiters;
    if (waiters === null) return false;
    for (let k = 0; k < waiters.length; k++) if (!waiters.at(k).cancelled()) return true;
    return false;
  }

  /**
   * Takes a permit, waiting (FIFO) while none is free.
   *
   * @returns A promise of a truthy `Disposable` whose disposal releases the
   * permit.
   * @throws {CancelledError} If the waiting task is cancelled (its permit, if
   * it was just given one, goes to the next waiter).
   * @throws {RuntimeError} If the semaphore is used from two event loops.
   */
  acquire(): Promise<Acquired> {
    if (!this.locked()) {
      this.#value--;
      return Promise.resolve(held(this.#releaseFn));
    }
    return this.#acquireSlow();
  }

  async #acquireSlow(): Promise<Acquired> {
    const loop = this.#loop = bindLoop(this.#loop, this);
    const waiters = this.#waiters ??= new Deque();
    const fut = loop.createFuture<boolean>();
    try {
      await waitInLine(waiters, fut);
    } catch (e) {
      // Woken (given a permit) but cancelled before running: give the permit back.
      if (e instanceof CancelledError && fut.done() && !fut.cancelled()) this.#value++;
      throw e;
    } finally {
      // Waiters that arrived meanwhile had to queue behind us: wake as many as allowed.
      while (this.#value > 0) if (!this.#wakeUpNext()) break;
    }
    return held(this.#releaseFn);
  }

  /** Gives back a permit and wakes the first waiting task, if any. */
  release(): void {
    this.#value++;
    this.#wakeUpNext();
  }

  /** `<Semaphore [unlocked, value:1]>`. */
  toString(): string {
    let extra = this.locked() ? "locked" : `unlocked, value:${this.#value}`;
    if (this.#waiters !== null && this.#waiters.length > 0) {
      extra += `, waiters:${this.#waiters.length}`;
    }
    return `<${this.constructor.name} [${extra}]>`;
  }

  #wakeUpNext(): boolean {
    const waiters = this.#waiters;
    if (waiters === null) return false;
    for (let k = 0; k < waiters.length; k++) {
      const fut = waiters.at(k);
      if (fut.done()) continue;
      this.#value--;
      fut.setResult(true);
      return true;
    }
    return false;
  }
}
