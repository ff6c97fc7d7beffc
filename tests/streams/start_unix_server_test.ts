// Copyright 2026 the @denoio/asyncio authors. MIT license.
// startUnixServer() + openUnixConnection(). Deno 2.9 asks for --allow-net=unix:<path> on top of
// read/write for Unix sockets, so the echo runs in a child process with exactly that grant.
import assert from "node:assert/strict";

Deno.test("startUnixServer() + openUnixConnection(): lines echo back over a Unix socket", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/echo.sock`;
    const child = new URL("./_unix_child.ts", import.meta.url).pathname;
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-lock",
        `--allow-read=${dir}`,
        `--allow-write=${dir}`,
        `--allow-net=unix:${path}`,
        child,
        path,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    assert.deepEqual(JSON.parse(new TextDecoder().decode(stdout)), {
      echoed: ["hello world!\n", "second\n"],
      rest: 0,
      messages: [],
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
