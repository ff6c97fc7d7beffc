// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Event`: a flag that tasks can wait for.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import { Deque } from "./_deque.ts";
import { bindLoop } from "./_loop_bound.ts";
import { waitInLine } from "./_wait_in_line.ts";

const RESOLVED_TRUE: Promise<true> = Promise.resolve(true);

/**
 * A flag, initially false: `set()` makes it true and wakes every task in
 * `wait()`; `clear()` makes it false again.
 *
 * Mirrors Python's `asyncio.Event`. Differences from Python: `is_set()` is
 * `isSet()`. `wait()` on a set event resolves without a loop iteration.
 *
 * @example
 * ```ts
 * import { Event, getRunningLoop, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const event = new Event();
 *   getRunningLoop().callSoon(() => event.set());
 *   console.assert(await event.wait() === true);
 *   console.assert(event.isSet());
 * });
 * ```
 */
export class Event {
  #waiters = new Deque<Future<boolean>>();
  #value = false;
  #loop: EventLoop | null = null;

  /** Whether the flag is set. */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the flag and wakes all waiting tasks; later `wait()` calls return at once. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    const waiters = this.#waiters;
    for (let k = 0; k < waiters.length; k++) {
      const fut = waiters.at(k);
      if (!fut.done()) fut.setResult(true);
    }
  }

  /** Clears the flag: later `wait()` calls block until `set()`. */
  clear(): void {
    this.#value = false;
  }

  /**
   * Waits until the flag is set.
   *
   * @returns A promise of `true`.
   * @throws {CancelledError} If the waiting task is cancelled.
   * @throws {RuntimeError} If the event is used from two event loops.
   */
  wait(): Promise<true> {
    if (this.#value) return RESOLVED_TRUE;
    return this.#waitSlow();
  }

  async #waitSlow(): Promise<true> {
    const loop = this.#loop = bindLoop(this.#loop, this);
    await waitInLine(this.#waiters, loop.createFuture<boolean>());
    return true;
  }

  /** `<Event [unset, waiters:1]>`. */
  toString(): string {
    let extra = this.#value ? "set" : "unset";
    if (this.#waiters.length > 0) extra += `, waiters:${this.#waiters.length}`;
    return `<Event [${extra}]>`;
  }
}
