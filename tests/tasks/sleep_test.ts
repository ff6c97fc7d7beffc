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

Deno.test("a task's successive and overlapping sleeps each keep their own outcome", async () => {
  await run(async () => {
    // The first sleep is not awaited yet while the second one runs: two waits at once.
    const pending = sleep(5, "first");
    assert.equal(await sleep(1, "second"), "second");
    assert.equal(await pending, "first");
    for (let i = 0; i < 3; i++) assert.equal(await sleep(0, i), i);
    // A sleep cancelled after earlier sleeps of the same task: only that one throws.
    const task = createTask(async () => {
      for (let i = 0; i < 3; i++) await sleep(0);
      try {
        await sleep(3600);
        return "not cancelled";
      } catch (e) {
        assert.ok(e instanceof CancelledError);
      }
      return await sleep(0, "after the cancel");
    });
    for (let i = 0; i < 5; i++) await sleep(0);
    task.cancel();
    assert.equal(await task, "after the cancel");
  }, { clock: new VirtualClock() });
});
