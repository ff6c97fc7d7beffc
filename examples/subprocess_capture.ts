#!/usr/bin/env -S deno run --allow-run=ls,date
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Run programs and capture their output (Python docs: "Subprocesses", create_subprocess_exec).
import * as asyncio from "../mod.ts";

async function capture(program: string, ...args: string[]): Promise<string> {
  const proc = await asyncio.createSubprocessExec(program, ...args, {
    stdout: asyncio.PIPE,
    stderr: asyncio.PIPE,
  });
  const [stdout, stderr] = await asyncio.waitFor(proc.communicate(), 5);
  console.log(`[${[program, ...args].join(" ")} exited with ${proc.returncode}]`);
  const err = new TextDecoder().decode(stderr!);
  if (err) console.log(`[stderr]\n${err}`);
  return new TextDecoder().decode(stdout!);
}

await asyncio.run(async () => {
  // Both run at the same time.
  const [listing, date] = await asyncio.gather([
    () => capture("ls", "-a", "/"),
    () => capture("date"),
  ]);
  console.log(`Entries in /: ${listing.split("\n").filter(Boolean).join(" ")}`);
  console.log(`Current date: ${date.trim()}`);
});
