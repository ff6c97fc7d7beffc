// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  asCompleted,
  CancelledError,
  type CompletedFuture,
  createTask,
  gather,
  getRunningLoop,
  sleep,
  TimeoutError,
  wait,
} from "../../mod.ts";
import { runCapturing, runVirtual } from "./_util.ts";

Deno.test("asCompleted(): each awaitable resolves to the next result in completion order", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const got: [string, number][] = [];
    const aws = [() => sleep(3, "c"), () => sleep(1, "a"), () => sleep(2, "b")];
    for (const next of asCompleted(aws)) got.push([await next, loop.time()]);
    assert.deepEqual(got, [["a", 1], ["b", 2], ["c", 3]]);
  });
});

Deno.test("asCompleted(): for await yields the futures themselves as they complete", async () => {
  await runVirtual(async () => {
    const slow = createTask(() => sleep(2, "slow"));
    const fast = createTask(() => sleep(1, "fast"));
    const seen: CompletedFuture<string>[] = [];
    for await (const fut of asCompleted([slow, fast])) {
      assert.ok(fut.done());
      seen.push(fut);
    }
    assert.deepEqual(seen, [fast, slow]);
  });
});

Deno.test("asCompleted(): errors arrive in order, on their awaitable or future", async () => {
  await runVirtual(async () => {
    const boom = async () => {
      await sleep(1);
      throw new Error("boom");
    };
    const results: string[] = [];
    for (const next of asCompleted([boom, () => sleep(2, "ok")])) {
      try {
        results.push(await next);
      } catch (e) {
        results.push(`error ${(e as Error).message}`);
      }
    }
    assert.deepEqual(results, ["error boom", "ok"]);

    const futures: CompletedFuture<string>[] = [];
    for await (const fut of asCompleted<string>([boom, () => sleep(2, "ok")])) futures.push(fut);
    assert.equal((futures[0].exception() as Error).message, "boom");
    assert.equal(futures[1].result(), "ok");
  });
});

Deno.test("asCompleted({ timeout }): what has not completed in time throws TimeoutError", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const slow = createTask(() => sleep(10, "slow"));
    const results: string[] = [];
    for (const next of asCompleted([() => sleep(1, "fast"), slow], { timeout: 5 })) {
      try {
        results.push(await next);
      } catch (e) {
        assert.ok(e instanceof TimeoutError);
        results.push(`timeout at ${loop.time()}`);
      }
    }
    assert.deepEqual(results, ["fast", "timeout at 5"]);
    assert.ok(!slow.done()); // not cancelled
    assert.equal(await slow, "slow");
  });
});

Deno.test("asCompleted({ timeout }) with for await: next() throws TimeoutError", async () => {
  await runVirtual(async () => {
    const slow = createTask(() => sleep(10));
    const seen: unknown[] = [];
    await assert.rejects(async () => {
      for await (const fut of asCompleted([slow, () => sleep(1, 1)], { timeout: 2 })) {
        seen.push(fut.result());
      }
    }, TimeoutError);
    assert.deepEqual(seen, [1]);
    slow.cancel();
  });
});

Deno.test("asCompleted(): all awaitables may be requested before any completes", async () => {
  await runVirtual(async () => {
    const its = [...asCompleted([() => sleep(2, "b"), () => sleep(1, "a")])];
    assert.equal(its.length, 2);
    assert.deepEqual(await Promise.all(its), ["a", "b"]);
  });
});

Deno.test("asCompleted(): the awaitable awaited first gets the first result", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const futs = [...asCompleted([() => sleep(1, "a"), () => sleep(2, "b")])];
    assert.equal(await futs[1], "a");
    assert.equal(loop.time(), 1);
    assert.equal(await futs[0], "b");
    assert.equal(loop.time(), 2);
    assert.equal(await futs[1], "a"); // awaiting again gives the same outcome
  });
});

Deno.test("asCompleted(): its awaitables can be passed to wait() and gather()", async () => {
  await runVirtual(async () => {
    const futs = [...asCompleted([() => sleep(1, "a"), () => sleep(1, "b")])];
    const [done, pending] = await wait(futs);
    assert.equal(pending.size, 0);
    assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(["a", "b"]));
    const again = [...asCompleted([() => sleep(2, 2), () => sleep(1, 1)])];
    assert.deepEqual(await gather(again), [1, 2]);
  });
});

Deno.test("asCompleted(): an awaitable never awaited adds no waiter; task errors stay reported", async () => {
  const { reports } = await runCapturing(async () => {
    const failing = async () => {
      await sleep(1);
      throw new Error("nobody looks");
    };
    const its = asCompleted([failing], { timeout: 0.5 });
    its.next(); // taken, never awaited
    await sleep(2);
    // The failed task's error is still reported if nobody retrieves it:
    // asCompleted() does not hide it.
  });
  assert.equal(reports.length, 1);
  assert.match(String(reports[0].message), /exception was never retrieved/);
});

Deno.test("asCompleted(): a cancelled future throws CancelledError on its awaitable", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const f = loop.createFuture<number>();
    loop.callLater(1, () => f.cancel("gone"));
    const [only] = asCompleted([f]);
    await assert.rejects(async () => await only, { name: "CancelledError", message: "gone" });
  });
});

Deno.test("asCompleted(): a cancelled wait leaves the completion for the next one", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const it = asCompleted([() => sleep(2, "a"), () => sleep(3, "b")]);
    const first = it.next().value!;
    const waiter = createTask(async () => await first);
    await sleep(1);
    waiter.cancel();
    await assert.rejects(async () => await waiter, CancelledError);
    const second = it.next().value!;
    assert.equal(await second, "a");
    assert.equal(loop.time(), 2);
    assert.ok(it.next().done); // the cancelled wait used up one turn, as in Python
  });
});

Deno.test("asCompleted(): a future given twice counts once, a function twice; empty input yields nothing", async () => {
  await runVirtual(async () => {
    const t = createTask(() => sleep(1, "x"));
    const got: string[] = [];
    for (const next of asCompleted([t, t, t])) got.push(await next);
    assert.deepEqual(got, ["x"]);
    let calls = 0;
    const thunk = () => sleep(1, ++calls);
    const fromThunks: number[] = [];
    for (const next of asCompleted([thunk, thunk])) fromThunks.push(await next);
    assert.deepEqual(fromThunks.sort(), [1, 2]); // a function given twice is called twice
    let n = 0;
    for (const _ of asCompleted([], { timeout: 1 })) n++;
    for await (const _ of asCompleted([])) n++;
    assert.equal(n, 0);
  });
});

Deno.test("asCompleted(): sync and async iteration share the count", async () => {
  await runVirtual(async () => {
    const it = asCompleted([() => sleep(1, 1), () => sleep(2, 2), () => sleep(3, 3)]);
    assert.equal(await it.next().value!, 1);
    const rest: number[] = [];
    for await (const f of it) rest.push(f.result());
    assert.deepEqual(rest, [2, 3]);
    assert.ok(it.next().done);
  });
});

Deno.test("asCompleted() rejects bad input", async () => {
  await runVirtual(() => {
    assert.throws(() => asCompleted(5 as never), /asCompleted\(\): expected an iterable/);
    assert.throws(
      () => asCompleted(Promise.resolve(1) as never),
      /asCompleted\(\): expected an iterable/,
    );
    assert.throws(() => asCompleted([1 as never]), /asCompleted\(\): expected a Future/);
    assert.throws(() => asCompleted([], { timeout: "x" as never }), RangeError);
  });
});
