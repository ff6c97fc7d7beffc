// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The time source of an event loop: real monotonic time, or virtual time for
 * tests.
 *
 * @module
 */

/**
 * Where an {@linkcode EventLoop} reads the time from. The one place where
 * milliseconds become seconds.
 *
 * @example
 * ```ts
 * import { type Clock, newEventLoop } from "@denoio/asyncio";
 * const fixed: Clock = { now: () => 42, virtual: false };
 * const loop = newEventLoop({ clock: fixed });
 * console.assert(loop.time() === 42);
 * loop.close();
 * ```
 */
export interface Clock {
  /** The current time in seconds (monotonic, arbitrary origin). */
  now(): number;
  /**
   * `true` when the loop may move this clock forward itself: whenever it is
   * idle with only timers pending, it calls {@linkcode Clock.advanceTo}.
   */
  readonly virtual: boolean;
  /** Moves a virtual clock forward to `when` (seconds). */
  advanceTo?(when: number): void;
}

/**
 * The default clock: `performance.now()` in seconds.
 *
 * @example
 * ```ts
 * import { REAL_CLOCK } from "@denoio/asyncio";
 * const a = REAL_CLOCK.now();
 * console.assert(REAL_CLOCK.now() >= a);
 * ```
 */
export const REAL_CLOCK: Clock = Object.freeze({
  now: () => performance.now() / 1000,
  virtual: false,
});

/**
 * Virtual time: the loop jumps straight to the next timer whenever it has
 * nothing else to do, so code with long sleeps and timeouts runs instantly and
 * deterministically.
 *
 * "Idle" means: no callback is ready and one turn of the host event loop
 * (microtasks and pending Deno I/O completions) scheduled nothing new.
 *
 * @example
 * ```ts
 * import { newEventLoop, sleep, VirtualClock } from "@denoio/asyncio";
 * const loop = newEventLoop({ clock: new VirtualClock() });
 * await loop.runUntilComplete(() => sleep(3600));
 * console.assert(loop.time() === 3600);
 * loop.close();
 * ```
 */
export class VirtualClock implements Clock {
  #now: number;
  /** Always `true`: the loop advances this clock when idle. */
  readonly virtual = true;

  /**
   * Creates an instance.
   *
   * @param start The initial time in seconds (default 0).
   */
  constructor(start = 0) {
    this.#now = start;
  }

  /** The current virtual time in seconds. */
  now(): number {
    return this.#now;
  }

  /**
   * Moves the clock forward to `when`; never backwards.
   *
   * @param when The new time in seconds.
   */
  advanceTo(when: number): void {
    if (when > this.#now) this.#now = when;
  }

  /**
   * Moves the clock forward by `seconds`.
   *
   * @param seconds How far to move, in seconds (not negative).
   */
  advance(seconds: number): void {
    if (!(seconds >= 0)) {
      throw new RangeError(`Expected seconds to be a number >= 0, got ${seconds}`);
    }
    this.#now += seconds;
  }
}
