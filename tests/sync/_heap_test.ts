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
