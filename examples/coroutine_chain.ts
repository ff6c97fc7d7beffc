#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Chaining coroutines: printSum() awaits compute().
import * as asyncio from "../mod.ts";

async function compute(x: number, y: number): Promise<number> {
  console.log(`Compute ${x} + ${y} ...`);
  await asyncio.sleep(1.0);
  return x + y;
}

async function printSum(x: number, y: number): Promise<void> {
  const result = await compute(x, y);
  console.log(`${x} + ${y} = ${result}`);
}

await asyncio.run(() => printSum(1, 2));
