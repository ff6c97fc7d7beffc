// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A 4-ary min-heap of timers ordered by (when, seq): half the depth of a binary heap, and the four
// children of a node sit side by side in memory. The keys live in parallel arrays of plain
// numbers, so comparisons never call into the handles.
import type { TimerHandle } from "./handle.ts";

/** Timers by due time; cancelled ones stay until popped or compacted. */
export class TimerHeap {
  #items: TimerHandle[] = [];
  #whens: number[] = [];
  #seqs: number[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): TimerHandle | undefined {
    return this.#items[0];
  }

  /** The due time of the earliest timer (`Infinity` when empty). */
  peekWhen(): number {
    return this.#items.length > 0 ? this.#whens[0] : Infinity;
  }

  push(timer: TimerHandle): void {
    const items = this.#items, whens = this.#whens, seqs = this.#seqs;
    const when = timer.when(), seq = timer.seq;
    let i = items.length;
    items.push(timer);
    whens.push(when);
    seqs.push(seq);
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pw = whens[parent];
      if (pw < when || (pw === when && seqs[parent] < seq)) break;
      items[i] = items[parent];
      whens[i] = pw;
      seqs[i] = seqs[parent];
      i = parent;
    }
    items[i] = timer;
    whens[i] = when;
    seqs[i] = seq;
  }

  pop(): TimerHandle | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    const lastWhen = this.#whens.pop()!;
    const lastSeq = this.#seqs.pop()!;
    if (items.length > 0 && last !== undefined) this.#siftDown(last, lastWhen, lastSeq, 0);
    return top;
  }

  /**
   * Drops the cancelled timers (calling `dropped` on each) and rebuilds the heap, in place: no
   * new arrays for a heap that may hold a million timers.
   */
  compact(dropped: (timer: TimerHandle) => void): void {
    const items = this.#items, whens = this.#whens, seqs = this.#seqs;
    const n = items.length;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const t = items[i];
      if (t.cancelled()) {
        dropped(t);
        continue;
      }
      items[kept] = t;
      whens[kept] = whens[i];
      seqs[kept] = seqs[i];
      kept++;
    }
    items.length = kept;
    whens.length = kept;
    seqs.length = kept;
    for (let i = (kept - 2) >> 2; i >= 0; i--) this.#siftDown(items[i], whens[i], seqs[i], i);
  }

  clear(): TimerHandle[] {
    const all = this.#items;
    this.#items = [];
    this.#whens = [];
    this.#seqs = [];
    return all;
  }

  #siftDown(item: TimerHandle, when: number, seq: number, i: number): void {
    const items = this.#items, whens = this.#whens, seqs = this.#seqs;
    const n = items.length;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The smallest of up to four children.
      let child = first;
      let cw = whens[first];
      const last = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < last; c++) {
        const w = whens[c];
        if (w < cw || (w === cw && seqs[c] < seqs[child])) {
          child = c;
          cw = w;
        }
      }
      if (cw > when || (cw === when && seqs[child] > seq)) break;
      items[i] = items[child];
      whens[i] = cw;
      seqs[i] = seqs[child];
      i = child;
    }
    items[i] = item;
    whens[i] = when;
    seqs[i] = seq;
  }
}
