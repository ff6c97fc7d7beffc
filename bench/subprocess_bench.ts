// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Subprocesses: ours beside raw Deno.Command in the same run (the anchors' workloads).
// Run: deno bench --allow-run=true,cat bench/subprocess_bench.ts
// (bench functions are `async`: deno bench awaits only what an AsyncFunction returns)
//   spawn-300: 300 sequential spawn+wait of `true`, stdio inherited -> ms per spawn = time / 300
//   cat-64MiB: 64 MiB written to `cat` while its stdout is read -> MB/s = 67.1 / seconds
import * as asyncio from "../mod.ts";
import {
  communicateCat,
  oursSpawn,
  rawCat,
  rawSpawn,
  streamsCat,
} from "./_subprocess_workloads.ts";

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
}, async () => await rawSpawn(SPAWNS));

Deno.bench(
  { name: "createSubprocessExec + wait() x300", group: "spawn-300", n: 5, warmup: 1 },
  async () => await oursSpawn(SPAWNS),
);

Deno.bench({
  name: "raw Deno.Command cat, 64 KiB writes",
  group: "cat-64MiB",
  baseline: true,
  n: 5,
  warmup: 1,
}, async () => await rawCat(TOTAL));
Deno.bench({
  name: "streams API cat, 64 KiB write+drain, read(65536)",
  group: "cat-64MiB",
  n: 5,
  warmup: 1,
}, async () => await streamsCat(TOTAL));
Deno.bench({
  name: "streams API cat, 1 MiB write+drain, read(65536)",
  group: "cat-64MiB",
  n: 5,
  warmup: 1,
}, async () => await streamsCat(TOTAL, 1024 * 1024));

Deno.bench(
  { name: "communicate(64 MiB) through cat", group: "cat-64MiB", n: 5, warmup: 1 },
  async () => await communicateCat(INPUT),
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
