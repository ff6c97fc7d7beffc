#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Lock (with `using`), Event and Semaphore, as in Python's asyncio-sync docs.
// Run: deno task example:locks
import * as asyncio from "../mod.ts";

async function main(): Promise<void> {
  const loop = asyncio.getRunningLoop();

  // Lock: `async with lock:` becomes `using _held = await lock.acquire();`.
  const lock = new asyncio.Lock();
  let balance = 0;
  const deposit = async (amount: number) => {
    using _held = await lock.acquire();
    const read = balance;
    await asyncio.sleep(0.01); // another task would see a stale balance without the lock
    balance = read + amount;
  };
  const deposits = [10, 20, 30].map((amount) => loop.createTask(() => deposit(amount)));
  for (const task of deposits) await task;
  console.log(`Lock: balance is ${balance} (expected 60)`);

  // Event: one task sets it, all waiters wake up.
  const ready = new asyncio.Event();
  const waiters = ["a", "b"].map((name) =>
    loop.createTask(async () => {
      await ready.wait();
      console.log(`Event: waiter ${name} woke up`);
    })
  );
  await asyncio.sleep(0.01);
  console.log("Event: setting it");
  ready.set();
  for (const task of waiters) await task;

  // Semaphore: at most two "downloads" at a time.
  const slots = new asyncio.Semaphore(2);
  let running = 0;
  let peak = 0;
  const download = async (n: number) => {
    using _slot = await slots.acquire();
    running++;
    peak = Math.max(peak, running);
    await asyncio.sleep(0.02);
    running--;
    console.log(`Semaphore: download ${n} done`);
  };
  const downloads = [1, 2, 3, 4, 5].map((n) => loop.createTask(() => download(n)));
  for (const task of downloads) await task;
  console.log(`Semaphore: at most ${peak} downloads ran at once`);
}

await asyncio.run(main);
