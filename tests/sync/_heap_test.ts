// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { HeapStore } from "../../sync/_heap.ts";

Deno.test("HeapStore yields random numbers and pairs in sorted order", () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const heap = new HeapStore<number>();
  const values = Array.from({ length: 2000 }, () => Math.floor(random() * 500));
  for (const v of values) heap.push(v);
  const out: number[] = [];
  while (heap.length > 0) out.push(heap.take());
  assert.deepEqual(out, values.toSorted((a, b) => a - b));

  const pairs = new HeapStore<[number, string]>();
  const input: [number, string][] = Array.from(
    { length: 500 },
    (_, i) => [Math.floor(random() * 10), `item${String(i).padStart(3, "0")}`],
  );
  for (const p of input) pairs.push(p);
  const sorted = input.toSorted((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  const taken: [number, string][] = [];
  while (pairs.length > 0) taken.push(pairs.take());
  assert.deepEqual(taken, sorted);
});

Deno.test("HeapStore hands out items that compare equal in heapq's order (1 and true are equal)", () => {
  const heap = new HeapStore<[number, number | boolean]>();
  for (let i = 0; i < 12; i++) heap.push([i % 3, i % 2 ? true : 1]);
  const out = Array.from({ length: 12 }, () => {
    const [key, tag] = heap.take();
    return `${key}${tag === true ? "t" : "1"}`;
  });
  // printed by CPython 3.13's heapq.heappush/heappop on the same tuples
  assert.deepEqual(out, ["01", "01", "0t", "0t", "11", "11", "1t", "1t", "21", "2t", "21", "2t"]);
});
