// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  type Future,
  gather,
  GatheringFuture,
  getRunningLoop,
  newEventLoop,
  sleep,
  VirtualClock,
} from "../../mod.ts";
import { runCapturing, runVirtual } from "./_util.ts";

Deno.test("gather() resolves to the results in input order, not completion order", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const order: string[] = [];
    const fut = loop.createFuture<string>();
    loop.callLater(2, () => fut.setResult("future"));
    const task = createTask(async () => {
      await sleep(3);
      order.push("task");
      return "task";
    });
    const results = await gather([
      async () => {
        await sleep(1);
        order.push("thunk");
        return "thunk";
      },
      task,
      fut,
      Promise.resolve("promise"),
      { then: (resolve: (v: string) => void) => resolve("thenable") },
    ]);
    assert.deepEqual(results, ["thunk", "task", "future", "promise", "thenable"]);
    assert.deepEqual(order, ["thunk", "task"]);
    assert.equal(loop.time(), 3);
  });
});

Deno.test("gather() runs its children concurrently", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    const results = await gather([1, 2, 3].map((i) => () => sleep(i, i * 10)));
    assert.deepEqual(results, [10, 20, 30]);
    assert.equal(loop.time() - t0, 3);
  });
});

Deno.test("gather() of nothing resolves to an empty array", async () => {
  await runVirtual(async () => {
    const outer = gather([]);
    assert.ok(outer instanceof GatheringFuture);
    assert.ok(outer.done());
    assert.deepEqual(await outer, []);
    assert.deepEqual(await gather(new Set<Future<number>>()), []);
  });
});

Deno.test("gather() accepts any iterable, including a generator", async () => {
  await runVirtual(async () => {
    function* gen() {
      for (let i = 0; i < 3; i++) yield () => sleep(0, i);
    }
    assert.deepEqual(await gather(gen()), [0, 1, 2]);
  });
});

Deno.test("gather() of futures that are all done already", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const a = loop.createFuture<number>();
    const b = loop.createFuture<number>();
    a.setResult(1);
    b.setResult(2);
    const outer = gather([a, b]);
    assert.deepEqual(await outer, [1, 2]);
  });
});

Deno.test("gather() awaits a future given twice once, but calls a function given twice twice", async () => {
  await runVirtual(async () => {
    let calls = 0;
    const thunk = async () => {
      calls++;
      await sleep(1);
      return calls;
    };
    const fut = getRunningLoop().createFuture<string>();
    fut.setResult("f");
    const outer = gather([thunk, fut, thunk, fut]);
    assert.equal(outer.children.length, 4);
    assert.notEqual(outer.children[0], outer.children[2]);
    assert.equal(outer.children[1], outer.children[3]);
    assert.deepEqual(await outer, [2, "f", 2, "f"]);
    assert.equal(calls, 2);
  });
});

Deno.test("gather() rejects with the first error; the other children keep running", async () => {
  const { reports } = await runCapturing(async () => {
    const loop = getRunningLoop();
    const slow = createTask(() => sleep(5, "slow"));
    const laterFailure = createTask(async () => {
      await sleep(2);
      throw new Error("second");
    });
    const t0 = loop.time();
    await assert.rejects(
      async () =>
        await gather([
          slow,
          async () => {
            await sleep(1);
            throw new Error("first");
          },
          laterFailure,
        ]),
      { message: "first" },
    );
    assert.equal(loop.time() - t0, 1);
    assert.ok(!slow.done() && !laterFailure.done());
    assert.equal(await slow, "slow");
    assert.ok(laterFailure.done());
    await sleep(0); // gather's callback marks the later error retrieved
  });
  // Neither error is reported as "never retrieved".
  assert.deepEqual(reports.map((r) => r.message), []);
});

Deno.test("gather({ returnExceptions }) puts errors and cancellations in the results", async () => {
  await runVirtual(async () => {
    const error = new TypeError("bad");
    const cancelled = createTask(() => sleep(10));
    getRunningLoop().callLater(1, () => cancelled.cancel("stop it"));
    const results = await gather([
      () => sleep(2, "ok"),
      () => Promise.reject(error),
      cancelled,
    ], { returnExceptions: true });
    assert.equal(results[0], "ok");
    assert.equal(results[1], error);
    assert.ok(results[2] instanceof CancelledError);
    assert.equal((results[2] as CancelledError).message, "stop it");
  });
});

Deno.test("gather() rejects with CancelledError when a child is cancelled", async () => {
  await runVirtual(async () => {
    const child = createTask(() => sleep(10));
    const other = createTask(() => sleep(2, "other"));
    const outer = gather([child, other]);
    getRunningLoop().callLater(1, () => child.cancel("child msg"));
    await assert.rejects(async () => await outer, (e) => {
      assert.ok(e instanceof CancelledError);
      assert.equal(e.message, "child msg");
      return true;
    });
    // The outer future failed with CancelledError; it was not itself cancelled.
    assert.ok(!outer.cancelled());
    assert.ok(!other.done());
    assert.equal(await other, "other");
  });
});

Deno.test("cancelling the gathering future cancels every child with the message", async () => {
  await runVirtual(async () => {
    const children = [createTask(() => sleep(10)), createTask(() => sleep(20))];
    const done = getRunningLoop().createFuture<string>();
    done.setResult("done");
    const outer = gather([...children, done]);
    await sleep(1);
    assert.equal(outer.cancel("outer msg"), true);
    await assert.rejects(async () => await outer, { name: "CancelledError", message: "outer msg" });
    assert.ok(children.every((c) => c.cancelled()));
    assert.equal(outer.cancel(), false); // done now
  });
});

Deno.test("a cancelled gather with returnExceptions still rejects with CancelledError", async () => {
  await runVirtual(async () => {
    const child = createTask(() => sleep(10));
    const outer = gather([child, () => sleep(1)], { returnExceptions: true });
    await sleep(0);
    outer.cancel();
    await assert.rejects(async () => await outer, CancelledError);
    assert.ok(child.cancelled());
  });
});

Deno.test("a gathering future whose children are all done refuses cancel()", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const a = loop.createFuture<number>();
    const b = loop.createFuture<number>();
    const outer = gather([a, b]);
    a.setResult(1);
    b.setResult(2);
    // The children are done but the outer's callbacks have not run yet.
    assert.ok(!outer.done());
    assert.equal(outer.cancel(), false);
    assert.deepEqual(await outer, [1, 2]);
  });
});

Deno.test("cancelling a task awaiting gather() cancels the children", async () => {
  await runVirtual(async () => {
    const log: string[] = [];
    const child = (name: string) => async () => {
      try {
        await sleep(10);
      } catch (e) {
        log.push(`${name} ${(e as Error).name}`);
        throw e;
      }
    };
    const parent = createTask(() => gather([child("a"), child("b")]));
    await sleep(1);
    parent.cancel("from parent");
    await assert.rejects(async () => await parent, CancelledError);
    assert.ok(parent.cancelled());
    assert.deepEqual(log.sort(), ["a CancelledError", "b CancelledError"]);
  });
});

Deno.test("a child that suppresses the cancellation: gather() still rejects with CancelledError", async () => {
  await runVirtual(async () => {
    const stubborn = createTask(async () => {
      try {
        await sleep(10);
      } catch {
        return "kept going";
      }
    });
    const outer = gather([stubborn]);
    await sleep(1);
    assert.equal(outer.cancel(), true);
    // Python: the outer then fails with CancelledError (cancel was requested).
    await assert.rejects(async () => await outer, CancelledError);
    assert.equal(await stubborn, "kept going");
  });
});

Deno.test("nested gather(): cancelling the outer reaches the inner children", async () => {
  await runVirtual(async () => {
    const leaf = createTask(() => sleep(10));
    const inner = gather([leaf]);
    const outer = gather([inner, () => sleep(10)]);
    await sleep(1);
    outer.cancel();
    await assert.rejects(async () => await outer, CancelledError);
    assert.ok(leaf.cancelled());
    await assert.rejects(async () => await inner, CancelledError);
  });
});

Deno.test("gather() rejects bad input with a TypeError naming it", async () => {
  await runVirtual(() => {
    // deno-lint-ignore no-explicit-any
    const g = gather as (aws: any) => unknown;
    assert.throws(
      () => g(5),
      /gather\(\): expected an iterable \(an array\) of awaitables, got number 5/,
    );
    assert.throws(() => g(Promise.resolve(1)), /expected an iterable/);
    assert.throws(() => g(getRunningLoop().createFuture()), /expected an iterable/);
    assert.throws(
      () => g([1]),
      /gather\(\): expected a Future, a promise or an async function, got number 1/,
    );
    assert.throws(() => g([null]), /got null/);
  });
});

Deno.test("gather() rejects futures of two different loops", async () => {
  const other = newEventLoop();
  try {
    await runVirtual(() => {
      const mine = getRunningLoop().createFuture();
      const theirs = other.createFuture();
      assert.throws(() => gather([mine, theirs]), /different loop/);
      mine.cancel();
    });
  } finally {
    other.close();
  }
});

Deno.test("gather() outside a running loop binds to the futures' loop", async () => {
  const loop = newEventLoop({ clock: new VirtualClock() });
  try {
    const a = loop.createFuture<number>();
    const outer = gather([a]);
    assert.equal(outer.getLoop(), loop);
    loop.callSoon(() => a.setResult(5));
    assert.deepEqual(await loop.runUntilComplete(outer), [5]);
  } finally {
    loop.close();
  }
});

Deno.test("gather() of many tasks stays linear and keeps order", async () => {
  await runVirtual(async () => {
    const n = 20_000;
    const futures: Future<number>[] = [];
    const loop = getRunningLoop();
    for (let i = 0; i < n; i++) futures.push(loop.createFuture<number>());
    const outer = gather(futures);
    for (let i = n - 1; i >= 0; i--) futures[i].setResult(i);
    const results = await outer;
    assert.equal(results.length, n);
    assert.ok(results.every((v, i) => v === i));
  });
});

Deno.test("gather(): one cancelled child fails the outer once; later outcomes change nothing", async () => {
  const { reports } = await runCapturing(async () => {
    const loop = getRunningLoop();
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map(() => loop.createFuture<number>());
    const outer = gather([a, b, c, d, e]);
    let calls = 0;
    outer.addDoneCallback(() => calls++);
    a.setResult(1);
    b.cancel();
    await sleep(0);
    await sleep(0);
    assert.ok(outer.done());
    assert.ok(!outer.cancelled());
    assert.ok(outer.exception() instanceof CancelledError);
    c.setResult(3);
    d.cancel();
    e.setException(new RangeError("ignored"));
    await sleep(0);
    await sleep(0);
    assert.equal(calls, 1);
  });
  // e's error was marked retrieved by gather's callback.
  assert.deepEqual(reports, []);
});

Deno.test("gather({ returnExceptions }) with mixed outcomes keeps each in its place", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const [a, b, c, d, e, f] = [0, 1, 2, 3, 4, 5].map(() => loop.createFuture<number>());
    const outer = gather([a, b, c, d, e, f], { returnExceptions: true });
    a.setResult(1);
    const zde = new RangeError("zde");
    b.setException(zde);
    c.cancel();
    await sleep(0);
    await sleep(0);
    assert.ok(!outer.done());
    d.setResult(3);
    e.cancel();
    const rte = new TypeError("rte");
    f.setException(rte);
    const res = await outer;
    assert.ok(res[2] instanceof CancelledError);
    assert.ok(res[4] instanceof CancelledError);
    assert.deepEqual([res[0], res[1], res[3], res[5]], [1, zde, 3, rte]);
  });
});

Deno.test("a task awaiting gather({ returnExceptions }) cancelled with a message keeps it", async () => {
  await runVirtual(async () => {
    const worker = createTask(async () => {
      let time = 0;
      while (true) {
        time += 0.05;
        await gather([() => sleep(0.05)], { returnExceptions: true });
        if (time > 1) return "finished";
      }
    });
    await sleep(0.2);
    worker.cancel("my message");
    await assert.rejects(async () => await worker, {
      name: "CancelledError",
      message: "my message",
    });
  });
});
