// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  getRunningLoop,
  run,
  RuntimeError,
  sleep,
  VirtualClock,
} from "../../mod.ts";

Deno.test("sleep() resolves to its result after the delay", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    assert.equal(await sleep(90, "late"), "late");
    assert.equal(loop.time() - t0, 90);
    assert.equal(await sleep(0), undefined);
  }, { clock: new VirtualClock() });
});

Deno.test("a negative delay yields like sleep(0)", async () => {
  await run(async () => {
    const order: string[] = [];
    const other = createTask(async () => {
      order.push("other");
    });
    await sleep(-5);
    order.push("after sleep");
    await other;
    assert.deepEqual(order, ["other", "after sleep"]);
  });
});

Deno.test("cancelling a sleeping task interrupts the sleep at once", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const task = createTask(() => sleep(3600));
    await sleep(1);
    task.cancel("wake up");
    await assert.rejects(
      Promise.resolve(task),
      (e) => e instanceof CancelledError && e.message === "wake up",
    );
    assert.equal(loop.time(), 1, "no virtual time passed: the timer was cancelled");
  }, { clock: new VirtualClock() });
});

Deno.test("a cancel request before sleep(0) lands at that sleep", async () => {
  await run(async () => {
    const task = createTask(async () => {
      getRunningLoop().callSoon(() => {});
      await sleep(0);
      return "no";
    });
    task.cancel();
    await assert.rejects(Promise.resolve(task), CancelledError);
  });
});

Deno.test("sleep() rejects a bad delay and needs a running loop", () => {
  assert.throws(() => sleep(NaN), /expected delay in seconds, got number NaN/);
  assert.throws(() => sleep("1" as never), RangeError);
  assert.throws(() => sleep(1), RuntimeError);
});
