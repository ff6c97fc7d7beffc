// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Barrier`: a meeting point for a fixed number of tasks.
 *
 * @module
 */
import { BrokenBarrierError } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import { Condition } from "./condition.ts";

type BarrierState = "filling" | "draining" | "resetting" | "broken";

/**
 * A meeting point: tasks calling `wait()` block until `parties` of them are
 * waiting, then all continue together. The barrier can then be used again.
 *
 * Mirrors Python's `asyncio.Barrier` (3.11+), with its states: filling,
 * draining (releasing a full round; new arrivals wait for it to end),
 * resetting and broken. Differences from Python: `n_waiting` is the getter
 * `nWaiting`; `async with barrier as i:` becomes `const i = await barrier.wait();`.
 *
 * @example
 * ```ts
 * import { Barrier, getRunningLoop, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const barrier = new Barrier(2);
 *   const other = getRunningLoop().createTask(() => barrier.wait());
 *   const mine = await barrier.wait();
 *   console.assert(new Set([mine, await other]).size === 2);
 * });
 * ```
 */
export class Barrier {
  #cond = new Condition();
  #parties: number;
  #state: BarrierState = "filling";
  #count = 0;

  /**
   * Creates an instance.
   *
   * @param parties How many tasks must wait before all are released.
   * @throws {RangeError} If `parties` is not an integer >= 1.
   */
  constructor(parties: number) {
    if (typeof parties !== "number" || !Number.isInteger(parties) || parties < 1) {
      throw new RangeError(`Barrier(): parties must be an integer >= 1, got ${describe(parties)}`);
    }
    this.#parties = parties;
  }

  /** The number of tasks needed to pass the barrier. */
  get parties(): number {
    return this.#parties;
  }

  /** The number of tasks waiting while the barrier fills (0 in other states). */
  get nWaiting(): number {
    return this.#state === "filling" ? this.#count : 0;
  }

  /** Whether the barrier is broken (by `abort()`). */
  get broken(): boolean {
    return this.#state === "broken";
  }

  /**
   * Waits until `parties` tasks are waiting, then returns.
   *
   * @returns A promise of a number from 0 to `parties - 1`: the task's
   * arrival order in its round, as Python's (the task that fills the barrier
   * gets `parties - 1`).
   * @throws {BrokenBarrierError} If the barrier is or gets broken or reset
   * while waiting.
   * @throws {CancelledError} If the waiting task is cancelled.
   */
  async wait(): Promise<number> {
    const cond = this.#cond;
    await cond.acquire();
    try {
      // Block while the barrier drains or resets.
      await cond.waitFor(() => this.#state !== "draining" && this.#state !== "resetting");
      if (this.#state === "broken") throw new BrokenBarrierError("Barrier aborted");
      const index = this.#count++;
      try {
        if (index + 1 === this.#parties) {
          this.#state = "draining";
          cond.notifyAll();
        } else {
          await cond.waitFor(() => this.#state !== "filling");
          const state = this.#state as BarrierState;
          if (state === "broken" || state === "resetting") {
            throw new BrokenBarrierError("Abort or reset of barrier");
          }
        }
        return index; // the arrival order, 0 to parties - 1, as Python's
      } finally {
        this.#count--;
        this.#exit();
      }
    } finally {
      cond.release();
    }
  }

  /**
   * Returns the barrier to the empty, filling state; tasks waiting on it get
   * `BrokenBarrierError`.
   */
  async reset(): Promise<void> {
    const cond = this.#cond;
    await cond.acquire();
    try {
      this.#state = this.#count > 0 ? "resetting" : "filling";
      cond.notifyAll();
    } finally {
      cond.release();
    }
  }

  /**
   * Breaks the barrier: waiting tasks, and tasks that call `wait()` later,
   * get `BrokenBarrierError`. Useful when a party fails.
   */
  async abort(): Promise<void> {
    const cond = this.#cond;
    await cond.acquire();
    try {
      this.#state = "broken";
      cond.notifyAll();
    } finally {
      cond.release();
    }
  }

  /** `<Barrier [filling, waiters:1/3]>`. */
  toString(): string {
    let extra: string = this.#state;
    if (!this.broken) extra += `, waiters:${this.nWaiting}/${this.#parties}`;
    return `<Barrier [${extra}]>`;
  }

  /** The last task out of a draining or resetting round refills the barrier. */
  #exit(): void {
    if (this.#count !== 0) return;
    if (this.#state === "resetting" || this.#state === "draining") {
      this.#state = "filling";
    }
    this.#cond.notifyAll();
  }
}
