// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The floor for issue #2's "100k tasks x 10 sleep(0) >= 3M yields/s", with no library code: 100k
// async functions each suspend 10 times on a fresh promise whose resolver a plain FIFO ready queue
// calls, round after round (what any design needs for a task to be resumed or cancelled on its
// own), first bare, then with each function run inside AsyncLocalStorage.run() (what knowing the
// current task across plain awaits needs in Deno 2.9).
//
//   deno run bench/yield_floor.ts [reps=3]
import { AsyncLocalStorage } from "node:async_hooks";

const N = 100_000, K = 10;
const reps = Number(Deno.args.find((a) => a.startsWith("reps="))?.slice(5) ?? 3);
const als = new AsyncLocalStorage<object>();

async function floor(inContext: boolean): Promise<number> {
  let queue: ((value: unknown) => void)[] = [];
  let captured!: (value: unknown) => void;
  const capture = (resolve: (value: unknown) => void) => {
    captured = resolve;
  };
  const suspend = () => {
    const promise = new Promise(capture);
    queue.push(captured);
    return promise;
  };
  const worker = async () => {
    for (let i = 0; i < K; i++) await suspend();
  };
  const t0 = performance.now();
  const all: Promise<void>[] = [];
  for (let i = 0; i < N; i++) all.push(inContext ? als.run({ i }, worker) : worker());
  while (queue.length > 0) {
    const round = queue;
    queue = [];
    for (const resolve of round) resolve(undefined);
    await null; // queued behind every continuation just resumed (FIFO)
  }
  await Promise.all(all);
  return (N * K) / (performance.now() - t0) * 1000;
}

for (const inContext of [false, true]) {
  const rates: number[] = [];
  for (let r = 0; r < reps; r++) rates.push(await floor(inContext));
  rates.sort((a, b) => a - b);
  const m = (x: number) => `${(x / 1e6).toFixed(2)}M`;
  console.log(
    `${inContext ? "in AsyncLocalStorage.run()" : "bare"}: ${
      m(rates[rates.length >> 1])
    } yields/s ` +
      `(${m(rates[0])}-${m(rates[rates.length - 1])})`,
  );
}
