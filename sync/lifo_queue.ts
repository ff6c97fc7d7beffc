// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `LifoQueue`: a queue that returns the most recent item first.
 *
 * @module
 */
import type { ItemStore } from "./_queue_store.ts";
import { registerStore } from "./_queue_store.ts";
import { Queue } from "./queue.ts";

class StackStore<T> implements ItemStore<T> {
  #items: T[] = [];
  get length(): number {
    return this.#items.length;
  }
  push(item: T): void {
    this.#items.push(item);
  }
  take(): T {
    return this.#items.pop() as T;
  }
  clear(): void {
    this.#items.length = 0;
  }
  toArray(): T[] {
    return this.#items.slice();
  }
}

/**
 * A {@linkcode Queue} that returns the most recently added item first (a stack).
 *
 * Mirrors Python's `asyncio.LifoQueue`.
 *
 * @typeParam T The item type.
 *
 * @example
 * ```ts
 * import { LifoQueue } from "@denoio/asyncio";
 * const queue = new LifoQueue<number>();
 * queue.putNowait(1);
 * queue.putNowait(2);
 * console.assert(queue.getNowait() === 2);
 * ```
 */
export class LifoQueue<T = unknown> extends Queue<T> {}

registerStore(LifoQueue, () => new StackStore());
