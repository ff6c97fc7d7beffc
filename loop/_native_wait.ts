// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A one-shot wait that tasks await as a NATIVE promise (V8's fast `await` path) while keeping
// asyncio's cancellation: the awaiting task records it as what it waits on, and `cancel()` makes
// the promise reject with CancelledError on the next loop iteration.
import { CancelledError } from "../errors.ts";
import { RUN_HANDLE, SCHEDULE, SPARE_WAIT, WANT_DRAIN } from "./_internal.ts";
import { type AwaitingTask, type Cancellable, taskContext } from "./_task_context.ts";
import type { EventLoop } from "./event_loop.ts";

const PENDING = 0;
const SCHEDULED = 1;
const DONE = 2;

let creating: NativeWait<unknown>;
function captureResolvers(resolve: (value: never) => void, reject: (reason: unknown) => void) {
  creating.resolve = resolve as (value: unknown) => void;
  creating.reject = reject;
}

/**
 * Computes what a wait delivers, when it is delivered (right before the awaiting task resumes),
 * from its outcome: returns the value to resolve with, or throws to reject.
 */
export type Deliver<T> = (wait: NativeWait<T>, ok: boolean, value: unknown) => T;

/** A wait resolved by `wake(value)` or `fail(error)`; delivered through the loop's ready queue. */
export class NativeWait<T> implements Cancellable {
  /** The promise the awaiting code awaits (V8's fast `await` path). */
  promise!: Promise<T>;
  resolve!: (value: T) => void;
  reject!: (reason: unknown) => void;
  /** A timer that would wake this wait; cancelled along with it. */
  timer: { cancel(): void } | null = null;
  #state = PENDING;
  #ok = true;
  #value: unknown;
  readonly #loop: EventLoop;
  readonly #task: AwaitingTask | undefined;
  #deliver: Deliver<T> | null = null;

  /**
   * Creates the wait; `promise` is what the caller returns to the awaiting code. With `deliver`,
   * the promise settles with what `deliver` makes of the outcome instead (so a caller can return
   * `promise` itself rather than await it in an async frame of its own).
   */
  static create<T>(loop: EventLoop, deliver: Deliver<T> | null = null): NativeWait<T> {
    const wait = new NativeWait<T>(loop, taskContext.getStore());
    wait.#deliver = deliver;
    return NativeWait.#arm(wait);
  }

  /**
   * Like `create()`, but re-arms `spare` instead when it was delivered and belongs to the current
   * task: for waits nobody references once delivered, saving an object per suspension.
   */
  static recycle<T>(
    spare: NativeWait<T> | null,
    loop: EventLoop,
    deliver: Deliver<T> | null = null,
  ): NativeWait<T> {
    const task = taskContext.getStore();
    if (spare !== null && spare.#state === DONE && spare.#loop === loop && spare.#task === task) {
      spare.#state = PENDING;
      spare.#ok = true;
      spare.timer = null;
      spare.#deliver = deliver;
      return NativeWait.#arm(spare);
    }
    const wait = new NativeWait<T>(loop, task);
    wait.#deliver = deliver;
    return NativeWait.#arm(wait);
  }

  /** `recycle()` with the current task's spare wait (`sleep()`). */
  static reuse<T>(loop: EventLoop): NativeWait<T> {
    const task = taskContext.getStore();
    const spare = (task?.[SPARE_WAIT] ?? null) as NativeWait<T> | null;
    const wait = NativeWait.recycle(spare, loop);
    if (task !== undefined && spare === null) task[SPARE_WAIT] = wait;
    return wait;
  }

  static #arm<T>(wait: NativeWait<T>): NativeWait<T> {
    creating = wait as NativeWait<unknown>;
    wait.promise = new Promise<T>(captureResolvers);
    wait.#task?.suspendOn(wait);
    return wait;
  }

  private constructor(loop: EventLoop, task: AwaitingTask | undefined) {
    this.#loop = loop;
    this.#task = task;
  }

  /** Whether it is still waiting (not yet scheduled for delivery). */
  pending(): boolean {
    return this.#state === PENDING;
  }

  /** Schedules delivery of `value` on the next loop iteration. */
  wake(value: T): void {
    if (this.#state !== PENDING) return;
    this.#state = SCHEDULED;
    this.#value = value;
    this.#loop[SCHEDULE](this);
  }

  /** Schedules delivery of `error` on the next loop iteration. */
  fail(error: unknown): void {
    if (this.#state !== PENDING) return;
    this.#state = SCHEDULED;
    this.#ok = false;
    this.#value = error;
    this.#loop[SCHEDULE](this);
  }

  /**
   * Cancels: the promise rejects with `CancelledError(message)`. Returns `false` once the wait
   * was woken or failed (its outcome is set, as a done future's), so that a task then asks for
   * the cancellation itself and `uncancel()` can still take it back, as in Python.
   */
  cancel(message?: string): boolean {
    if (this.#state !== PENDING) return false;
    this.timer?.cancel();
    this.#ok = false;
    this.#value = new CancelledError(message);
    this.#state = SCHEDULED;
    this.#loop[SCHEDULE](this);
    return true;
  }

  /** `<Handle wake-up of <Task ...>>`: how debug mode's slow-callback warnings name the delivery. */
  toString(): string {
    return `<Handle wake-up${this.#task === undefined ? "" : ` of ${String(this.#task)}`}>`;
  }

  [RUN_HANDLE](): void {
    if (this.#state === DONE) return;
    this.#state = DONE;
    if (this.#task === undefined) this.#loop[WANT_DRAIN]();
    let ok = this.#ok;
    let value = this.#value;
    this.#value = undefined;
    const cancellation = this.#task?.wake(this, !ok && value instanceof CancelledError) ?? null;
    if (cancellation !== null) {
      ok = false;
      value = cancellation;
    }
    // Taken first: once delivered, the wait may be re-armed (recycle()) with new resolvers.
    const resolve = this.resolve, reject = this.reject;
    const deliver = this.#deliver;
    if (deliver !== null) {
      try {
        value = deliver(this, ok, value);
        ok = true;
      } catch (e) {
        ok = false;
        value = e;
      }
    }
    if (ok) resolve(value as T);
    else reject(value);
  }
}
