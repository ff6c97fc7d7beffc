// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  ALL_COMPLETED,
  CancelledError,
  createTask,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type Future,
  getRunningLoop,
  sleep,
  wait,
} from "../../mod.ts";
import { runCapturing, runVirtual } from "./_util.ts";

const fail = (delay: number, message: string) => async () => {
  await sleep(delay);
  throw new Error(message);
};

Deno.test("wait() waits for all by default and splits [done, pending]", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const a = createTask(() => sleep(1, "a"));
    const b = createTask(() => sleep(3, "b"));
    const t0 = loop.time();
    const [done, pending] = await wait([a, b]);
    assert.equal(loop.time() - t0, 3);
    assert.deepEqual(done, new Set([a, b]));
    assert.equal(pending.size, 0);
    const [done2] = await wait([a, b], { returnWhen: ALL_COMPLETED });
    assert.deepEqual(done2, new Set([a, b]));
  });
});

Deno.test("wait({ returnWhen: FIRST_COMPLETED }) returns at the first completion", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const a = createTask(() => sleep(10, "a"));
    const b = createTask(() => sleep(1, "b"));
    const t0 = loop.time();
    const [done, pending] = await wait([a, b], { returnWhen: FIRST_COMPLETED });
    assert.equal(loop.time() - t0, 1);
    assert.deepEqual(done, new Set([b]));
    assert.deepEqual(pending, new Set([a]));
    assert.ok(!a.done()); // nothing is cancelled
    a.cancel();
  });
});

Deno.test("wait(FIRST_COMPLETED) counts a cancellation as a completion", async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(10));
    const b = createTask(() => sleep(10));
    getRunningLoop().callLater(2, () => a.cancel());
    const [done, pending] = await wait([a, b], { returnWhen: FIRST_COMPLETED });
    assert.deepEqual(done, new Set([a]));
    assert.ok(a.cancelled());
    assert.deepEqual(pending, new Set([b]));
    b.cancel();
  });
});

Deno.test("wait({ returnWhen: FIRST_EXCEPTION }) returns at the first failure", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const ok = createTask(() => sleep(1, "ok"));
    const bad = createTask(fail(2, "boom"));
    const slow = createTask(() => sleep(10));
    const t0 = loop.time();
    const [done, pending] = await wait([ok, bad, slow], { returnWhen: FIRST_EXCEPTION });
    assert.equal(loop.time() - t0, 2);
    assert.deepEqual(done, new Set([ok, bad]));
    assert.deepEqual(pending, new Set([slow]));
    assert.equal((bad.exception() as Error).message, "boom");
    slow.cancel();
  });
});

Deno.test("wait(FIRST_EXCEPTION) without failures (cancellation is none) waits for all", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const a = createTask(() => sleep(1));
    const b = createTask(() => sleep(10));
    const c = createTask(() => sleep(3));
    loop.callLater(2, () => b.cancel());
    const t0 = loop.time();
    const [done, pending] = await wait([a, b, c], { returnWhen: FIRST_EXCEPTION });
    assert.equal(loop.time() - t0, 3);
    assert.equal(done.size, 3);
    assert.equal(pending.size, 0);
  });
});

Deno.test("wait(FIRST_EXCEPTION) with a future that failed already returns at once", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const bad = loop.createFuture();
    bad.setException(new Error("early"));
    const slow = createTask(() => sleep(10));
    const t0 = loop.time();
    const [done, pending] = await wait([bad, slow], { returnWhen: FIRST_EXCEPTION });
    assert.equal(loop.time(), t0);
    assert.deepEqual(done, new Set([bad]));
    assert.deepEqual(pending, new Set([slow]));
    slow.cancel();
  });
});

Deno.test("wait({ timeout }) returns the pending futures without cancelling them", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const a = createTask(() => sleep(1, "a"));
    const b = createTask(() => sleep(10, "b"));
    const t0 = loop.time();
    const [done, pending] = await wait([a, b], { timeout: 5 });
    assert.equal(loop.time() - t0, 5);
    assert.deepEqual(done, new Set([a]));
    assert.deepEqual(pending, new Set([b]));
    assert.ok(!b.done());
    assert.equal(await b, "b");
  });
});

Deno.test("wait() with timeout 0 returns at once with everything pending", async () => {
  await runVirtual(async () => {
    const a = createTask(() => sleep(1));
    const [done, pending] = await wait([a], { timeout: 0 });
    assert.equal(done.size, 0);
    assert.deepEqual(pending, new Set([a]));
    await a;
  });
});

Deno.test("wait() on futures already done resolves on the next iterations", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const f = loop.createFuture<number>();
    f.setResult(1);
    const [done, pending] = await wait([f]);
    assert.deepEqual(done, new Set([f]));
    assert.equal(pending.size, 0);
  });
});

Deno.test("wait() wraps promises and async functions in tasks, and dedupes", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const f = loop.createFuture<number>();
    loop.callSoon(() => f.setResult(1));
    const three = () => Promise.resolve(3);
    const [done] = await wait<number>([f, f, Promise.resolve(2), three, three]);
    assert.equal(done.size, 4); // f once; the function twice (two calls, two tasks)
    assert.ok(done.has(f));
    const results = [...done].map((x) => x.result()).sort();
    assert.deepEqual(results, [1, 2, 3, 3]);
  });
});

Deno.test("cancelling a task in wait() cancels neither the futures nor leaves callbacks", async () => {
  const { reports } = await runCapturing(async () => {
    const loop = getRunningLoop();
    const a = loop.createFuture<number>();
    const waiter = createTask(() => wait([a], { timeout: 10 }));
    await sleep(1);
    waiter.cancel();
    await assert.rejects(async () => await waiter, CancelledError);
    assert.ok(!a.done());
    a.setResult(1);
    await sleep(20); // neither the timer nor a's done callback fails
  });
  assert.deepEqual(reports, []);
});

Deno.test("wait() rejects empty input, bad returnWhen and bad timeout", async () => {
  await runVirtual(async () => {
    await assert.rejects(wait([]), {
      name: "TypeError",
      message: "wait(): the set of futures is empty",
    });
    const f: Future<number> = getRunningLoop().createFuture<number>();
    await assert.rejects(
      wait([f], { returnWhen: "FIRST" as never }),
      /returnWhen must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got string "FIRST"/,
    );
    await assert.rejects(wait([f], { timeout: Number.NaN }), RangeError);
    await assert.rejects(wait(f as never), /expected an iterable/);
    await assert.rejects(wait([7 as never]), /wait\(\): expected a Future/);
    f.cancel();
  });
  await assert.rejects(wait([Promise.resolve(1)]), { name: "RuntimeError" });
});
