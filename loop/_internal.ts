// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Symbols the kernel uses to reach its own objects' internals without making them public API.

/** Runs a handle's callback (called by the loop only). */
export const RUN_HANDLE: unique symbol = Symbol("runHandle");
/** Puts an internal ready item (anything with a `[RUN_HANDLE]()` method) on the loop's ready queue. */
export const SCHEDULE: unique symbol = Symbol("schedule");
/** Something the loop's ready queue can run. */
export interface ReadyItem {
  [RUN_HANDLE](): void;
}

/**
 * A callback that its owner puts on the loop's ready queue itself (`step.scheduleOn(loop)`) and
 * reuses every time: each `callSoon()` costs a handle, and an arguments array for an argument.
 * It runs and reports as a handle would, and is on the queue at most once.
 */
export class Step implements ReadyItem {
  /** Whether it waits on a ready queue (it runs once however often it was scheduled). */
  queued = false;
  constructor(readonly name: string, readonly run: () => void) {}
  /** Puts it on `loop`'s ready queue unless it is there already. */
  scheduleOn(loop: { [SCHEDULE](item: ReadyItem): void }): void {
    if (this.queued) return;
    this.queued = true;
    loop[SCHEDULE](this);
  }
  [RUN_HANDLE](): void {
    this.queued = false;
    this.run();
  }
  toString(): string {
    return `<Handle ${this.name}>`;
  }
}

/** Seconds `run()` and `await using` wait for the default executor (Python's `THREAD_JOIN_TIMEOUT`). */
export const THREAD_JOIN_TIMEOUT = 300;

/** Tells a timer handle it left the heap. */
export const TIMER_UNSCHEDULED: unique symbol = Symbol("timerUnscheduled");

/** A function's name for messages: `name` or `<anonymous>`. */
export function callableName(fn: unknown): string {
  return typeof fn === "function" && fn.name ? fn.name : "<anonymous>";
}

/** Describes a value's type for error messages: `got number 3`, `got undefined`. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "function") return `function ${callableName(value)}`;
  if (typeof value === "object") return `object ${value.constructor?.name ?? "Object"}`;
  if (typeof value === "string") return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const AsyncFunction = (async () => {}).constructor;
const AsyncGeneratorFunction = (async function* () {}).constructor;

/**
 * Throws Python's `TypeError("coroutines cannot be used with method()")` if `fn` is an async
 * function: its promise would be dropped, and a rejection would end the Deno process.
 */
export function checkNotAsync(fn: unknown, method: string): void {
  const ctor = (fn as { constructor?: unknown })?.constructor;
  if (ctor === AsyncFunction || ctor === AsyncGeneratorFunction) {
    throw new TypeError(`coroutines cannot be used with ${method}()`);
  }
}

/** Throws a TypeError naming `what` unless `fn` is a function. */
export function checkCallable(fn: unknown, what: string): void {
  if (typeof fn !== "function") {
    throw new TypeError(`${what} must be a function, got ${describe(fn)}`);
  }
}

/** The loop starts tracking a failed future whose exception nobody retrieved yet. */
export const TRACK_UNRETRIEVED: unique symbol = Symbol("trackUnretrieved");
/** The loop stops tracking it (retrieved, or reported after garbage collection). */
export const UNTRACK_UNRETRIEVED: unique symbol = Symbol("untrackUnretrieved");
/**
 * A task's step begins (it was woken, or starts): the loop waits for the step to end (the task
 * suspends again) before its next iteration, as asyncio runs a whole step inside one callback.
 * Takes the task's token (the epoch it was counted in, or -1) and returns the current epoch.
 */
export const TASK_STEP_START: unique symbol = Symbol("taskStepStart");
/**
 * Something resolved a native promise for code that is not a task: the loop lets the microtask
 * queue run before its next iteration.
 */
export const WANT_DRAIN: unique symbol = Symbol("wantDrain");
/** A task's step ended (it suspended on a loop awaitable, or finished). Takes its token. */
export const TASK_STEP_END: unique symbol = Symbol("taskStepEnd");
/**
 * `task[PENDING_WAIT]()`: the loop wait (a `NativeWait` or a `Future`) the task registered last
 * and that is still pending, or `null`: while the task runs, what a call it just made awaits.
 */
export const PENDING_WAIT: unique symbol = Symbol("pendingWait");
/** A task's spare one-shot wait, reused by its next `sleep()`. */
export const SPARE_WAIT: unique symbol = Symbol("spareWait");
/** Registers a pending task with its loop. */
export const REGISTER_TASK: unique symbol = Symbol("registerTask");
/** The loop forgets a finished task. */
export const UNREGISTER_TASK: unique symbol = Symbol("unregisterTask");

/** A failed future's exception that nobody has retrieved yet. */
export interface Unretrieved {
  readonly message: string;
  readonly exception: unknown;
  readonly future: WeakRef<object>;
  readonly sourceTraceback: string | undefined;
  reported: boolean;
}
/** Registers a function the loop calls when it closes (subsystems release their resources). */
export const ON_CLOSE: unique symbol = Symbol("onClose");
