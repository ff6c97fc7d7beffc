// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";

Deno.test("connectReadPipe(Deno.stdin) + connectWritePipe(Deno.stdout) copy 3 MiB exactly", async () => {
  const example = new URL("../../examples/stdin_to_stdout.ts", import.meta.url);
  const input = new Uint8Array(3 * 1024 * 1024);
  for (let i = 0; i < input.length; i += 997) input[i] = i & 0xff;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-config", "--allow-read", example.href],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writing = (async () => {
    const w = child.stdin.getWriter();
    await w.write(input);
    await w.close();
  })();
  const out = await child.output();
  await writing;
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  assert.equal(out.stdout.length, input.length);
  assert.ok(out.stdout.every((b, i) => b === input[i]));
  assert.match(new TextDecoder().decode(out.stderr), /copied 3145728 bytes/);
});
