// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Handles for scheduled callbacks.
 *
 * @module
 */
import { callableName, RUN_HANDLE, TIMER_UNSCHEDULED } from "./_internal.ts";

/** What a handle needs from its loop. */
export interface HandleOwner {
  /** Whether debug mode is on (handles then record where they were created). */
  getDebug(): boolean;
  /** Called when a scheduled timer is cancelled, so the heap can be compacted. */
  timerHandleCancelled?(handle: TimerHandle): void;
}

/**
 * A callback scheduled with `callSoon()`; `cancel()` prevents the call.
 *
 * Mirrors Python's `asyncio.Handle`. Differences from Python: no `context`
 * (JS has no `contextvars`; closures and `AsyncLocalStorage` fill that role).
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@denoio/asyncio";
 * const loop = newEventLoop();
 * const handle = loop.callSoon(() => console.log("never"));
 * handle.cancel();
 * console.assert(handle.cancelled());
 * loop.close();
 * ```
 */
export class Handle {
  /** The callback; `null` once cancelled. */
  #callback: ((...args: never[]) => unknown) | null;
  #args: unknown[] | undefined;
  /** The owning loop. */
  protected readonly owner: HandleOwner;
  /** Where the handle was created (debug mode only). */
  readonly sourceTraceback: string | undefined;

  /**
   * Creates an instance.
   *
   * @param callback The function to call.
   * @param args Its arguments (`undefined` for none).
   * @param owner The loop that schedules it.
   */
  constructor(
    callback: (...args: never[]) => unknown,
    args: unknown[] | undefined,
    owner: HandleOwner,
  ) {
    this.#callback = callback;
    this.#args = args;
    this.owner = owner;
    this.sourceTraceback = owner.getDebug() ? new Error().stack : undefined;
  }

  /** Prevents the callback from running; does nothing if it already ran. */
  cancel(): void {
    if (this.#callback === null) return;
    this.#callback = null;
    this.#args = undefined;
  }

  /** Whether {@linkcode Handle.cancel} was called. */
  cancelled(): boolean {
    return this.#callback === null;
  }

  /** The callback's name, for messages: `<Handle name>`. */
  toString(): string {
    const state = this.#callback === null ? " cancelled" : "";
    return `<${this.constructor.name}${state} ${callableName(this.#callback)}>`;
  }

  /** Runs the callback; errors propagate to the loop, which reports them. @ignore */
  [RUN_HANDLE](): void {
    const callback = this.#callback as ((...args: unknown[]) => unknown) | null;
    if (callback === null) return;
    const args = this.#args;
    if (args === undefined) callback();
    else callback(...args);
  }
}

/**
 * A callback scheduled for a point in time with `callLater()` or `callAt()`.
 *
 * Mirrors Python's `asyncio.TimerHandle`.
 *
 * @example
 * ```ts
 * import { newEventLoop } from "@denoio/asyncio";
 * const loop = newEventLoop();
 * const timer = loop.callLater(10, () => {});
 * console.assert(timer.when() >= loop.time());
 * timer.cancel();
 * loop.close();
 * ```
 */
export class TimerHandle extends Handle {
  #when: number;
  #scheduled = true;
  /** Tie-breaker: timers due at the same time run in scheduling order. */
  readonly seq: number;

  /**
   * Creates an instance.
   *
   * @param when Absolute time in seconds, on the loop's clock.
   * @param callback The function to call.
   * @param args Its arguments (`undefined` for none).
   * @param owner The loop that schedules it.
   * @param seq Scheduling order.
   */
  constructor(
    when: number,
    callback: (...args: never[]) => unknown,
    args: unknown[] | undefined,
    owner: HandleOwner,
    seq: number,
  ) {
    super(callback, args, owner);
    this.#when = when;
    this.seq = seq;
  }

  /** The absolute time, in seconds on the loop's clock, the callback is due. */
  when(): number {
    return this.#when;
  }

  /** Prevents the callback from running and tells the loop's timer heap. */
  override cancel(): void {
    if (this.cancelled()) return;
    if (this.#scheduled) this.owner.timerHandleCancelled?.(this);
    super.cancel();
  }

  /** The heap no longer holds this timer. @ignore */
  [TIMER_UNSCHEDULED](): void {
    this.#scheduled = false;
  }
}
