// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Queue`: a FIFO queue for producer and consumer tasks.
 *
 * @module
 */
import { QueueEmpty, QueueFull, QueueShutDown } from "../errors.ts";
import { describe } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import { Deque } from "./_deque.ts";
import { bindLoop } from "./_loop_bound.ts";
import { type ItemStore, storeFor } from "./_queue_store.ts";
import { Event } from "./event.ts";

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A first-in, first-out queue for tasks: `put()` waits while the queue is
 * full, `get()` waits while it is empty; `taskDone()` and `join()` track
 * when every item has been processed; `shutdown()` ends it.
 *
 * Mirrors Python's `asyncio.Queue` (3.13, with `shutdown()` and
 * `QueueShutDown`). Differences from Python: `put_nowait` is `putNowait`,
 * `get_nowait` is `getNowait`, `task_done` is `taskDone`; `maxsize` is a
 * getter; a `put()` or `get()` that can complete at once does so without a
 * loop iteration (as in Python, where such a coroutine does not suspend); a
 * queue is also an async iterable that yields items until it is shut down
 * and empty. Errors Python raises as `ValueError` are `RangeError`s.
 *
 * @typeParam T The item type.
 *
 * @example
 * ```ts
 * import { Queue, getRunningLoop, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const queue = new Queue<number>(2);
 *   const consumer = getRunningLoop().createTask(async () => {
 *     let sum = 0;
 *     for (let i = 0; i < 5; i++) {
 *       sum += await queue.get();
 *       queue.taskDone();
 *     }
 *     return sum;
 *   });
 *   for (let i = 1; i <= 5; i++) await queue.put(i);
 *   await queue.join();
 *   console.assert(await consumer === 15);
 * });
 * ```
 */
export class Queue<T = unknown> implements AsyncIterable<T> {
  #maxsize: number;
  #items: ItemStore<T>;
  #getters = new Deque<Future<void>>();
  #putters = new Deque<Future<void>>();
  #unfinishedTasks = 0;
  #finished = new Event();
  #isShutdown = false;
  #loop: EventLoop | null = null;

  /**
   * Creates an instance.
   *
   * @param maxsize The capacity; 0 or less means unbounded (the default).
   * @throws {TypeError} If `maxsize` is not a number (or is NaN).
   */
  constructor(maxsize = 0) {
    if (typeof maxsize !== "number" || Number.isNaN(maxsize)) {
      throw new TypeError(
        `${new.target.name}(): maxsize must be a number, got ${describe(maxsize)}`,
      );
    }
    this.#maxsize = maxsize;
    this.#items = storeFor<T>(new.target);
    this.#finished.set();
  }

  /** The capacity given to the constructor (0 or less: unbounded). */
  get maxsize(): number {
    return this.#maxsize;
  }

  /** The number of items in the queue. */
  qsize(): number {
    return this.#items.length;
  }

  /** Whether the queue has no items. */
  empty(): boolean {
    return this.#items.length === 0;
  }

  /** Whether the queue holds `maxsize` items (never, for an unbounded queue). */
  full(): boolean {
    return this.#maxsize > 0 && this.#items.length >= this.#maxsize;
  }

  /**
   * Puts `item` into the queue, first waiting for a free slot if it is full.
   *
   * @throws {QueueShutDown} If the queue is (or gets, while waiting) shut down.
   * @throws {CancelledError} If the waiting task is cancelled.
   * @throws {TypeError} If a `PriorityQueue` cannot order `item`.
   */
  put(item: T): Promise<void> {
    if (this.#maxsize <= 0 || this.#items.length < this.#maxsize) {
      try {
        this.putNowait(item);
      } catch (e) {
        return Promise.reject(e);
      }
      return RESOLVED;
    }
    return this.#putSlow(item);
  }

  async #putSlow(item: T): Promise<void> {
    while (this.full()) {
      if (this.#isShutdown) throw new QueueShutDown();
      const loop = this.#loop = bindLoop(this.#loop, this);
      const putter = loop.createFuture<void>();
      this.#putters.push(putter);
      try {
        await putter;
      } catch (e) {
        putter.cancel();
        this.#putters.remove(putter);
        // Woken by a get but unable to take the slot: wake the next putter.
        if (!this.full() && !putter.cancelled()) this.#wakeupNext(this.#putters);
        throw e;
      }
    }
    this.putNowait(item);
  }

  /**
   * Puts `item` into the queue without waiting.
   *
   * @throws {QueueFull} If the queue is full.
   * @throws {QueueShutDown} If the queue was shut down.
   * @throws {TypeError} If a `PriorityQueue` cannot order `item`.
   */
  putNowait(item: T): void {
    if (this.#isShutdown) throw new QueueShutDown();
    if (this.#maxsize > 0 && this.#items.length >= this.#maxsize) throw new QueueFull();
    this.#items.push(item);
    // `#finished` is set exactly while there are no unfinished tasks.
    if (this.#unfinishedTasks++ === 0) this.#finished.clear();
    if (this.#getters.length > 0) this.#wakeupNext(this.#getters);
  }

  /**
   * Removes and returns an item, first waiting for one if the queue is empty.
   *
   * @throws {QueueShutDown} If the queue is shut down and empty, or was shut
   * down with `immediate`.
   * @throws {CancelledError} If the waiting task is cancelled (no item is lost).
   */
  get(): Promise<T> {
    if (this.#items.length > 0) {
      try {
        return Promise.resolve(this.getNowait());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return this.#getSlow();
  }

  async #getSlow(): Promise<T> {
    while (this.empty()) {
      if (this.#isShutdown) throw new QueueShutDown();
      const loop = this.#loop = bindLoop(this.#loop, this);
      const getter = loop.createFuture<void>();
      this.#getters.push(getter);
      try {
        await getter;
      } catch (e) {
        getter.cancel();
        this.#getters.remove(getter);
        // Woken by a put but unable to take the item: wake the next getter.
        if (!this.empty() && !getter.cancelled()) this.#wakeupNext(this.#getters);
        throw e;
      }
    }
    return this.getNowait();
  }

  /**
   * Removes and returns an item without waiting.
   *
   * @throws {QueueEmpty} If the queue is empty.
   * @throws {QueueShutDown} If the queue is empty and shut down.
   */
  getNowait(): T {
    if (this.#items.length === 0) {
      if (this.#isShutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this.#items.take();
    if (this.#putters.length > 0) this.#wakeupNext(this.#putters);
    return item;
  }

  /**
   * Tells the queue that an item taken with `get()` has been processed;
   * when every item put has been processed, `join()` returns.
   *
   * @throws {RangeError} If called more times than items were put.
   */
  taskDone(): void {
    if (this.#unfinishedTasks <= 0) {
      throw new RangeError("taskDone() called too many times (more than items were put)");
    }
    this.#unfinishedTasks--;
    if (this.#unfinishedTasks === 0) this.#finished.set();
  }

  /**
   * Waits until every item put into the queue has been processed (a
   * `taskDone()` call for each).
   *
   * @throws {CancelledError} If the waiting task is cancelled.
   */
  join(): Promise<void> {
    if (this.#unfinishedTasks === 0) return RESOLVED;
    return this.#finished.wait().then(() => {});
  }

  /**
   * Shuts the queue down: `put()` then throws `QueueShutDown`, and `get()`
   * throws it once the queue is empty. Blocked `put()` and `get()` calls
   * wake up and re-check.
   *
   * @param immediate Also drop the remaining items (each counts as
   * processed, so `join()` may return) and make `get()` throw at once.
   */
  shutdown(immediate = false): void {
    this.#isShutdown = true;
    if (immediate) {
      while (this.#items.length > 0) {
        this.#items.take();
        if (this.#unfinishedTasks > 0) this.#unfinishedTasks--;
      }
      if (this.#unfinishedTasks === 0) this.#finished.set();
    }
    // Every getter re-checks whether the queue is empty, to throw QueueShutDown.
    while (this.#getters.length > 0) {
      const getter = this.#getters.shift();
      if (!getter.done()) getter.setResult(undefined);
    }
    while (this.#putters.length > 0) {
      const putter = this.#putters.shift();
      if (!putter.done()) putter.setResult(undefined);
    }
  }

  /**
   * Yields items as `get()` returns them, until the queue is shut down and
   * empty. Does not call `taskDone()`.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    while (true) {
      let item: T;
      try {
        item = await this.get();
      } catch (e) {
        if (e instanceof QueueShutDown) return;
        throw e;
      }
      yield item;
    }
  }

  /** `<Queue maxsize=0 _queue=[1, 2] _getters[1] tasks=2 shutdown>`, as Python's `str()`. */
  toString(): string {
    let result = `maxsize=${this.#maxsize}`;
    if (this.#items.length > 0) result += ` _queue=[${this.#items.toArray().join(", ")}]`;
    if (this.#getters.length > 0) result += ` _getters[${this.#getters.length}]`;
    if (this.#putters.length > 0) result += ` _putters[${this.#putters.length}]`;
    if (this.#unfinishedTasks > 0) result += ` tasks=${this.#unfinishedTasks}`;
    if (this.#isShutdown) result += " shutdown";
    return `<${this.constructor.name} ${result}>`;
  }

  #wakeupNext(waiters: Deque<Future<void>>): void {
    while (waiters.length > 0) {
      const waiter = waiters.shift();
      if (!waiter.done()) {
        waiter.setResult(undefined);
        break;
      }
    }
  }
}
