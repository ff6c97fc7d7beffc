// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A double-ended queue on a growable ring buffer: O(1) push/shift/pop, no per-item allocation.

/** Python's `collections.deque`, the few operations the sync primitives need. Internal. */
export class Deque<T> {
  #buf: (T | undefined)[];
  #mask: number;
  #head = 0;
  #length = 0;

  constructor(capacity = 8) {
    let size = 8;
    while (size < capacity) size *= 2;
    this.#buf = new Array(size);
    this.#mask = size - 1;
  }

  /** The number of items. */
  get length(): number {
    return this.#length;
  }

  /** Appends at the right end (Python's `append`). */
  push(item: T): void {
    if (this.#length > this.#mask) this.#grow();
    this.#buf[(this.#head + this.#length) & this.#mask] = item;
    this.#length++;
  }

  /** Removes and returns the leftmost item (Python's `popleft`); the deque must not be empty. */
  shift(): T {
    const i = this.#head;
    const item = this.#buf[i] as T;
    this.#buf[i] = undefined;
    this.#head = (i + 1) & this.#mask;
    this.#length--;
    return item;
  }

  /** Removes and returns the rightmost item (Python's `pop`); the deque must not be empty. */
  pop(): T {
    const i = (this.#head + --this.#length) & this.#mask;
    const item = this.#buf[i] as T;
    this.#buf[i] = undefined;
    return item;
  }

  /** The item at `index` from the left (0 = first); the index must be in range. */
  at(index: number): T {
    return this.#buf[(this.#head + index) & this.#mask] as T;
  }

  /** Removes the first occurrence of `item`; returns whether it was there. */
  remove(item: T): boolean {
    const n = this.#length;
    for (let k = 0; k < n; k++) {
      if (this.at(k) !== item) continue;
      for (let j = k; j < n - 1; j++) {
        this.#buf[(this.#head + j) & this.#mask] = this.at(j + 1);
      }
      this.#buf[(this.#head + n - 1) & this.#mask] = undefined;
      this.#length--;
      return true;
    }
    return false;
  }

  /** Drops every item. */
  clear(): void {
    this.#buf.fill(undefined);
    this.#head = 0;
    this.#length = 0;
  }

  /** The items, left to right. */
  toArray(): T[] {
    const out = new Array<T>(this.#length);
    for (let k = 0; k < this.#length; k++) out[k] = this.at(k);
    return out;
  }

  #grow(): void {
    const old = this.#buf;
    const size = old.length * 2;
    const buf = new Array<T | undefined>(size);
    for (let k = 0; k < this.#length; k++) buf[k] = old[(this.#head + k) & this.#mask];
    this.#buf = buf;
    this.#mask = size - 1;
    this.#head = 0;
  }
}
