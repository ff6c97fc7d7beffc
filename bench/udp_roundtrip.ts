#!/usr/bin/env -S deno run --unstable-net --allow-net=127.0.0.1
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// UDP round trips per second: our createDatagramEndpoint() echo vs raw
// Deno.listenDatagram, in the same process, alternating runs.
//
//   deno run --unstable-net --allow-net=127.0.0.1 bench/udp_roundtrip.ts [n=50000] [rounds=3]
import process from "node:process";
import * as asyncio from "../mod.ts";

const HOST = "127.0.0.1";
const args = Object.fromEntries(Deno.args.map((a) => a.split("=")));
const N = Number(args.n ?? 50_000);
const ROUNDS = Number(args.rounds ?? 3);
const SIZE = 100;

async function raw(n: number): Promise<number> {
  const srv = Deno.listenDatagram({ transport: "udp", hostname: HOST, port: 0 });
  const cli = Deno.listenDatagram({ transport: "udp", hostname: HOST, port: 0 });
  const serving = (async () => {
    const buf = new Uint8Array(65536);
    try {
      for (;;) {
        const [data, addr] = await srv.receive(buf);
        await srv.send(data, addr);
      }
    } catch {
      // closed
    }
  })();
  const msg = new Uint8Array(SIZE).fill(120);
  const buf = new Uint8Array(65536);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await cli.send(msg, srv.addr);
    await cli.receive(buf);
  }
  const dt = (performance.now() - t0) / 1000;
  srv.close();
  cli.close();
  await serving;
  return n / dt;
}

function ours(n: number): Promise<number> {
  return asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const done = loop.createFuture<void>();
    const msg = new Uint8Array(SIZE).fill(120);
    let count = 0;
    const [server] = await loop.createDatagramEndpoint(() => {
      let t: asyncio.DatagramTransport;
      return {
        connectionMade: (tr) => (t = tr as asyncio.DatagramTransport),
        datagramReceived: (data, addr) => t.sendto(data, addr),
      };
    }, { localAddr: [HOST, 0] });
    const serverAddr = server.getExtraInfo("sockname") as [string, number];
    const [client] = await loop.createDatagramEndpoint(() => {
      let t: asyncio.DatagramTransport;
      return {
        connectionMade: (tr) => (t = tr as asyncio.DatagramTransport),
        datagramReceived: (_data, addr) => {
          if (++count < n) t.sendto(msg, addr);
          else done.setResult();
        },
      };
    }, { localAddr: [HOST, 0] });
    const t0 = performance.now();
    client.sendto(msg, serverAddr);
    await done;
    const dt = (performance.now() - t0) / 1000;
    client.close();
    server.close();
    return n / dt;
  });
}

/** Process CPU seconds (user + system). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

const results: Record<string, number[]> = { raw: [], ours: [] };
const cpu: Record<string, number[]> = { raw: [], ours: [] };
await raw(2000);
await ours(2000);
for (let r = 0; r < ROUNDS; r++) {
  let c0 = cpuSeconds();
  results.raw.push(await raw(N));
  cpu.raw.push((cpuSeconds() - c0) * 1e6 / N);
  c0 = cpuSeconds();
  results.ours.push(await ours(N));
  cpu.ours.push((cpuSeconds() - c0) * 1e6 / N);
}
const best = (xs: number[]) => Math.max(...xs);
const fmt = (x: number) => `${Math.round(x).toLocaleString("en-US")} rt/s`;
console.log(`UDP echo round trips, ${SIZE}-byte datagrams, n=${N}, best of ${ROUNDS}`);
console.log(
  `  raw Deno.listenDatagram : ${fmt(best(results.raw))}  (${results.raw.map(fmt).join(", ")})`,
);
console.log(
  `  createDatagramEndpoint  : ${fmt(best(results.ours))}  (${results.ours.map(fmt).join(", ")})`,
);
console.log(
  `  ratio ours / raw        : ${
    (best(results.ours) / best(results.raw)).toFixed(2)
  } (best of each)`,
);
// each round's ours against the raw run just before it: min–median–max
const paired = results.ours.map((x, i) => x / results.raw[i]).sort((a, b) => a - b);
console.log(
  `  per-round ratio         : ${paired[Math.floor(paired.length / 2)].toFixed(2)} (${
    paired[0].toFixed(2)
  }–${paired[paired.length - 1].toFixed(2)})`,
);
const low = (xs: number[]) => Math.min(...xs).toFixed(1);
console.log(`  CPU us per round trip  : raw ${low(cpu.raw)}, ours ${low(cpu.ours)}`);
