// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  type Executor,
  getRunningLoop,
  moduleFunction,
  newEventLoop,
  run,
  RuntimeError,
  sleep,
  toThread,
  WorkerPoolExecutor,
} from "../../mod.ts";
import { live } from "../../host/_live.ts";

const WORK = new URL("./_fixtures/work.ts", import.meta.url);

Deno.test("toThread() runs the function in the default executor and resolves to its result", async () => {
  const [upper, scaled] = await run(async () => [
    await toThread((s: string) => s.toUpperCase(), "blocking"),
    await toThread(moduleFunction<[number], string>(WORK, "scaled"), 5),
  ]);
  assert.equal(upper, "BLOCKING");
  assert.equal(scaled, "number 50");
  assert.equal(live.workers, 0, "run() shut the default executor down");
});

Deno.test("toThread() rejects with the function's error", async () => {
  await run(async () => {
    await assert.rejects(
      async () => await toThread(() => JSON.parse("{")),
      (e: unknown) => e instanceof SyntaxError,
    );
  });
  assert.equal(live.workers, 0);
});

Deno.test("toThread() outside a running loop throws RuntimeError", () => {
  assert.throws(() => toThread(() => 1), RuntimeError);
});

Deno.test("a task awaiting toThread() can be cancelled", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const task = loop.createTask(() => toThread(() => new Promise((r) => setTimeout(r, 30))));
    await sleep(0);
    task.cancel();
    await assert.rejects(async () => await task, CancelledError);
  });
  assert.equal(live.workers, 0);
});

Deno.test("runInExecutor(null) starts the default pool; shutdownDefaultExecutor() ends it", async () => {
  const loop = newEventLoop();
  try {
    const result = await loop.runUntilComplete(loop.runInExecutor(null, (a: number) => a + 1, 1));
    assert.equal(result, 2);
    assert.ok(live.workers >= 1);
    await loop.runUntilComplete(() => loop.shutdownDefaultExecutor());
    assert.equal(live.workers, 0);
    assert.throws(() => loop.runInExecutor(null, () => 1), {
      name: "RuntimeError",
      message: /default executor was shut down/,
    });
  } finally {
    loop.close();
  }
});

Deno.test("setDefaultExecutor(): runInExecutor(null) and shutdownDefaultExecutor() use the given executor", async () => {
  const loop = newEventLoop();
  const calls: string[] = [];
  const inline: Executor = {
    submit: (func, ...args) => {
      calls.push("submit");
      return Promise.resolve((func as (...a: unknown[]) => never)(...args));
    },
    shutdown: () => {
      calls.push("shutdown");
      return Promise.resolve();
    },
  };
  try {
    // the loop's own pool, replaced, is shut down: its idle Workers would keep the process alive
    assert.equal(await loop.runUntilComplete(loop.runInExecutor(null, () => 1)), 1);
    assert.ok(live.workers >= 1);
    loop.setDefaultExecutor(inline);
    assert.equal(live.workers, 0);
    assert.equal(
      await loop.runUntilComplete(loop.runInExecutor(null, (a: number) => a * 2, 21)),
      42,
    );
    await loop.runUntilComplete(() => loop.shutdownDefaultExecutor());
    assert.deepEqual(calls, ["submit", "shutdown"]);
    // an executor that could not be shut down is refused up front, as Python refuses non-executors
    assert.throws(
      () => loop.setDefaultExecutor({ submit: inline.submit } as unknown as Executor),
      { name: "TypeError", message: /executor\.shutdown must be a function/ },
    );
  } finally {
    loop.close();
  }
});

Deno.test("loop.close() ends the default pool's idle Workers", async () => {
  const loop = newEventLoop();
  await loop.runUntilComplete(loop.runInExecutor(null, () => 1));
  assert.ok(live.workers >= 1);
  loop.close();
  assert.equal(live.workers, 0);
});

Deno.test("runInExecutor() takes a given pool and a module export", async () => {
  await using pool = new WorkerPoolExecutor({ maxWorkers: 1 });
  const loop = newEventLoop();
  try {
    const out = await loop.runUntilComplete(
      loop.runInExecutor(pool, moduleFunction(WORK, "scaled"), 3),
    );
    assert.equal(out, "number 30");
  } finally {
    loop.close();
  }
});

Deno.test("shutdownDefaultExecutor(timeout) gives up waiting; the busy Worker ends when done", async () => {
  const loop = newEventLoop();
  const warnings: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(" "));
  try {
    const gate = new SharedArrayBuffer(4);
    const busy = loop.runInExecutor(null, (buf: SharedArrayBuffer) => {
      Atomics.wait(new Int32Array(buf), 0, 0, 5000);
      return "released";
    }, gate);
    await loop.runUntilComplete(() => loop.shutdownDefaultExecutor(0.05));
    assert.match(String(warnings[0]), /did not finish joining its workers within 0.05 seconds/);
    assert.equal(live.workers, 1, "the busy Worker runs on");
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    assert.equal(await loop.runUntilComplete(busy), "released");
    assert.equal(live.workers, 0);
  } finally {
    console.warn = warn;
    loop.close();
  }
});
