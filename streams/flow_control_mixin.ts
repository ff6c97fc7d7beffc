// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `FlowControlMixin`: the write-side flow control behind `StreamWriter.drain()`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
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
  #drainWaiters: Future<void>[] = [];
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
    for (const waiter of this.#drainWaiters) {
      if (!waiter.done()) waiter.setResult(undefined);
    }
  }

  /**
   * The connection is gone: wakes waiting `drain()` calls (with `exc`, if
   * any); later ones reject.
   */
  connectionLost(exc: Error | null): void {
    this.#connectionLost = true;
    if (!this.#paused) return;
    for (const waiter of this.#drainWaiters) {
      if (waiter.done()) continue;
      if (exc === null) waiter.setResult(undefined);
      else waiter.setException(exc);
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
    return this.#waitForResume();
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

  async #waitForResume(): Promise<void> {
    const waiter = this.#loop.createFuture<void>();
    this.#drainWaiters.push(waiter);
    try {
      await waiter;
    } finally {
      const i = this.#drainWaiters.indexOf(waiter);
      if (i !== -1) this.#drainWaiters.splice(i, 1);
    }
  }
}
