// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A binary min-heap of timers ordered by (when, seq).
import type { TimerHandle } from "./handle.ts";

function before(a: TimerHandle, b: TimerHandle): boolean {
  const wa = a.when(), wb = b.when();
  return wa < wb || (wa === wb && a.seq < b.seq);
}

/** Timers by due time; cancelled ones stay until popped or compacted. */
export class TimerHeap {
  #items: TimerHandle[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): TimerHandle | undefined {
    return this.#items[0];
  }

  push(timer: TimerHandle): void {
    const items = this.#items;
    let i = items.length;
    items.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = timer;
  }

  pop(): TimerHandle | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) this.#siftDown(last, 0);
    return top;
  }

  /** Drops cancelled timers and rebuilds the heap. */
  compact(keep: (timer: TimerHandle) => boolean): TimerHandle[] {
    const dropped: TimerHandle[] = [];
    const kept: TimerHandle[] = [];
    for (const t of this.#items) (keep(t) ? kept : dropped).push(t);
    this.#items = kept;
    for (let i = (kept.length >> 1) - 1; i >= 0; i--) this.#siftDown(kept[i], i);
    return dropped;
  }

  clear(): TimerHandle[] {
    const all = this.#items;
    this.#items = [];
    return all;
  }

  #siftDown(item: TimerHandle, i: number): void {
    const items = this.#items;
    const n = items.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(items[child + 1], items[child])) child++;
      if (!before(items[child], item)) break;
      items[i] = items[child];
      i = child;
    }
    items[i] = item;
  }
}
