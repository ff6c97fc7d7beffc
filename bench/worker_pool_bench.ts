// Copyright 2026 the @denoio/asyncio authors. MIT license.
// 1,000 trivial functions: through the Worker pool (warm, and including Worker
// start-up) vs called inline.
import { WorkerPoolExecutor } from "../mod.ts";

const N = 1000;
const trivial = (x: number) => x + 1;

Deno.bench("1,000 trivial calls inline", { group: "pool", baseline: true }, async () => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += await trivial(i);
  if (sum !== N * (N + 1) / 2) throw new Error("wrong sum");
});

Deno.bench(
  "1,000 trivial calls through a warm WorkerPoolExecutor",
  { group: "pool" },
  async (b) => {
    await using pool = new WorkerPoolExecutor();
    await Promise.all(Array.from({ length: pool.maxWorkers }, () => pool.submit(trivial, 0)));
    b.start();
    const results = await Promise.all(Array.from({ length: N }, (_, i) => pool.submit(trivial, i)));
    b.end();
    if (results.length !== N) throw new Error("lost results");
  },
);

Deno.bench("1,000 trivial calls through a new WorkerPoolExecutor (with start-up)", {
  group: "pool",
}, async () => {
  await using pool = new WorkerPoolExecutor();
  await Promise.all(Array.from({ length: N }, (_, i) => pool.submit(trivial, i)));
});

Deno.bench(
  "1,000 trivial calls one at a time through a warm pool",
  { group: "pool" },
  async (b) => {
    await using pool = new WorkerPoolExecutor({ maxWorkers: 1 });
    await pool.submit(trivial, 0);
    b.start();
    for (let i = 0; i < N; i++) await pool.submit(trivial, i);
    b.end();
  },
);
