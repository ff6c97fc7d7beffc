// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { TimerHeap } from "../../loop/_timer_heap.ts";
import { TimerHandle } from "../../loop/handle.ts";

const owner = { getDebug: () => false };
const noop = () => {};

/** A deterministic pseudo-random sequence (so a failure replays). */
function* lcg(seed: number): Generator<number> {
  for (;;) yield (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function popAll(heap: TimerHeap): TimerHandle[] {
  const out: TimerHandle[] = [];
  while (heap.size > 0) out.push(heap.pop()!);
  return out;
}

function assertOrdered(timers: TimerHandle[]): void {
  for (let i = 1; i < timers.length; i++) {
    const a = timers[i - 1], b = timers[i];
    assert.ok(
      a.when() < b.when() || (a.when() === b.when() && a.seq < b.seq),
      `out of order at ${i}: (${a.when()}, ${a.seq}) before (${b.when()}, ${b.seq})`,
    );
  }
}

Deno.test("TimerHeap pops by due time, equal due times in scheduling order", () => {
  const rand = lcg(7);
  for (const n of [0, 1, 2, 5, 17, 1000]) {
    const heap = new TimerHeap();
    // Few distinct due times, so that ties are common.
    for (let seq = 0; seq < n; seq++) {
      heap.push(new TimerHandle(Math.floor(rand.next().value * 20), noop, undefined, owner, seq));
    }
    assert.equal(heap.peekWhen(), n === 0 ? Infinity : heap.peek()!.when());
    const popped = popAll(heap);
    assert.equal(popped.length, n);
    assertOrdered(popped);
  }
});

Deno.test("TimerHeap.compact() drops the cancelled timers and keeps the order of the rest", () => {
  const rand = lcg(11);
  const heap = new TimerHeap();
  for (let seq = 0; seq < 500; seq++) {
    const timer = new TimerHandle(rand.next().value * 10, noop, undefined, owner, seq);
    if (seq % 3 === 0) timer.cancel();
    heap.push(timer);
  }
  const dropped: TimerHandle[] = [];
  heap.compact((t) => dropped.push(t));
  assert.equal(dropped.length, 167);
  assert.ok(dropped.every((t) => t.seq % 3 === 0));
  // Interleave pushes and pops after the rebuild.
  for (let seq = 500; seq < 600; seq++) {
    heap.push(new TimerHandle(rand.next().value * 10, noop, undefined, owner, seq));
  }
  const rest = popAll(heap);
  assert.equal(rest.length, 433);
  assertOrdered(rest);
});
