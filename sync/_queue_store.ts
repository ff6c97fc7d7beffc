// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Where a queue keeps its items: FIFO (Queue), LIFO (LifoQueue) or a heap (PriorityQueue).
import { Deque } from "./_deque.ts";

/** A queue's item storage (Python's `_init`, `_put`, `_get`, `_qsize` hooks). Internal. */
export interface ItemStore<T> {
  readonly length: number;
  push(item: T): void;
  take(): T;
  clear(): void;
  toArray(): T[];
}

class FifoStore<T> extends Deque<T> implements ItemStore<T> {
  take(): T {
    return this.shift();
  }
}

// deno-lint-ignore ban-types
const factories = new Map<Function, () => ItemStore<unknown>>();

/** Makes instances of `cls` (and of its subclasses) store items in `factory()`'s store. */
// deno-lint-ignore ban-types
export function registerStore(cls: Function, factory: () => ItemStore<unknown>): void {
  factories.set(cls, factory);
}

/** A new store for an instance of `cls`: the nearest registered ancestor's, else FIFO. */
// deno-lint-ignore ban-types
export function storeFor<T>(cls: Function): ItemStore<T> {
  // deno-lint-ignore ban-types
  for (let c: Function | null = cls; c !== null && c !== Function.prototype;) {
    const factory = factories.get(c);
    if (factory !== undefined) return factory() as ItemStore<T>;
    c = Object.getPrototypeOf(c);
  }
  return new FifoStore<T>();
}
