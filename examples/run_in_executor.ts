#!/usr/bin/env -S deno run --allow-read
// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Port of the Python docs' `loop.run_in_executor()` example: a CPU-bound
 * function and a blocking file read run in the default executor (a pool of
 * Web Workers) while the loop keeps ticking.
 *
 *     deno run --allow-read=deno.json examples/run_in_executor.ts deno.json
 *
 * The Workers inherit the program's permissions: the read in the Worker needs
 * `--allow-read` of the file, nothing else does.
 *
 * @module
 */
import { getRunningLoop, run, toThread } from "../mod.ts";

// Self-contained functions: they are sent to a Worker by source, so they may
// use only their arguments and globals.
function cpuBound(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += i * i;
  return sum;
}

function blockingRead(path: string): string {
  return Deno.readTextFileSync(path);
}

const path = Deno.args[0];
if (path === undefined) {
  console.error("usage: deno run --allow-read=FILE examples/run_in_executor.ts FILE");
  Deno.exit(2);
}

await run(async () => {
  const loop = getRunningLoop();
  let ticks = 0;
  let timer = loop.callLater(0.01, function tick() {
    ticks++;
    timer = loop.callLater(0.01, tick);
  });

  const started = loop.time();
  const sum = await loop.runInExecutor(null, cpuBound, 100_000_000);
  console.log(
    `cpu-bound: ${sum} in ${(loop.time() - started).toFixed(2)} s; ` +
      `meanwhile the loop ticked ${ticks} times`,
  );

  const text = await toThread(blockingRead, path);
  console.log(`blocking read: ${path} has ${text.length} characters`);
  timer.cancel();
});
