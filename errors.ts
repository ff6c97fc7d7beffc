// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The error classes of asyncio, as `Error` subclasses.
 *
 * @module
 */

/**
 * The operation was cancelled. Thrown into a task's current `await` by
 * {@linkcode Task.cancel}, and by `result()` of a cancelled future.
 *
 * Mirrors Python's `asyncio.CancelledError`. Differences from Python: it is an
 * `Error` (JS has no `BaseException`); catch it and rethrow it unless you mean
 * to suppress the cancellation.
 *
 * @example
 * ```ts
 * import { CancelledError } from "@denoio/asyncio";
 * const e = new CancelledError("stop");
 * console.assert(e.name === "CancelledError" && e.message === "stop");
 * ```
 */
export class CancelledError extends Error {
  /**
   * Creates an instance.
   *
   * @param message The cancel message, if `cancel(msg)` gave one.
   */
  constructor(message?: string, options?: ErrorOptions) {
    super(message ?? "", options);
    this.name = "CancelledError";
  }
}

/**
 * An operation is not allowed in the future's or task's current state, such as
 * `setResult()` on a future that is already done.
 *
 * Mirrors Python's `asyncio.InvalidStateError`.
 *
 * @example
 * ```ts
 * import { InvalidStateError } from "@denoio/asyncio";
 * console.assert(new InvalidStateError("x") instanceof Error);
 * ```
 */
export class InvalidStateError extends Error {
  /**
   * Creates an instance.
   *
   * @param message What was wrong.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "InvalidStateError";
  }
}

/**
 * A deadline passed: raised by `waitFor()`, `timeout()` and `timeoutAt()`.
 *
 * Mirrors Python's `TimeoutError`. Differences from Python: it extends the web's
 * `DOMException` with name `"TimeoutError"`, so both `e instanceof TimeoutError`
 * and `e.name === "TimeoutError"` (as from `AbortSignal.timeout()`) hold.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "@denoio/asyncio";
 * const e = new TimeoutError();
 * console.assert(e instanceof DOMException && e.name === "TimeoutError");
 * ```
 */
export class TimeoutError extends DOMException {
  /**
   * Creates an instance.
   *
   * @param message What timed out.
   */
  constructor(message = "The operation timed out") {
    super(message, "TimeoutError");
  }
}

/**
 * The event loop was used in a way its state does not allow (closed, already
 * running, no running loop). Python raises `RuntimeError` in these places.
 *
 * @example
 * ```ts
 * import { RuntimeError } from "@denoio/asyncio";
 * console.assert(new RuntimeError("no running event loop").name === "RuntimeError");
 * ```
 */
export class RuntimeError extends Error {
  /**
   * Creates an instance.
   *
   * @param message What was wrong.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RuntimeError";
  }
}

/**
 * `sendfile()` cannot use a zero-copy path for this transport or file, and
 * `fallback` was `false`.
 *
 * Mirrors Python's `asyncio.SendfileNotAvailableError`.
 *
 * @example
 * ```ts
 * import { SendfileNotAvailableError } from "@denoio/asyncio";
 * console.assert(new SendfileNotAvailableError("no").name === "SendfileNotAvailableError");
 * ```
 */
export class SendfileNotAvailableError extends RuntimeError {
  /**
   * Creates an instance.
   *
   * @param message Why sendfile is not available.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SendfileNotAvailableError";
  }
}

/**
 * The stream ended before the requested number of bytes (or the separator)
 * arrived.
 *
 * Mirrors Python's `asyncio.IncompleteReadError`.
 *
 * @example
 * ```ts
 * import { IncompleteReadError } from "@denoio/asyncio";
 * const e = new IncompleteReadError(new Uint8Array(3), 5);
 * console.assert(e.partial.length === 3 && e.expected === 5);
 * ```
 */
export class IncompleteReadError extends Error {
  /** The bytes read before the end of the stream. */
  readonly partial: Uint8Array;
  /** The number of bytes expected, or `null` when reading to a separator. */
  readonly expected: number | null;
  /**
   * Creates an instance.
   *
   * @param partial The bytes read before the end of the stream.
   * @param expected The number of bytes expected, or `null`.
   */
  constructor(partial: Uint8Array, expected: number | null) {
    super(
      `${partial.length} bytes read on a total of ${
        expected === null ? "undefined" : expected
      } expected bytes`,
    );
    this.name = "IncompleteReadError";
    this.partial = partial;
    this.expected = expected;
  }
}

/**
 * The buffer limit was reached while looking for a separator.
 *
 * Mirrors Python's `asyncio.LimitOverrunError`.
 *
 * @example
 * ```ts
 * import { LimitOverrunError } from "@denoio/asyncio";
 * console.assert(new LimitOverrunError("too long", 10).consumed === 10);
 * ```
 */
export class LimitOverrunError extends Error {
  /** The number of bytes to consume before the separator could fit. */
  readonly consumed: number;
  /**
   * Creates an instance.
   *
   * @param message What overran.
   * @param consumed The number of bytes to be consumed.
   */
  constructor(message: string, consumed: number) {
    super(message);
    this.name = "LimitOverrunError";
    this.consumed = consumed;
  }
}

/**
 * A `Barrier` was reset or aborted while tasks waited on it.
 *
 * Mirrors Python's `asyncio.BrokenBarrierError`.
 *
 * @example
 * ```ts
 * import { BrokenBarrierError } from "@denoio/asyncio";
 * console.assert(new BrokenBarrierError().name === "BrokenBarrierError");
 * ```
 */
export class BrokenBarrierError extends RuntimeError {
  /**
   * Creates an instance.
   *
   * @param message What broke the barrier.
   */
  constructor(message = "Barrier aborted") {
    super(message);
    this.name = "BrokenBarrierError";
  }
}

/**
 * `getNowait()` on an empty queue.
 *
 * Mirrors Python's `asyncio.QueueEmpty`.
 *
 * @example
 * ```ts
 * import { QueueEmpty } from "@denoio/asyncio";
 * console.assert(new QueueEmpty().name === "QueueEmpty");
 * ```
 */
export class QueueEmpty extends Error {
  /**
   * Creates an instance.
   *
   * @param message Details.
   */
  constructor(message = "Queue is empty") {
    super(message);
    this.name = "QueueEmpty";
  }
}

/**
 * `putNowait()` on a full queue.
 *
 * Mirrors Python's `asyncio.QueueFull`.
 *
 * @example
 * ```ts
 * import { QueueFull } from "@denoio/asyncio";
 * console.assert(new QueueFull().name === "QueueFull");
 * ```
 */
export class QueueFull extends Error {
  /**
   * Creates an instance.
   *
   * @param message Details.
   */
  constructor(message = "Queue is full") {
    super(message);
    this.name = "QueueFull";
  }
}

/**
 * `put()` or `get()` on a queue that was shut down.
 *
 * Mirrors Python's `asyncio.QueueShutDown` (3.13).
 *
 * @example
 * ```ts
 * import { QueueShutDown } from "@denoio/asyncio";
 * console.assert(new QueueShutDown().name === "QueueShutDown");
 * ```
 */
export class QueueShutDown extends Error {
  /**
   * Creates an instance.
   *
   * @param message Details.
   */
  constructor(message = "Queue is shut down") {
    super(message);
    this.name = "QueueShutDown";
  }
}

/**
 * A non-blocking `Socket` operation would block.
 *
 * Mirrors Python's `BlockingIOError`.
 *
 * @example
 * ```ts
 * import { BlockingIOError } from "@denoio/asyncio";
 * console.assert(new BlockingIOError().name === "BlockingIOError");
 * ```
 */
export class BlockingIOError extends Error {
  /**
   * Creates an instance.
   *
   * @param message Details.
   */
  constructor(message = "Resource temporarily unavailable") {
    super(message);
    this.name = "BlockingIOError";
  }
}

/** Matches errors: an error class, or a predicate. */
export type ErrorMatcher =
  // deno-lint-ignore no-explicit-any
  | (abstract new (...args: any[]) => unknown)
  | ((error: unknown) => boolean);

function matches(matcher: ErrorMatcher, error: unknown): boolean {
  const proto = matcher.prototype;
  if (proto === Error.prototype || proto instanceof Error) {
    return error instanceof (matcher as abstract new () => unknown);
  }
  return (matcher as (error: unknown) => boolean)(error);
}

/**
 * Several errors raised together, as by {@linkcode TaskGroup}.
 *
 * Mirrors Python's `ExceptionGroup`. Differences from Python: it is an
 * `AggregateError` (so `errors` and `exceptions` are the same array);
 * `split()` and `subgroup()` take an error class or a predicate and do not
 * descend into nested groups' leaves differently from Python.
 *
 * @example
 * ```ts
 * import { ExceptionGroup } from "@denoio/asyncio";
 * const eg = new ExceptionGroup("two", [new TypeError("a"), new RangeError("b")]);
 * const [types, rest] = eg.split(TypeError);
 * console.assert(types?.exceptions.length === 1 && rest?.exceptions.length === 1);
 * ```
 */
export class ExceptionGroup extends AggregateError {
  /** The errors, in the order they were raised; the original objects. */
  readonly exceptions: readonly unknown[];
  /**
   * Creates an instance.
   *
   * @param message What the group is about.
   * @param exceptions The errors; must not be empty.
   */
  constructor(message: string, exceptions: Iterable<unknown>) {
    const list = [...exceptions];
    if (list.length === 0) {
      throw new TypeError(
        "ExceptionGroup: the second argument (exceptions) must be a non-empty list",
      );
    }
    super(list, message);
    this.name = "ExceptionGroup";
    this.exceptions = list;
  }

  /**
   * The errors that match, as a group of the same shape, or `null` if none do.
   *
   * @param matcher An error class or a predicate.
   * @returns The matching part, or `null`.
   */
  subgroup(matcher: ErrorMatcher): ExceptionGroup | null {
    return this.split(matcher)[0];
  }

  /**
   * Split into `[match, rest]`, each an `ExceptionGroup` or `null`. Nested
   * groups are split recursively.
   *
   * @param matcher An error class or a predicate.
   * @returns The matching part and the rest.
   */
  split(matcher: ErrorMatcher): [ExceptionGroup | null, ExceptionGroup | null] {
    if (matches(matcher, this)) return [this, null];
    const match: unknown[] = [];
    const rest: unknown[] = [];
    for (const e of this.exceptions) {
      if (e instanceof ExceptionGroup) {
        const [m, r] = e.split(matcher);
        if (m) match.push(m);
        if (r) rest.push(r);
      } else if (matches(matcher, e)) {
        match.push(e);
      } else {
        rest.push(e);
      }
    }
    const derive = (list: unknown[]) => list.length ? new ExceptionGroup(this.message, list) : null;
    return [derive(match), derive(rest)];
  }
}
