#!/usr/bin/env -S deno run -A
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Echo servers of this library (`ours`: a protocol whose dataReceived writes back; `buffered`: a
// BufferedProtocol that reads into its own 64 KiB buffer and writes back; `streams`:
// startServer with `read(65536)` / `write` / `drain`) vs raw Deno.Conn echo servers (`raw`: 64 KiB
// buffer, `raw4k`: 4 KiB), loaded by the same raw Deno client: server CPU per round trip (utime +
// stime from /proc/PID/stat) for 1 KiB and 64 KiB messages over 10 connections, and RSS per idle
// connection. Kinds run interleaved, each repetition in a fresh server process.
//
//   deno run -A bench/net_echo_bench.ts [reps=3] [idle=2000] [kinds=ours,streams,raw] [sizes=1024,65536]
//
// The ratio column divides each kind by the LAST kind. Linux only (reads /proc, which Deno allows
// only with -A). The server runs in its own process: `... net_echo_bench.ts server <kind>`.
import {
  type BufferedProtocol,
  getRunningLoop,
  type Protocol,
  run,
  startServer,
  type StreamReader,
  type StreamWriter,
  type Transport,
} from "../mod.ts";

const HOST = "127.0.0.1";

async function serveOurs(): Promise<void> {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(
      (): Protocol => {
        let transport: Transport;
        return {
          connectionMade(t) {
            transport = t as Transport;
          },
          dataReceived(data) {
            transport.write(data);
          },
        };
      },
      HOST,
      0,
      { backlog: 4096 },
    );
    console.log(`READY ${(server.sockets[0].getsockname() as [string, number])[1]}`);
    await loop.createFuture();
  });
}

/** A `BufferedProtocol` echo: reads into one 64 KiB buffer of its own, as the raw server does. */
async function serveBuffered(): Promise<void> {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(
      (): BufferedProtocol => {
        const buf = new Uint8Array(65536);
        let transport: Transport;
        return {
          connectionMade(t) {
            transport = t as Transport;
          },
          getBuffer: () => buf,
          bufferUpdated(n) {
            transport.write(buf.subarray(0, n)); // copied by write(): buf is refilled next
          },
        };
      },
      HOST,
      0,
      { backlog: 4096 },
    );
    console.log(`READY ${(server.sockets[0].getsockname() as [string, number])[1]}`);
    await loop.createFuture();
  });
}

async function serveStreams(): Promise<void> {
  await run(async () => {
    const handle = async (reader: StreamReader, writer: StreamWriter) => {
      try {
        for (;;) {
          const data = await reader.read(65536);
          if (data.length === 0) break;
          writer.write(data);
          await writer.drain();
        }
      } catch {
        // reset by the client
      } finally {
        writer.close();
      }
    };
    const server = await startServer(handle, HOST, 0, { backlog: 4096 });
    console.log(`READY ${(server.sockets[0].getsockname() as [string, number])[1]}`);
    await getRunningLoop().createFuture();
  });
}

async function serveRaw(bufsize: number): Promise<void> {
  const listener = Deno.listen({ hostname: HOST, port: 0 });
  console.log(`READY ${(listener.addr as Deno.NetAddr).port}`);
  for await (const conn of listener) {
    (async () => {
      const buf = new Uint8Array(bufsize);
      try {
        for (let n; (n = await conn.read(buf)) !== null;) {
          let off = 0;
          while (off < n) off += await conn.write(buf.subarray(off, n));
        }
      } catch {
        // reset by the client
      } finally {
        conn.close();
      }
    })();
  }
}

function cpuSeconds(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

function rssKib(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
}

function fdCount(pid: number): number {
  let n = 0;
  for (const _ of Deno.readDirSync(`/proc/${pid}/fd`)) n++;
  return n;
}

async function spawnServer(kind: string) {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--allow-net=127.0.0.1",
      new URL(import.meta.url).pathname,
      "server",
      kind,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`server ${kind} exited before READY`);
    text += new TextDecoder().decode(value);
  }
  reader.releaseLock();
  child.stdout.cancel();
  const port = Number(/READY (\d+)/.exec(text)![1]);
  return { child, port };
}

async function load(port: number, size: number, count: number, conns: number): Promise<number> {
  const msg = new Uint8Array(size).fill(120);
  const one = async () => {
    const conn = await Deno.connect({ hostname: HOST, port });
    conn.setNoDelay(true);
    const buf = new Uint8Array(Math.max(size, 65536));
    for (let i = 0; i < count; i++) {
      let off = 0;
      while (off < size) off += await conn.write(msg.subarray(off));
      let got = 0;
      while (got < size) {
        const n = await conn.read(buf);
        if (n === null) throw new Error("server closed");
        got += n;
      }
    }
    conn.close();
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: conns }, one));
  return (performance.now() - t0) / 1000;
}

async function echoRun(kind: string, size: number, count: number) {
  const { child, port } = await spawnServer(kind);
  try {
    await load(port, size, 200, 2); // warm up
    const cpu0 = cpuSeconds(child.pid);
    const wall = await load(port, size, count, 10);
    const cpu = cpuSeconds(child.pid) - cpu0;
    const trips = count * 10;
    return { usPerTrip: (cpu / trips) * 1e6, tripsPerS: trips / wall };
  } finally {
    child.kill();
    await child.status;
  }
}

async function idleRun(kind: string, n: number) {
  const { child, port } = await spawnServer(kind);
  const conns: Deno.Conn[] = [];
  try {
    await new Promise((r) => setTimeout(r, 300));
    const before = rssKib(child.pid);
    const fds0 = fdCount(child.pid);
    for (let i = 0; i < n; i++) conns.push(await Deno.connect({ hostname: HOST, port }));
    while (fdCount(child.pid) < fds0 + n) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1000));
    return (rssKib(child.pid) - before) / n;
  } finally {
    for (const c of conns) c.close();
    child.kill();
    await child.status;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const opts: Record<string, string> = Object.fromEntries(Deno.args.map((a) => a.split("=")));
  const reps = Number(opts.reps ?? 3);
  const idle = Number(opts.idle ?? 2000);
  const kinds = (opts.kinds ?? "ours,streams,raw").split(",");
  const rows: string[] = [
    "| workload | " + kinds.join(" | ") + " | ratio |",
    "|---|" + kinds.map(() => "---").join("|") + "|---|",
  ];
  const sizes = (opts.sizes ?? "1024,65536").split(",").filter(Boolean).map(Number);
  for (const size of sizes) {
    const count = size > 4096 ? 2_000 : 20_000;
    const us: Record<string, number[]> = {};
    const rate: Record<string, number[]> = {};
    for (let r = 0; r < reps; r++) {
      for (const kind of kinds) {
        const res = await echoRun(kind, size, count);
        (us[kind] ??= []).push(res.usPerTrip);
        (rate[kind] ??= []).push(res.tripsPerS);
      }
    }
    const cells = kinds.map((k) =>
      `${median(us[k]).toFixed(2)} µs [${Math.min(...us[k]).toFixed(1)}–${
        Math.max(...us[k]).toFixed(1)
      }] (${(median(rate[k]) / 1000).toFixed(1)}k/s)`
    );
    const base = kinds[kinds.length - 1];
    // per-repetition ratios (each kind's rep r against the base's rep r): min–median–max
    const ratio = kinds.slice(0, -1).map((k) => {
      const rs = us[k].map((v, i) => v / us[base][i]);
      return `${k} ${median(rs).toFixed(2)}x [${Math.min(...rs).toFixed(2)}–${
        Math.max(...rs).toFixed(2)
      }]`;
    }).join(", ");
    rows.push(
      `| echo ${size / 1024} KiB: server CPU per round trip | ${cells.join(" | ")} | ${ratio} |`,
    );
  }
  const kib: Record<string, number> = {};
  for (const kind of kinds) kib[kind] = idle > 0 ? await idleRun(kind, idle) : NaN;
  if (idle > 0) {
    rows.push(
      `| ${idle} idle conns: RSS KiB per connection | ${
        kinds.map((k) => kib[k].toFixed(2)).join(" | ")
      } | |`,
    );
  }
  console.log(rows.join("\n"));
}

if (Deno.args[0] === "server") {
  if (Deno.args[1] === "ours") await serveOurs();
  else if (Deno.args[1] === "buffered") await serveBuffered();
  else if (Deno.args[1] === "streams") await serveStreams();
  else await serveRaw(Deno.args[1] === "raw4k" ? 4096 : 65536);
} else {
  await main();
}
