#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Python's asyncio.Queue docs example: workers take "sleep for N seconds" jobs from a
// queue, mark each one done; main waits with join(), then cancels the idle workers.
// Run: deno task example:queue
import * as asyncio from "../mod.ts";

async function worker(name: string, queue: asyncio.Queue<number>): Promise<never> {
  while (true) {
    // Get a "work item" out of the queue.
    const sleepFor = await queue.get();
    // Sleep for the "sleepFor" seconds.
    await asyncio.sleep(sleepFor);
    // Notify the queue that the "work item" has been processed.
    queue.taskDone();
    console.log(`${name} has slept for ${sleepFor.toFixed(2)} seconds`);
  }
}

async function main(): Promise<void> {
  const loop = asyncio.getRunningLoop();
  // Create a queue that we will use to store our "workload".
  const queue = new asyncio.Queue<number>();

  // Generate random timings and put them into the queue.
  let totalSleepTime = 0;
  for (let i = 0; i < 20; i++) {
    const sleepFor = 0.01 + Math.random() * 0.1;
    totalSleepTime += sleepFor;
    queue.putNowait(sleepFor);
  }

  // Create three worker tasks to process the queue concurrently.
  const tasks = [0, 1, 2].map((i) => loop.createTask(() => worker(`worker-${i}`, queue)));

  // Wait until the queue is fully processed.
  const startedAt = loop.time();
  await queue.join();
  const totalSleptFor = loop.time() - startedAt;

  // Cancel our worker tasks, and wait until they are cancelled.
  for (const task of tasks) task.cancel();
  for (const task of tasks) {
    try {
      await task;
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
    }
  }

  console.log("====");
  console.log(`3 workers slept in parallel for ${totalSleptFor.toFixed(2)} seconds`);
  console.log(`total expected sleep time: ${totalSleepTime.toFixed(2)} seconds`);
}

await asyncio.run(main);
