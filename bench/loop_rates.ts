#!/usr/bin/env -S deno run --v8-flags=--expose-gc
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The loop's hot paths beside their raw-JS analogues, in one process: prints a markdown table.
//   deno run --v8-flags=--expose-gc bench/loop_rates.ts [reps]
import * as asyncio from "../mod.ts";

const reps = Number(Deno.args[0] ?? 3);
const now = () => performance.now() / 1000;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function callSoonChain(n = 1_000_000): Promise<number> {
  const loop = asyncio.newEventLoop();
  let count = 0;
  const cb = () => {
    if (++count < n) loop.callSoon(cb);
    else loop.stop();
  };
  const t0 = now();
  loop.callSoon(cb);
  await loop.runForever();
  const dt = now() - t0;
  loop.close();
  return n / dt;
}

async function microtaskChain(n = 1_000_000): Promise<number> {
  let count = 0;
  const t0 = now();
  await new Promise<void>((resolve) => {
    const cb = () => {
      if (++count < n) queueMicrotask(cb);
      else resolve();
    };
    queueMicrotask(cb);
  });
  return n / (now() - t0);
}

function arrayQueueChain(n = 1_000_000): number {
  const queue: (() => void)[] = [];
  let count = 0;
  const cb = () => {
    if (++count < n) queue.push(cb);
  };
  const t0 = now();
  queue.push(cb);
  for (let i = 0; i < queue.length; i++) queue[i]();
  return n / (now() - t0);
}

async function taskYields(n = 100_000, k = 10): Promise<number> {
  return await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const worker = async () => {
      for (let i = 0; i < k; i++) await asyncio.sleep(0);
    };
    const t0 = now();
    const tasks = new Array(n);
    for (let i = 0; i < n; i++) tasks[i] = loop.createTask(worker);
    for (const t of tasks) await t;
    return (n * k) / (now() - t0);
  });
}

async function promiseYields(n = 100_000, k = 10): Promise<number> {
  const worker = async () => {
    for (let i = 0; i < k; i++) await Promise.resolve();
  };
  const t0 = now();
  const all = new Array(n);
  for (let i = 0; i < n; i++) all[i] = worker();
  await Promise.all(all);
  return (n * k) / (now() - t0);
}

async function timers(n = 200_000, horizonMs = 50): Promise<number> {
  return await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const done = loop.createFuture();
    const expected = n - Math.floor(n / 2);
    let fired = 0;
    const cb = () => {
      if (++fired === expected) done.setResult(null);
    };
    const t0 = now();
    const handles = new Array(n);
    for (let i = 0; i < n; i++) {
      handles[i] = loop.callLater(Math.floor(((i * 7919) % n) * horizonMs / n) / 1000, cb);
    }
    for (let i = 1; i < n; i += 2) handles[i].cancel();
    await done;
    return n / (now() - t0);
  });
}

async function hostTimers(n = 200_000, horizonMs = 50): Promise<number> {
  const expected = n - Math.floor(n / 2);
  let fired = 0;
  const t0 = now();
  await new Promise<void>((resolve) => {
    const cb = () => {
      if (++fired === expected) resolve();
    };
    const ids = new Array(n);
    for (let i = 0; i < n; i++) {
      ids[i] = setTimeout(cb, Math.floor(((i * 7919) % n) * horizonMs / n));
    }
    for (let i = 1; i < n; i += 2) clearTimeout(ids[i]);
  });
  return n / (now() - t0);
}

async function sleepingTasksMiB(n = 100_000): Promise<number> {
  return await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    gc();
    const base = Deno.memoryUsage().heapUsed;
    const tasks = new Array(n);
    for (let i = 0; i < n; i++) tasks[i] = loop.createTask(() => asyncio.sleep(3600));
    await asyncio.sleep(0);
    await asyncio.sleep(0);
    gc();
    const mib = (Deno.memoryUsage().heapUsed - base) / 1024 / 1024;
    for (const t of tasks) t.cancel();
    return mib;
  });
}

const rows: [string, string, () => number | Promise<number>, (v: number) => string][] = [];
const rate = (v: number) => v >= 1e6 ? `${(v / 1e6).toFixed(2)}M/s` : `${(v / 1e3).toFixed(0)}k/s`;
const mib = (v: number) => `${v.toFixed(1)} MiB`;
rows.push(["callSoon chain, 1M callbacks", "ours", callSoonChain, rate]);
rows.push(["callSoon chain, 1M callbacks", "raw queueMicrotask chain", microtaskChain, rate]);
rows.push(["callSoon chain, 1M callbacks", "raw array-queue drain", arrayQueueChain, rate]);
rows.push(["100k tasks x 10 sleep(0)", "ours", taskYields, rate]);
rows.push(["100k tasks x 10 sleep(0)", "raw await Promise.resolve()", promiseYields, rate]);
rows.push(["200k timers, half cancelled", "ours callLater", timers, rate]);
rows.push(["200k timers, half cancelled", "raw setTimeout", hostTimers, rate]);
rows.push(["100k tasks in sleep(3600)", "ours JS heap", sleepingTasksMiB, mib]);

console.log("| workload | implementation | median | min | max |");
console.log("| --- | --- | --- | --- | --- |");
for (const [workload, impl, fn, fmt] of rows) {
  const values: number[] = [];
  for (let i = 0; i < reps; i++) {
    gc();
    values.push(await fn());
  }
  values.sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)];
  console.log(
    `| ${workload} | ${impl} | **${fmt(median)}** | ${fmt(values[0])} | ${fmt(values.at(-1)!)} |`,
  );
}
