// Copyright 2026 the @denoio/asyncio authors. MIT license.
// 64 MiB through `cat` (the anchors' workload: 64 KiB write+drain, read(65536)), ours beside raw
// Deno.Command, each in FRESH processes as the anchor suite runs it, and several times in each
// process: the first run pays for code that V8 has not compiled yet, the later runs less and less.
// Prints, per variant and run number, the median over processes of wall ms and of this process's
// CPU ms (user + system, the child's excluded).
// Run: deno run --allow-run --allow-read bench/cat_cold.ts [procs=8] [runs=4] [mib=64]
// (--allow-run for `cat` and the child Deno processes; --allow-read for Deno.execPath().)
import process from "node:process";
import { rawCat, streamsCat } from "./_subprocess_workloads.ts";

const params = Object.fromEntries(Deno.args.slice(1).map((a) => a.split("=")));
const TOTAL = Number(params.mib ?? 64) * 1024 * 1024;

if (Deno.args[0] === "child") {
  const run = params.variant === "ours" ? () => streamsCat(TOTAL) : () => rawCat(TOTAL);
  for (let i = 0; i < Number(params.runs); i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    console.log(JSON.stringify({ wall, cpu: (c.user + c.system) / 1000 }));
  }
} else {
  const opts = Object.fromEntries(Deno.args.map((a) => a.split("=")));
  const PROCS = Number(opts.procs ?? 8);
  const RUNS = Number(opts.runs ?? 4);
  const MIB = Number(opts.mib ?? 64);
  const variants = ["raw", "ours"];
  type Run = { wall: number; cpu: number };
  const byRun: Record<string, Run[][]> = {
    raw: Array.from({ length: RUNS }, () => []),
    ours: Array.from({ length: RUNS }, () => []),
  };
  for (let p = 0; p < PROCS; p++) {
    for (const variant of variants) {
      const out = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--quiet",
          "--allow-run=cat",
          new URL(import.meta.url).pathname,
          "child",
          `variant=${variant}`,
          `runs=${RUNS}`,
          `mib=${MIB}`,
        ],
        stderr: "inherit",
      }).output();
      if (!out.success) throw new Error(`child ${variant} failed`);
      const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
      lines.forEach((line, i) => byRun[variant][i].push(JSON.parse(line)));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const cell = (rs: Run[]) => {
    const wall = median(rs.map((r) => r.wall));
    const cpu = median(rs.map((r) => r.cpu));
    return `${wall.toFixed(0)} ms, ${cpu.toFixed(0)} ms CPU, ${
      (TOTAL / 1e6 / (wall / 1000)).toFixed(0)
    } MB/s`;
  };
  console.log(`${MIB} MiB through cat, ${PROCS} fresh processes per variant (medians)`);
  console.log(`| run in the process | ${variants.join(" | ")} | ours / raw (wall) |`);
  console.log(`|---|${variants.map(() => "---|").join("")}---|`);
  for (let i = 0; i < RUNS; i++) {
    const ratio = median(byRun.ours[i].map((r) => r.wall)) /
      median(byRun.raw[i].map((r) => r.wall));
    console.log(
      `| ${i + 1} | ${variants.map((v) => cell(byRun[v][i])).join(" | ")} | ${ratio.toFixed(2)}x |`,
    );
  }
}
