#!/usr/bin/env -S deno run --allow-run=cat
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Send data through `cat` with communicate(): writing stdin and reading stdout run
// concurrently, so even megabytes cannot deadlock on full pipes.
import * as asyncio from "../mod.ts";

await asyncio.run(async () => {
  const proc = await asyncio.createSubprocessExec("cat", {
    stdin: asyncio.PIPE,
    stdout: asyncio.PIPE,
  });
  const input = new TextEncoder().encode("hello from asyncio\n".repeat(500_000)); // ~9.5 MB
  const started = asyncio.getRunningLoop().time();
  const [stdout] = await proc.communicate(input);
  const seconds = asyncio.getRunningLoop().time() - started;
  console.log(
    `cat returned ${stdout!.length} bytes (sent ${input.length}) in ${seconds.toFixed(3)} s`,
  );
  console.log(`first line: ${new TextDecoder().decode(stdout!.subarray(0, 19)).trim()}`);
  console.log(`exit code: ${proc.returncode}`);
});
