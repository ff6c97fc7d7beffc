// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  gather,
  getRunningLoop,
  shield,
  sleep,
  TimeoutError,
  waitFor,
} from "../../mod.ts";
import { runCapturing, runVirtual } from "./_util.ts";

Deno.test("shield() passes the result and the error through", async () => {
  await runVirtual(async () => {
    assert.equal(await shield(() => sleep(1, "value")), "value");
    await assert.rejects(
      async () =>
        await shield(async () => {
          await sleep(1);
          throw new Error("inner failed");
        }),
      { message: "inner failed" },
    );
  });
});

Deno.test("shield() of a done future returns it as is", async () => {
  await runVirtual(() => {
    const f = getRunningLoop().createFuture<number>();
    f.setResult(1);
    assert.equal(shield(f), f);
  });
});

Deno.test("cancelling the outer future does not cancel the inner", async () => {
  await runVirtual(async () => {
    const inner = createTask(() => sleep(2, "saved"));
    const outer = shield(inner);
    assert.notEqual(outer, inner);
    assert.ok(outer.cancel());
    await assert.rejects(async () => await outer, CancelledError);
    assert.ok(!inner.cancelled());
    assert.equal(await inner, "saved");
  });
});

Deno.test("cancelling a task awaiting shield() leaves the inner running", async () => {
  await runVirtual(async () => {
    const log: string[] = [];
    const inner = createTask(async () => {
      await sleep(2);
      log.push("inner done");
      return 5;
    });
    const waiter = createTask(() => shield(inner));
    await sleep(1);
    waiter.cancel();
    await assert.rejects(async () => await waiter, CancelledError);
    assert.ok(waiter.cancelled());
    assert.equal(await inner, 5);
    assert.deepEqual(log, ["inner done"]);
  });
});

Deno.test("cancelling the inner cancels the outer", async () => {
  await runVirtual(async () => {
    const inner = createTask(() => sleep(10));
    const outer = shield(inner);
    await sleep(1);
    inner.cancel();
    await assert.rejects(async () => await outer, CancelledError);
    assert.ok(outer.cancelled());
  });
});

Deno.test("waitFor(shield(x)) times out without cancelling x", async () => {
  await runVirtual(async () => {
    const inner = createTask(() => sleep(5, "late"));
    await assert.rejects(waitFor(shield(inner), 1), TimeoutError);
    assert.ok(!inner.done());
    assert.equal(await inner, "late");
  });
});

Deno.test("gather() of shields: cancelling gather leaves the inners running", async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(2, "a"));
    const b = createTask(() => sleep(3, "b"));
    const outer = gather([shield(a), shield(b)]);
    await sleep(1);
    outer.cancel();
    await assert.rejects(async () => await outer, CancelledError);
    assert.deepEqual(await gather([a, b]), ["a", "b"]);
  });
});

Deno.test("an inner error after the outer was cancelled stays with the inner", async () => {
  const { reports } = await runCapturing(async () => {
    const inner = createTask(async () => {
      await sleep(2);
      throw new Error("late failure");
    });
    const outer = shield(inner);
    await sleep(1);
    outer.cancel();
    await assert.rejects(async () => await outer, CancelledError);
    // The outer's done callback removed the inner callback: Python leaves the
    // inner's error to whoever awaits the inner.
    await assert.rejects(async () => await inner, { message: "late failure" });
  });
  assert.deepEqual(reports, []);
});

Deno.test("shield() rejects what is not awaitable", async () => {
  await runVirtual(() => {
    assert.throws(() => shield(3 as never), /shield\(\): expected a Future.*got number 3/);
  });
});
