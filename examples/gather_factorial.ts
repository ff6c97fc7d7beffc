#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Port of the "Running Tasks Concurrently" example of Python's asyncio docs,
// plus a task group and a timeout: three factorials run at the same time.
import * as asyncio from "../mod.ts";

async function factorial(name: string, n: number): Promise<number> {
  let f = 1;
  for (let i = 2; i <= n; i++) {
    console.log(`Task ${name}: Compute factorial(${n}), currently i=${i}...`);
    await asyncio.sleep(0.1);
    f *= i;
  }
  console.log(`Task ${name}: factorial(${n}) = ${f}`);
  return f;
}

await asyncio.run(async () => {
  // Schedule three calls *concurrently*:
  const results = await asyncio.gather([
    () => factorial("A", 2),
    () => factorial("B", 3),
    () => factorial("C", 4),
  ]);
  console.log(results); // [ 2, 6, 24 ]

  // The same with a task group: it waits for all of its tasks.
  const tasks = await asyncio.taskGroup((tg) => [
    tg.createTask(() => factorial("D", 2)),
    tg.createTask(() => factorial("E", 3)),
  ]);
  console.log(tasks.map((t) => t.result())); // [ 2, 6 ]

  // A deadline: factorial(10) needs 0.9 s, more than the 0.25 s allowed.
  try {
    await asyncio.timeout(0.25, () => factorial("F", 10));
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("Task F: timed out");
  }
});
