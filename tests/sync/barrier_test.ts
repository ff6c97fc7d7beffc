// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { Barrier, BrokenBarrierError, CancelledError, run, type Task } from "../../mod.ts";
import { failure, spawn, until } from "./_helpers.ts";

function waiters(barrier: Barrier, n: number): Task<number>[] {
  return Array.from({ length: n }, () => spawn(() => barrier.wait()));
}

Deno.test("Barrier validates parties and exposes its state", () => {
  assert.throws(() => new Barrier(0), (e) => e instanceof RangeError && /parties/.test(e.message));
  assert.throws(() => new Barrier(1.5), RangeError);
  const barrier = new Barrier(3);
  assert.equal(barrier.parties, 3);
  assert.equal(barrier.nWaiting, 0);
  assert.equal(barrier.broken, false);
  assert.equal(String(barrier), "<Barrier [filling, waiters:0/3]>");
});

Deno.test("Barrier releases all parties together, each with a distinct index", async () => {
  await run(async () => {
    const barrier = new Barrier(3);
    const tasks = waiters(barrier, 2);
    await until(() => barrier.nWaiting === 2);
    assert.ok(tasks.every((t) => !t.done()));
    const mine = await barrier.wait();
    // As Python: each gets its arrival order, so the task that fills the barrier gets parties - 1.
    assert.equal(mine, 2);
    assert.deepEqual(await Promise.all(tasks), [0, 1]);
    assert.equal(barrier.nWaiting, 0);
    assert.equal(String(barrier), "<Barrier [filling, waiters:0/3]>");
  });
});

Deno.test("Barrier with one party never blocks and can be passed repeatedly", async () => {
  await run(async () => {
    const barrier = new Barrier(1);
    assert.equal(await barrier.wait(), 0);
    assert.equal(await barrier.wait(), 0);
  });
});

Deno.test("Barrier is reusable: tasks pass it twice in lockstep", async () => {
  await run(async () => {
    const barrier = new Barrier(3);
    const log: string[] = [];
    const tasks = [0, 1, 2].map((n) =>
      spawn(async () => {
        log.push(`a${n}`);
        await barrier.wait();
        log.push(`b${n}`);
        await barrier.wait();
        log.push(`c${n}`);
      })
    );
    for (const t of tasks) await t;
    const firstB = log.findIndex((s) => s.startsWith("b"));
    const firstC = log.findIndex((s) => s.startsWith("c"));
    assert.ok(log.slice(0, firstB).length === 3);
    assert.ok(log.slice(firstB, firstC).every((s) => s.startsWith("b")));
    assert.equal(log.length, 9);
  });
});

Deno.test("Barrier drains a full round before the next round fills", async () => {
  await run(async () => {
    const barrier = new Barrier(2);
    const [other] = waiters(barrier, 1);
    await until(() => barrier.nWaiting === 1);
    assert.equal(await barrier.wait(), 1); // we trip it and leave first
    // The other party has not left yet: the barrier is draining.
    assert.equal(String(barrier), "<Barrier [draining, waiters:0/2]>");
    const late = spawn(() => barrier.wait());
    assert.equal(await other, 0);
    await until(() => barrier.nWaiting === 1);
    assert.equal(String(barrier), "<Barrier [filling, waiters:1/2]>");
    assert.equal(late.done(), false);
    assert.equal(await barrier.wait(), 1);
    assert.equal(await late, 0);
  });
});

Deno.test("Barrier: a cancelled waiter leaves the count; the barrier still works", async () => {
  await run(async () => {
    const barrier = new Barrier(2);
    const [a] = waiters(barrier, 1);
    await until(() => barrier.nWaiting === 1);
    a.cancel();
    assert.ok(await failure(a) instanceof CancelledError);
    assert.equal(barrier.nWaiting, 0);
    const [b] = waiters(barrier, 1);
    await barrier.wait();
    await b;
  });
});

Deno.test("Barrier.reset() breaks the current waiters, then the barrier is fresh", async () => {
  await run(async () => {
    const barrier = new Barrier(3);
    const tasks = waiters(barrier, 2);
    await until(() => barrier.nWaiting === 2);
    await barrier.reset();
    for (const t of tasks) assert.ok(await failure(t) instanceof BrokenBarrierError);
    assert.equal(barrier.broken, false);
    assert.equal(barrier.nWaiting, 0);
    const again = waiters(barrier, 2);
    await barrier.wait();
    for (const t of again) await t;
  });
});

Deno.test("Barrier.abort() breaks it for current and future waiters until reset()", async () => {
  await run(async () => {
    const barrier = new Barrier(3);
    const tasks = waiters(barrier, 2);
    await until(() => barrier.nWaiting === 2);
    await barrier.abort();
    assert.equal(barrier.broken, true);
    assert.equal(String(barrier), "<Barrier [broken]>");
    for (const t of tasks) assert.ok(await failure(t) instanceof BrokenBarrierError);
    await assert.rejects(barrier.wait(), BrokenBarrierError);
    await barrier.reset();
    assert.equal(barrier.broken, false);
    const again = waiters(barrier, 2);
    await until(() => barrier.nWaiting === 2);
    assert.equal(await barrier.wait(), 2);
    for (const t of again) await t;
  });
});

Deno.test("Barrier: a party that fails aborts the barrier and releases the others", async () => {
  await run(async () => {
    const barrier = new Barrier(3);
    const good = waiters(barrier, 1);
    const bad = spawn(async () => {
      try {
        throw new Error("setup failed");
      } catch (e) {
        await barrier.abort();
        throw e;
      }
    });
    assert.match(String(await failure(bad)), /setup failed/);
    assert.ok(await failure(good[0]) instanceof BrokenBarrierError);
    await assert.rejects(barrier.wait(), BrokenBarrierError);
  });
});

Deno.test("Barrier aborted while a round drains, then reset: later rounds count from 0 again", async () => {
  await run(async () => {
    const barrier = new Barrier(2);
    const first = spawn(async () => {
      try {
        return await barrier.wait();
      } catch (e) {
        if (e instanceof BrokenBarrierError) return "broken";
        throw e;
      }
    });
    const second = spawn(async () => {
      const index = await barrier.wait();
      await barrier.abort(); // while the other party still drains
      return index;
    });
    assert.deepEqual([await first, await second], ["broken", 1]); // as Python
    await barrier.reset();
    assert.equal(barrier.broken, false);
    const round = waiters(barrier, 2);
    assert.deepEqual(await Promise.all(round), [0, 1]);
  });
});
