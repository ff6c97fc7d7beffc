// Copyright 2026 the @denoio/asyncio authors. MIT license.
// 64 MiB through `cat` and spawn+wait of `true`: ours beside raw Deno.Command, alternating in
// one process, so both see the same machine load. Prints each variant's median (min-max), its
// ratio to raw, and this process's CPU time (user + system; the child's excluded), which other
// jobs on the machine disturb less than wall time.
// The "output kept" variant is the floor for communicate(): raw Deno reading straight into a
// buffer sized in advance; what it loses against raw is the page faults of 64 MiB of fresh memory.
// The "js" group swaps Deno.Command for a fake whose child exits at once: what is left is the
// JavaScript cost of one spawn + wait, ours and raw.
// Run: deno run --allow-run=cat,true bench/cat_throughput.ts [reps=7] [mib=64] [only=cat|spawn|js]
import process from "node:process";
import * as asyncio from "../mod.ts";
import {
  communicateCat,
  oursSpawn,
  rawCat,
  rawSpawn,
  streamsCat,
} from "./_subprocess_workloads.ts";

const params = Object.fromEntries(Deno.args.map((a) => a.split("=")));
const REPS = Number(params.reps ?? 7);
const TOTAL = Number(params.mib ?? 64) * 1024 * 1024;
const SPAWNS = Number(params.spawns ?? 300);
const only: string | undefined = params.only;

const input = new Uint8Array(TOTAL).fill(120);

/** raw doing what communicate() does: 64 KiB writes, stdout's chunks joined into one array. */
async function rawCatJoin(): Promise<void> {
  const chunk = 65536;
  const child = new Deno.Command("cat", { stdin: "piped", stdout: "piped" }).spawn();
  const writer = (async () => {
    const w = child.stdin.getWriter();
    for (let i = 0; i < TOTAL; i += chunk) await w.write(input.subarray(i, i + chunk));
    await w.close();
  })();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for await (const b of child.stdout) {
    chunks.push(b);
    got += b.length;
  }
  const out = new Uint8Array(got);
  let at = 0;
  for (const b of chunks) {
    out.set(b, at);
    at += b.length;
  }
  await writer;
  await child.status;
  if (out.length !== TOTAL) throw new Error(`got ${out.length}`);
}

/**
 * raw, one write, and stdout kept as one Uint8Array: read (BYOB) straight into
 * a buffer sized in advance. The floor for anything that returns the output,
 * as communicate() must: touching 64 MiB of fresh memory costs page faults.
 */
async function rawCatKeep(): Promise<void> {
  const child = new Deno.Command("cat", { stdin: "piped", stdout: "piped" }).spawn();
  const writer = (async () => {
    const w = child.stdin.getWriter();
    await w.write(input);
    await w.close();
  })();
  const reader = child.stdout.getReader({ mode: "byob" });
  let buf = new ArrayBuffer(TOTAL + 65536);
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read(new Uint8Array(buf, got));
    if (done) break;
    got += value.length;
    buf = value.buffer as ArrayBuffer;
  }
  await writer;
  await child.status;
  if (got !== TOTAL) throw new Error(`got ${got}`);
}

/** raw, one big write (what communicate() does). */
async function rawCatOneWrite(): Promise<void> {
  const data = input;
  const child = new Deno.Command("cat", { stdin: "piped", stdout: "piped" }).spawn();
  const writer = (async () => {
    const w = child.stdin.getWriter();
    await w.write(data);
    await w.close();
  })();
  let got = 0;
  for await (const b of child.stdout) got += b.length;
  await writer;
  await child.status;
  if (got !== TOTAL) throw new Error(`got ${got}`);
}

/** A `Deno.Command` whose child has exited already: no process at all. */
class FakeCommand {
  constructor(_program: string, _options?: unknown) {}
  spawn() {
    const status = Promise.resolve({ success: true, code: 0, signal: null });
    return { pid: 1, status, kill() {}, ref() {}, unref() {} };
  }
}

/** Runs `fn` with `Deno.Command` replaced by {@linkcode FakeCommand}. */
async function withFakeCommand(fn: () => Promise<void>): Promise<void> {
  const real = Deno.Command;
  (Deno as { Command: unknown }).Command = FakeCommand;
  try {
    await fn();
  } finally {
    (Deno as { Command: unknown }).Command = real;
  }
}

const FAKE_SPAWNS = 20000;

type Variant = [name: string, fn: () => Promise<void>];
const groups: { name: string; unit: string; value: (s: number) => number; variants: Variant[] }[] =
  [];
if (only === undefined || only === "cat") {
  groups.push({
    name: `${TOTAL / 1048576} MiB through cat`,
    unit: "MB/s",
    value: (s) => TOTAL / s / 1e6,
    variants: [
      ["raw 64 KiB writes", () => rawCat(TOTAL)],
      ["raw one write", rawCatOneWrite],
      ["raw one write, output kept", rawCatKeep],
      ["raw 64 KiB writes, output joined", rawCatJoin],
      ["communicate()", () => communicateCat(input)],
      ["write+drain / read(65536)", () => streamsCat(TOTAL)],
    ],
  });
}
if (only === undefined || only === "spawn") {
  groups.push({
    name: `spawn+wait of true x${SPAWNS}`,
    unit: "ms/spawn",
    value: (s) => s * 1000 / SPAWNS,
    variants: [
      ["raw Deno.Command", () => rawSpawn(SPAWNS)],
      ["createSubprocessExec", () => oursSpawn(SPAWNS)],
    ],
  });
}

if (only === "js") {
  groups.push({
    name: `JavaScript cost of spawn+wait, fake Deno.Command x${FAKE_SPAWNS}`,
    unit: "us/spawn",
    value: (s) => s * 1e6 / FAKE_SPAWNS,
    variants: [
      ["raw Deno.Command", () =>
        withFakeCommand(async () => {
          for (let i = 0; i < FAKE_SPAWNS; i++) await new Deno.Command("true").spawn().status;
        })],
      ["createSubprocessExec", () =>
        withFakeCommand(() =>
          asyncio.run(async () => {
            for (let i = 0; i < FAKE_SPAWNS; i++) {
              const proc = await asyncio.createSubprocessExec("true");
              await proc.wait();
            }
          })
        )],
    ],
  });
}

const num = (x: number) => x < 10 ? x.toFixed(3) : x.toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const group of groups) {
  const samples = group.variants.map(() => [] as number[]);
  const cpu = group.variants.map(() => [] as number[]);
  for (const [, fn] of group.variants) await fn(); // warm up
  for (let r = 0; r < REPS; r++) {
    for (let v = 0; v < group.variants.length; v++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await group.variants[v][1]();
      samples[v].push(group.value((performance.now() - t0) / 1000));
      const c = process.cpuUsage(c0);
      cpu[v].push((c.user + c.system) / 1000);
    }
  }
  console.log(`${group.name} (${group.unit}, ${REPS} reps, alternating)`);
  const base = median(samples[0]);
  for (let v = 0; v < group.variants.length; v++) {
    const xs = samples[v];
    const ratios = xs.map((x, i) => x / samples[0][i]).sort((a, b) => a - b);
    console.log(
      `  ${group.variants[v][0].padEnd(32)} ${num(median(xs)).padStart(8)} ` +
        `(${num(Math.min(...xs))}-${num(Math.max(...xs))})  ` +
        `/raw: median ${(median(xs) / base).toFixed(2)}x, per-rep ${ratios[0].toFixed(2)}-${
          ratios[ratios.length - 1].toFixed(2)
        }  cpu ${median(cpu[v]).toFixed(0)} ms`,
    );
  }
}
