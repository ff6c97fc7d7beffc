// Copyright 2026 the @denoio/asyncio authors. MIT license.
// `deno bench bench/loop_bench.ts`: the loop's hot paths, each beside its raw-JS analogue
// (the baseline of its group), so overhead shows as a ratio. bench/loop_rates.ts prints rates.
import * as asyncio from "../mod.ts";

const CHAIN = 100_000;
const TASKS = 10_000;
const YIELDS = 10;
const TIMERS = 20_000;

Deno.bench("callSoon chain (100k callbacks)", { group: "chain" }, async () => {
  const loop = asyncio.newEventLoop();
  let count = 0;
  const cb = () => {
    if (++count < CHAIN) loop.callSoon(cb);
    else loop.stop();
  };
  loop.callSoon(cb);
  await loop.runForever();
  loop.close();
});

Deno.bench("queueMicrotask chain (100k)", { group: "chain", baseline: true }, async () => {
  let count = 0;
  await new Promise<void>((resolve) => {
    const cb = () => {
      if (++count < CHAIN) queueMicrotask(cb);
      else resolve();
    };
    queueMicrotask(cb);
  });
});

Deno.bench("array-queue drain (100k)", { group: "chain" }, () => {
  const queue: (() => void)[] = [];
  let count = 0;
  const cb = () => {
    if (++count < CHAIN) queue.push(cb);
  };
  queue.push(cb);
  for (let i = 0; i < queue.length; i++) queue[i]();
});

Deno.bench("10k tasks x 10 sleep(0)", { group: "yields" }, async () => {
  await asyncio.run(async () => {
    const worker = async () => {
      for (let i = 0; i < YIELDS; i++) await asyncio.sleep(0);
    };
    await asyncio.gather(Array.from({ length: TASKS }, () => worker));
  });
});

Deno.bench(
  "10k async fns x 10 await Promise.resolve()",
  { group: "yields", baseline: true },
  async () => {
    const worker = async () => {
      for (let i = 0; i < YIELDS; i++) await Promise.resolve();
    };
    await Promise.all(Array.from({ length: TASKS }, worker));
  },
);

Deno.bench("20k callLater, half cancelled", { group: "timers" }, async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const done = loop.createFuture();
    let fired = 0;
    const cb = () => {
      if (++fired === TIMERS / 2) done.setResult(null);
    };
    const handles = [];
    for (let i = 0; i < TIMERS; i++) handles.push(loop.callLater((i % 10) / 1000, cb));
    for (let i = 1; i < TIMERS; i += 2) handles[i].cancel();
    await done;
  });
});

Deno.bench("20k setTimeout, half cleared", { group: "timers", baseline: true }, async () => {
  let fired = 0;
  await new Promise<void>((resolve) => {
    const cb = () => {
      if (++fired === TIMERS / 2) resolve();
    };
    const ids = [];
    for (let i = 0; i < TIMERS; i++) ids.push(setTimeout(cb, i % 10));
    for (let i = 1; i < TIMERS; i += 2) clearTimeout(ids[i]);
  });
});
