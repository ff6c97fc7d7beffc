// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The streams examples run to completion with their stated permissions and print what they should.
import assert from "node:assert/strict";

async function runExample(file: string, allowNet: string): Promise<string> {
  const url = new URL(`../../examples/${file}`, import.meta.url);
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-lock", `--allow-net=${allowNet}`, url.pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, err);
  return new TextDecoder().decode(stdout);
}

Deno.test("examples/chat_server.ts: the demo's clients hear each other", async () => {
  const out = await runExample("chat_server.ts", "127.0.0.1");
  const heard: Record<string, string[]> = {};
  let who = "";
  for (const line of out.trimEnd().split("\n")) {
    const m = line.match(/^(\w+) heard:$/);
    if (m) heard[who = m[1]] = [];
    else heard[who].push(line.trim());
  }
  assert.deepEqual(heard, {
    alice: [
      "Hello alice! 1 here.",
      "* bob joined",
      "* carol joined",
      "bob: hello alice",
      "* carol left",
    ],
    bob: ["Hello bob! 2 here.", "* carol joined", "alice: hi all", "* carol left", "* alice left"],
    carol: ["Hello carol! 3 here.", "alice: hi all", "bob: hello alice"],
  });
});

Deno.test("examples/streams_echo.ts: the client gets its message back", async () => {
  const out = await runExample("streams_echo.ts", "127.0.0.1:8888");
  assert.match(out, /Serving on \["127\.0\.0\.1",8888\]/);
  assert.match(out, /Received "Hello World!" from \["127\.0\.0\.1",\d+\]/);
  assert.match(out, /Received: "Hello World!"/);
});

Deno.test("examples/happy_eyeballs.ts: both clients reach the IPv6-only server", async () => {
  const out = await runExample("happy_eyeballs.ts", "localhost,127.0.0.1,[::1]");
  assert.match(out, /\{"happyEyeballsDelay":0\.25\} from \["::1",(\d+)\] -> hello ::1 port \1\n/);
  assert.match(out, /\{"localAddr":\["::1",0\]\} from \["::1",(\d+)\] -> hello ::1 port \1\n/);
});
