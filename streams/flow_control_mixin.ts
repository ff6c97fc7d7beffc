// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `FlowControlMixin`: the write-side flow control behind `StreamWriter.drain()`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { NativeWait } from "../loop/_native_wait.ts";
import { _loopForNewObject } from "../loop/running_loop.ts";
import type { Protocol } from "../protocols/protocols.ts";

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A protocol base that tracks `pauseWriting()` / `resumeWriting()` so that
 * {@linkcode StreamWriter.drain} can wait while the transport's write buffer
 * is above its high-water mark. A protocol given to a `StreamWriter` extends
 * it (as {@linkcode StreamReaderProtocol} does) and implements
 * {@linkcode FlowControlMixin.getCloseWaiter}; a subclass that overrides
 * `pauseWriting`, `resumeWriting` or `connectionLost` calls `super`.
 *
 * Mirrors Python's `asyncio.streams.FlowControlMixin`. Differences from
 * Python: `_drain_helper()` and `_get_close_waiter()` are the public
 * `drainHelper()` and `getCloseWaiter()` (JS has no protected-by-convention
 * names); drain after the connection is lost rejects with
 * `Deno.errors.ConnectionReset` (Python's `ConnectionResetError`).
 *
 * @example
 * ```ts
 * import { FlowControlMixin, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const protocol = new FlowControlMixin();
 *   protocol.pauseWriting();
 *   const drained = protocol.drainHelper();
 *   protocol.resumeWriting();
 *   await drained;
 * });
 * ```
 */
export class FlowControlMixin implements Protocol {
  #loop: EventLoop;
  #paused = false;
  #drainWaiters: NativeWait<void>[] = [];
  #connectionLost = false;

  /**
   * Creates an instance.
   *
   * @param loop The loop; default: the running loop, else the current one.
   */
  constructor(loop?: EventLoop) {
    this.#loop = loop ?? _loopForNewObject("new FlowControlMixin()");
  }

  /** The loop this protocol is bound to. */
  getLoop(): EventLoop {
    return this.#loop;
  }

  /** The transport's write buffer went over its high-water mark: `drain()` now waits. */
  pauseWriting(): void {
    this.#paused = true;
  }

  /** The transport's write buffer drained: wakes every waiting `drain()`. */
  resumeWriting(): void {
    this.#paused = false;
    const waiters = this.#drainWaiters;
    for (let i = 0; i < waiters.length; i++) waiters[i].wake(undefined);
  }

  /**
   * The connection is gone: wakes waiting `drain()` calls (with `exc`, if
   * any); later ones reject.
   */
  connectionLost(exc: Error | null): void {
    this.#connectionLost = true;
    if (!this.#paused) return;
    const waiters = this.#drainWaiters;
    for (let i = 0; i < waiters.length; i++) {
      if (exc === null) waiters[i].wake(undefined);
      else waiters[i].fail(exc);
    }
  }

  /** Whether `connectionLost()` was called. */
  isConnectionLost(): boolean {
    return this.#connectionLost;
  }

  /**
   * Resolves at once unless writing is paused, else once it resumes.
   * Used by {@linkcode StreamWriter.drain}.
   *
   * @throws {Deno.errors.ConnectionReset} If the connection was lost.
   */
  drainHelper(): Promise<void> {
    if (this.#connectionLost) {
      return Promise.reject(new Deno.errors.ConnectionReset("Connection lost"));
    }
    if (!this.#paused) return RESOLVED;
    // A native wait rather than a future awaited in an async frame: no frame, no try/finally.
    // Delivered (or cancelled) through the loop's ready queue, like a future's wake-up.
    const wait = NativeWait.create<void>(this.#loop, this.#forget);
    this.#drainWaiters.push(wait);
    return wait.promise;
  }

  /**
   * What {@linkcode StreamWriter.waitClosed} awaits: resolves once the
   * connection is closed, rejects with the error it was lost with.
   * Subclasses implement it; this base throws.
   *
   * @param _stream The writer asking.
   */
  getCloseWaiter(_stream: unknown): PromiseLike<void> {
    throw new Error(`${this.constructor.name}.getCloseWaiter() is not implemented`);
  }

  /** Delivers a drain wait: it leaves the list as the waiting task resumes (Python's `finally`). */
  #forget = (wait: NativeWait<void>, ok: boolean, value: unknown): void => {
    const waiters = this.#drainWaiters;
    if (waiters.length === 1 && waiters[0] === wait) waiters.pop();
    else {
      const i = waiters.indexOf(wait);
      if (i !== -1) waiters.splice(i, 1);
    }
    if (!ok) throw value;
  };
}
