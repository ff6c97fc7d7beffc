// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Subprocesses: ours beside raw Deno.Command in the same run (the anchors' workloads).
// Run: deno bench --allow-run=true,cat bench/subprocess_bench.ts
// (bench functions are `async`: deno bench awaits only what an AsyncFunction returns)
//   spawn-300: 300 sequential spawn+wait of `true`, stdio inherited -> ms per spawn = time / 300
//   cat-64MiB: 64 MiB written to `cat` while its stdout is read -> MB/s = 67.1 / seconds
import * as asyncio from "../mod.ts";

const SPAWNS = 300;
const TOTAL = 64 * 1024 * 1024;
// Made once: filling 64 MiB of fresh memory costs 50-100 ms here, which is no part of the workload.
const INPUT = new Uint8Array(TOTAL).fill(120);

Deno.bench({
  name: "raw Deno.Command spawn+status x300",
  group: "spawn-300",
  baseline: true,
  n: 5,
  warmup: 1,
}, async () => {
  for (let i = 0; i < SPAWNS; i++) await new Deno.Command("true").spawn().status;
});

Deno.bench(
  { name: "createSubprocessExec + wait() x300", group: "spawn-300", n: 5, warmup: 1 },
  async () => {
    await asyncio.run(async () => {
      for (let i = 0; i < SPAWNS; i++) {
        const proc = await asyncio.createSubprocessExec("true");
        await proc.wait();
      }
    });
  },
);

async function rawCat(chunk: number): Promise<void> {
  const data = new Uint8Array(chunk).fill(120);
  const child = new Deno.Command("cat", { stdin: "piped", stdout: "piped" }).spawn();
  const writer = (async () => {
    const w = child.stdin.getWriter();
    for (let i = 0; i < TOTAL / chunk; i++) await w.write(data);
    await w.close();
  })();
  let got = 0;
  for await (const b of child.stdout) got += b.length;
  await writer;
  await child.status;
  if (got !== TOTAL) throw new Error(`got ${got}`);
}

function oursCat(chunk: number): Promise<void> {
  return asyncio.run(async () => {
    const data = new Uint8Array(chunk).fill(120);
    const proc = await asyncio.createSubprocessExec("cat", {
      stdin: asyncio.PIPE,
      stdout: asyncio.PIPE,
    });
    const stdin = proc.stdin!, stdout = proc.stdout!;
    const writer = async () => {
      for (let i = 0; i < TOTAL / chunk; i++) {
        stdin.write(data);
        await stdin.drain();
      }
      stdin.close();
    };
    const reader = async () => {
      let got = 0;
      for (let b; (b = await stdout.read(65536)).length > 0;) got += b.length;
      return got;
    };
    const [, got] = await asyncio.gather([writer, reader]);
    await proc.wait();
    if (got !== TOTAL) throw new Error(`got ${got}`);
  });
}

Deno.bench({
  name: "raw Deno.Command cat, 64 KiB writes",
  group: "cat-64MiB",
  baseline: true,
  n: 5,
  warmup: 1,
}, async () => await rawCat(65536));
Deno.bench({
  name: "streams API cat, 64 KiB write+drain, read(65536)",
  group: "cat-64MiB",
  n: 5,
  warmup: 1,
}, async () => await oursCat(65536));
Deno.bench({
  name: "streams API cat, 1 MiB write+drain, read(65536)",
  group: "cat-64MiB",
  n: 5,
  warmup: 1,
}, async () => await oursCat(1024 * 1024));

Deno.bench(
  { name: "communicate(64 MiB) through cat", group: "cat-64MiB", n: 5, warmup: 1 },
  async () =>
    await asyncio.run(async () => {
      const proc = await asyncio.createSubprocessExec("cat", {
        stdin: asyncio.PIPE,
        stdout: asyncio.PIPE,
      });
      const [out] = await proc.communicate(INPUT);
      if (out!.length !== TOTAL) throw new Error(`got ${out!.length}`);
    }),
);

Deno.bench({
  name: "SubprocessProtocol cat, one 64 MiB write",
  group: "cat-64MiB",
  n: 5,
  warmup: 1,
}, async () =>
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const done = loop.createFuture<void>();
    let got = 0;
    const [transport] = await loop.subprocessExec(
      () => ({
        pipeDataReceived: (_fd: number, data: Uint8Array) => void (got += data.length),
        connectionLost: () => done.setResult(),
      }),
      "cat",
      { stderr: null },
    );
    const stdin = transport.getPipeTransport(0) as asyncio.WriteTransport;
    stdin.write(INPUT);
    stdin.close();
    await done;
    if (got !== TOTAL) throw new Error(`got ${got}`);
  }));
