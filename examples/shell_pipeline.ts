#!/usr/bin/env -S deno run --allow-run=/bin/sh
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Run a shell pipeline with createSubprocessShell(); quote() makes user input safe to embed.
import * as asyncio from "../mod.ts";

await asyncio.run(async () => {
  const words = "the quick brown fox jumps over the lazy dog; it's the end";
  const cmd = `printf '%s\\n' ${
    asyncio.quote(words)
  } | tr ' ' '\\n' | sort | uniq -c | sort -rn | head -3`;
  console.log(`$ ${cmd}`);
  const proc = await asyncio.createSubprocessShell(cmd, { stdout: asyncio.PIPE });
  for await (const line of proc.stdout!) {
    console.log(`  ${new TextDecoder().decode(line).trimEnd()}`);
  }
  console.log(`exit code: ${await proc.wait()}`);
});
