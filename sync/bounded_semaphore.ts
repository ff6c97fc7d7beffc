// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `BoundedSemaphore`: a semaphore that refuses to be released too often.
 *
 * @module
 */
import { semaphoreAccess } from "./_semaphore_access.ts";
import { Semaphore } from "./semaphore.ts";

/**
 * A {@linkcode Semaphore} whose `release()` throws when it would raise the
 * number of permits above the initial value.
 *
 * Mirrors Python's `asyncio.BoundedSemaphore`. Differences from Python:
 * over-releasing throws `RangeError` (Python: `ValueError`).
 *
 * @example
 * ```ts
 * import { BoundedSemaphore } from "@denoio/asyncio";
 * const sem = new BoundedSemaphore(1);
 * try {
 *   sem.release();
 * } catch (e) {
 *   console.assert(e instanceof RangeError);
 * }
 * ```
 */
export class BoundedSemaphore extends Semaphore {
  #boundValue: number;

  /**
   * Creates an instance.
   *
   * @param value The initial and maximum number of permits (default 1).
   * @throws {RangeError} If `value` is not an integer >= 0.
   */
  constructor(value = 1) {
    super(value);
    this.#boundValue = value;
  }

  /**
   * Gives back a permit.
   *
   * @throws {RangeError} If that would exceed the initial value.
   */
  override release(): void {
    if (semaphoreAccess.value(this) >= this.#boundValue) {
      throw new RangeError(
        `BoundedSemaphore released too many times (bound is ${this.#boundValue})`,
      );
    }
    super.release();
  }
}
