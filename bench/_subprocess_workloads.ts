// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The anchors' subprocess workloads, ours and raw, shared by subprocess_bench.ts and
// cat_throughput.ts.
import * as asyncio from "../mod.ts";

/** raw: Deno.Command with piped stdin/stdout, `chunk`-sized writes while stdout is read. */
export async function rawCat(total: number, chunk = 65536): Promise<void> {
  const data = new Uint8Array(chunk).fill(120);
  const child = new Deno.Command("cat", { stdin: "piped", stdout: "piped" }).spawn();
  const writer = (async () => {
    const w = child.stdin.getWriter();
    for (let i = 0; i < total / chunk; i++) await w.write(data);
    await w.close();
  })();
  let got = 0;
  for await (const b of child.stdout) got += b.length;
  await writer;
  await child.status;
  if (got !== total) throw new Error(`got ${got}`);
}

/** ours, streams API: `chunk`-sized write() + drain(), read(65536) until EOF. */
export function streamsCat(total: number, chunk = 65536): Promise<void> {
  return asyncio.run(async () => {
    const data = new Uint8Array(chunk).fill(120);
    const proc = await asyncio.createSubprocessExec("cat", {
      stdin: asyncio.PIPE,
      stdout: asyncio.PIPE,
    });
    const stdin = proc.stdin!, stdout = proc.stdout!;
    const writer = async () => {
      for (let i = 0; i < total / chunk; i++) {
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
    if (got !== total) throw new Error(`got ${got}`);
  });
}

/** ours: `communicate(input)` through cat. */
export function communicateCat(input: Uint8Array): Promise<void> {
  return asyncio.run(async () => {
    const proc = await asyncio.createSubprocessExec("cat", {
      stdin: asyncio.PIPE,
      stdout: asyncio.PIPE,
    });
    const [out] = await proc.communicate(input);
    if (out!.length !== input.length) throw new Error(`got ${out!.length}`);
  });
}

/** raw: `spawns` sequential spawn + status of `true`, stdio inherited. */
export async function rawSpawn(spawns: number): Promise<void> {
  for (let i = 0; i < spawns; i++) await new Deno.Command("true").spawn().status;
}

/** ours: `spawns` sequential createSubprocessExec("true") + wait(). */
export function oursSpawn(spawns: number): Promise<void> {
  return asyncio.run(async () => {
    for (let i = 0; i < spawns; i++) {
      const proc = await asyncio.createSubprocessExec("true");
      await proc.wait();
    }
  });
}
