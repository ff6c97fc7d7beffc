// Copyright 2026 the @denoio/asyncio authors. MIT license.
// gather() overhead: 100k futures gathered, against a bare done-callback counter.
import { type Future, gather, getRunningLoop, run } from "../mod.ts";

const N = 100_000;

function makeFutures(): Future<number>[] {
  const loop = getRunningLoop();
  const fs = new Array<Future<number>>(N);
  for (let i = 0; i < N; i++) fs[i] = loop.createFuture<number>();
  return fs;
}

Deno.bench("gather() over 100k futures", { group: "gather", baseline: false }, async () => {
  await run(async () => {
    const fs = makeFutures();
    const outer = gather(fs);
    for (let i = 0; i < N; i++) fs[i].setResult(i);
    await outer;
  });
});

Deno.bench(
  "done-callback counter over 100k futures",
  { group: "gather", baseline: true },
  async () => {
    await run(async () => {
      const fs = makeFutures();
      const done = getRunningLoop().createFuture<void>();
      let left = N;
      const onDone = () => {
        if (--left === 0) done.setResult();
      };
      for (let i = 0; i < N; i++) fs[i].addDoneCallback(onDone);
      for (let i = 0; i < N; i++) fs[i].setResult(i);
      await done;
    });
  },
);
