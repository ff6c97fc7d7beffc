// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `timeout()`, `timeoutAt()` and `Timeout`: a deadline for a block of code.
 *
 * @module
 */
import { CancelledError, RuntimeError, TimeoutError } from "../errors.ts";
import { checkCallable, describe } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Handle } from "../loop/handle.ts";
import { _getRunningLoop } from "../loop/running_loop.ts";
import { currentTask, type Task } from "../loop/task.ts";

/** Options for {@linkcode timeout} and {@linkcode timeoutAt}. */
export interface TimeoutOptions {
  /**
   * Aborting this signal cancels the body like an expiry does, and the call
   * then throws `signal.reason` instead of `TimeoutError`.
   */
  signal?: AbortSignal;
}

/** The body of a timeout block: an async function given the {@linkcode Timeout}. */
export type TimeoutBody<T> = (timeout: Timeout) => T | PromiseLike<T>;

const CREATED = "created";
const ENTERED = "active";
const EXPIRING = "expiring";
const EXPIRED = "expired";
const EXITED = "finished";
type State = typeof CREATED | typeof ENTERED | typeof EXPIRING | typeof EXPIRED | typeof EXITED;

let runTimeout: <T>(
  timeout: Timeout,
  body: TimeoutBody<T>,
  signal: AbortSignal | undefined,
  what: string,
) => Promise<T>;

/**
 * A deadline on the current task, given to the body of {@linkcode timeout} and
 * {@linkcode timeoutAt}: read it with `when()`, move it with `reschedule()`.
 *
 * Mirrors Python's `asyncio.Timeout`. Differences from Python: it is entered by
 * `timeout()`/`timeoutAt()` (no `async with`); an error other than the
 * cancellation that escapes an expired body is rethrown as is (Python chains a
 * `TimeoutError` into its `__context__`).
 *
 * @example
 * ```ts
 * import { run, sleep, timeout } from "@denoio/asyncio";
 * await run(async () => {
 *   await timeout(10, async (t) => {
 *     t.reschedule(t.when()! + 5); // more time
 *     await sleep(0.01);
 *   });
 * });
 * ```
 */
export class Timeout {
  #state: State = CREATED;
  #when: number | null;
  #handle: Handle | null = null;
  #task: Task<unknown> | null = null;
  #loop: EventLoop | null = null;
  #cancelling = 0;
  #byTime = true;

  static {
    runTimeout = (timeout, body, signal, what) => timeout.#run(body, signal, what);
  }

  /**
   * Creates an instance; {@linkcode timeout} and {@linkcode timeoutAt} create
   * and enter it.
   *
   * @param when The deadline in the loop's time (seconds), or `null` for none.
   */
  constructor(when: number | null) {
    checkWhen(when, "Timeout()");
    this.#when = when;
  }

  /** The deadline in the loop's time (seconds), or `null` if there is none. */
  when(): number | null {
    return this.#when;
  }

  /**
   * Moves the deadline; `null` disarms it. A deadline that has passed
   * expires on the next loop iteration.
   *
   * @param when The new deadline in the loop's time (seconds), or `null`.
   * @throws {RuntimeError} If the timeout is not active (not entered yet,
   *   expiring, expired or finished).
   * @throws {RangeError} If `when` is neither a number nor `null`.
   */
  reschedule(when: number | null): void {
    checkWhen(when, "Timeout.reschedule()");
    if (this.#state !== ENTERED) {
      if (this.#state === CREATED) throw new RuntimeError("Timeout has not been entered");
      throw new RuntimeError(`Cannot change state of ${this.#state} Timeout`);
    }
    this.#when = when;
    this.#handle?.cancel();
    if (when === null) {
      this.#handle = null;
      return;
    }
    const loop = this.#loop!;
    this.#handle = when <= loop.time()
      ? loop.callSoon(this.#onTimeout)
      : loop.callAt(when, this.#onTimeout);
  }

  /** Whether the deadline passed and the timeout cancelled (or is cancelling) its task. */
  expired(): boolean {
    return this.#byTime && (this.#state === EXPIRING || this.#state === EXPIRED);
  }

  /** `<Timeout [active] when=12.5>`. */
  toString(): string {
    const when = this.#state === ENTERED ? ` when=${this.#when}` : "";
    return `<Timeout [${this.#state}]${when}>`;
  }

  #onTimeout = (): void => {
    if (this.#state !== ENTERED) return;
    this.#task!.cancel();
    this.#state = EXPIRING;
    this.#handle = null;
  };

  #onAbort = (): void => {
    if (this.#state !== ENTERED) return;
    this.#byTime = false;
    this.#handle?.cancel();
    this.#onTimeout();
  };

  async #run<T>(body: TimeoutBody<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
    checkCallable(body, `${what}: body`);
    if (signal !== undefined && !(signal instanceof AbortSignal)) {
      throw new TypeError(`${what}: signal must be an AbortSignal, got ${describe(signal)}`);
    }
    if (this.#state !== CREATED) throw new RuntimeError("Timeout has already been entered");
    const loop = _getRunningLoop();
    const task = loop === null ? null : currentTask(loop);
    if (loop === null || task === null) {
      throw new RuntimeError(`${what} must be called inside a task (no current task)`);
    }
    signal?.throwIfAborted();
    this.#state = ENTERED;
    this.#loop = loop;
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.reschedule(this.#when);
    const onAbort = () => loop.callSoonThreadsafe(this.#onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });
    let value: T;
    try {
      value = await body(this);
    } catch (error) {
      if (this.#exit() && task.uncancel() <= this.#cancelling && error instanceof CancelledError) {
        if (!this.#byTime) throw signal!.reason;
        const timeoutError = new TimeoutError();
        Object.defineProperty(timeoutError, "cause", { value: error, configurable: true });
        throw timeoutError;
      }
      throw error;
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
    if (this.#exit()) task.uncancel();
    return value;
  }

  /** Leaves the active state; returns whether the timeout had expired. */
  #exit(): boolean {
    this.#handle?.cancel();
    this.#handle = null;
    if (this.#state === EXPIRING) {
      this.#state = EXPIRED;
      return true;
    }
    this.#state = EXITED;
    return false;
  }
}

function checkWhen(when: unknown, what: string): asserts when is number | null {
  if (when !== null && (typeof when !== "number" || Number.isNaN(when))) {
    throw new RangeError(
      `${what}: expected a time in seconds or null, got ${describe(when)}`,
    );
  }
}

/**
 * Runs `body` with a deadline `delay` seconds from now: when it passes, the
 * current task is cancelled and the call throws `TimeoutError` (a
 * cancellation from elsewhere still propagates as `CancelledError`).
 * Resolves to the body's return value.
 *
 * Mirrors Python's `asyncio.timeout()` (`async with timeout(delay):`).
 * Differences from Python: the block is the `body` callback; `options.signal`
 * (an `AbortSignal`) also cancels the body, and then the call throws the
 * signal's `reason`; a future or promise returned by the body is awaited
 * inside the deadline.
 *
 * @param delay Seconds from now, or `null` for no deadline (see
 *   {@linkcode Timeout.reschedule}).
 * @param body An async function, run in the current task, given the {@linkcode Timeout}.
 * @param options `{ signal }`.
 * @returns The body's result.
 * @throws {TimeoutError} If the deadline passed while the body ran.
 * @throws {RuntimeError} Outside a task.
 *
 * @example
 * ```ts
 * import { run, sleep, timeout, TimeoutError } from "@denoio/asyncio";
 * await run(async () => {
 *   try {
 *     await timeout(0.01, () => sleep(3600));
 *   } catch (e) {
 *     console.assert(e instanceof TimeoutError);
 *   }
 * });
 * ```
 */
export async function timeout<T>(
  delay: number | null,
  body: TimeoutBody<T>,
  options: TimeoutOptions = {},
): Promise<T> {
  checkWhen(delay, "timeout()");
  const loop = _getRunningLoop();
  if (loop === null) {
    throw new RuntimeError("timeout() must be called inside a task (no running event loop)");
  }
  const t = new Timeout(delay === null ? null : loop.time() + delay);
  return await runTimeout(t, body, options.signal, "timeout()");
}

/**
 * Runs `body` with a deadline at `when` in the loop's time
 * ({@linkcode EventLoop.time}); as {@linkcode timeout} otherwise.
 *
 * Mirrors Python's `asyncio.timeout_at()`.
 *
 * @param when The deadline in the loop's time (seconds), or `null` for none.
 * @param body An async function, run in the current task, given the {@linkcode Timeout}.
 * @param options `{ signal }`.
 * @returns The body's result.
 * @throws {TimeoutError} If the deadline passed while the body ran.
 * @throws {RuntimeError} Outside a task.
 *
 * @example
 * ```ts
 * import { getRunningLoop, run, sleep, timeoutAt } from "@denoio/asyncio";
 * await run(async () => {
 *   const when = getRunningLoop().time() + 10;
 *   const v = await timeoutAt(when, async () => { await sleep(0); return 1; });
 *   console.assert(v === 1);
 * });
 * ```
 */
export async function timeoutAt<T>(
  when: number | null,
  body: TimeoutBody<T>,
  options: TimeoutOptions = {},
): Promise<T> {
  checkWhen(when, "timeoutAt()");
  return await runTimeout(new Timeout(when), body, options.signal, "timeoutAt()");
}
