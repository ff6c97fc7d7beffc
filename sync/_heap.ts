// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A binary min-heap ordered by Python's `<` (PriorityQueue's store).
import { pythonLess } from "./_python_order.ts";
import type { ItemStore } from "./_queue_store.ts";

/** Python's `heapq` on an array, as an {@linkcode ItemStore}. Internal. */
export class HeapStore<T> implements ItemStore<T> {
  #heap: T[] = [];

  get length(): number {
    return this.#heap.length;
  }

  /** Adds `item`; if it cannot be compared, throws and leaves the heap unchanged. */
  push(item: T): void {
    const heap = this.#heap;
    const start = heap.length;
    let pos = start;
    heap.push(item);
    try {
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (!pythonLess(item, heap[parent])) break;
        heap[pos] = heap[parent];
        pos = parent;
      }
    } catch (e) {
      // Undo: shift the moved ancestors back up along the path, then drop the slot.
      const path: number[] = [];
      for (let p = start; p > pos; p = (p - 1) >> 1) path.push(p);
      for (let k = path.length - 1; k >= 0; k--) heap[(path[k] - 1) >> 1] = heap[path[k]];
      heap.pop();
      throw e;
    }
    heap[pos] = item;
  }

  /**
   * Removes and returns the smallest item; the heap must not be empty. Moves items as
   * `heapq.heappop` does (the last item sinks to a leaf, then rises), so items that compare
   * equal come out in Python's order.
   */
  take(): T {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop() as T;
    const n = heap.length;
    if (n === 0) return top;
    let pos = 0; // the hole that `last` fills
    try {
      let child = 1;
      while (child < n) {
        if (child + 1 < n && !pythonLess(heap[child], heap[child + 1])) child++;
        heap[pos] = heap[child];
        pos = child;
        child = 2 * pos + 1;
      }
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (!pythonLess(last, heap[parent])) break;
        heap[pos] = heap[parent];
        pos = parent;
      }
    } catch (e) {
      // Items that cannot be compared: keep every item (order is then unspecified).
      heap[pos] = last;
      heap.push(top);
      throw e;
    }
    heap[pos] = last;
    return top;
  }

  clear(): void {
    this.#heap.length = 0;
  }

  toArray(): T[] {
    return this.#heap.slice();
  }
}
