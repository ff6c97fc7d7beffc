// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { CancelledError, Lock, newEventLoop, run, RuntimeError, sleep } from "../../mod.ts";
import { failure, PENDING, spawn, ticks, until } from "./_helpers.ts";

Deno.test("Lock can be created outside a running loop and starts unlocked", () => {
  const lock = new Lock();
  assert.equal(lock.locked(), false);
  assert.equal(String(lock), "<Lock [unlocked]>");
});

Deno.test("Lock.acquire() on a free lock is already settled and needs no loop", async () => {
  const lock = new Lock();
  const held = await lock.acquire(); // no loop is running
  assert.ok(held);
  assert.equal(lock.locked(), true);
  lock.release();
  await run(async () => {
    assert.notEqual(await Promise.race([lock.acquire(), PENDING]), "pending");
    const contended = lock.acquire();
    assert.equal(await Promise.race([contended, PENDING]), "pending");
    lock.release();
    assert.ok(await contended);
    assert.equal(lock.locked(), true);
  });
});

Deno.test("Lock hands itself to waiters in FIFO order", async () => {
  await run(async () => {
    const lock = new Lock();
    const order: number[] = [];
    await lock.acquire();
    const tasks = [1, 2, 3].map((n) =>
      spawn(async () => {
        await lock.acquire();
        order.push(n);
        await sleep(0);
        lock.release();
      })
    );
    await ticks();
    assert.equal(String(lock), "<Lock [locked, waiters:3]>");
    lock.release();
    for (const t of tasks) await t;
    assert.deepEqual(order, [1, 2, 3]);
    assert.equal(lock.locked(), false);
  });
});

Deno.test("Lock.release() of an unlocked lock throws RuntimeError", () => {
  const lock = new Lock();
  assert.throws(
    () => lock.release(),
    (e) => e instanceof RuntimeError && /not acquired/.test(e.message),
  );
});

Deno.test("Lock: `using` releases at the end of the scope, also when the body throws", async () => {
  await run(async () => {
    const lock = new Lock();
    {
      using _held = await lock.acquire();
      assert.equal(lock.locked(), true);
    }
    assert.equal(lock.locked(), false);
    await assert.rejects(async () => {
      using _held = await lock.acquire();
      throw new Error("body failed");
    }, /body failed/);
    assert.equal(lock.locked(), false);
  });
});

Deno.test("Lock: disposing the acquired value twice releases once", async () => {
  await run(async () => {
    const lock = new Lock();
    const held = await lock.acquire();
    held[Symbol.dispose]();
    await lock.acquire();
    held[Symbol.dispose]();
    assert.equal(lock.locked(), true);
  });
});

Deno.test("Lock: a cancelled waiter leaves the queue and the lock works on", async () => {
  await run(async () => {
    const lock = new Lock();
    await lock.acquire();
    const waiter = spawn(() => lock.acquire());
    await ticks();
    waiter.cancel();
    assert.ok(await failure(waiter) instanceof CancelledError);
    assert.equal(String(lock), "<Lock [locked]>");
    lock.release();
    assert.equal(lock.locked(), false);
  });
});

Deno.test("Lock: cancelling a blocked waiter while the holder releases wakes the next one", async () => {
  await run(async () => {
    const lock = new Lock();
    await lock.acquire();
    const got: string[] = [];
    const lockit = (name: string) =>
      spawn(async () => {
        await lock.acquire();
        got.push(name);
      });
    const b = lockit("B");
    const c = lockit("C");
    await ticks();
    b.cancel();
    lock.release();
    assert.ok(await failure(b) instanceof CancelledError);
    await c;
    assert.deepEqual(got, ["C"]);
    assert.equal(lock.locked(), true);
  });
});

Deno.test("Lock: a waiter woken and then cancelled passes the lock to the next waiter", async () => {
  await run(async () => {
    const lock = new Lock();
    await lock.acquire();
    const t1 = spawn(() => lock.acquire());
    const t2 = spawn(() => lock.acquire());
    const t3 = spawn(() => lock.acquire());
    await ticks();
    lock.release(); // wakes t1 ...
    t1.cancel(); // ... which is cancelled before it runs
    assert.ok(await failure(t1) instanceof CancelledError);
    await t2;
    assert.equal(lock.locked(), true);
    await ticks(2);
    assert.equal(t3.done(), false);
    lock.release();
    await t3;
    assert.equal(lock.locked(), true);
  });
});

Deno.test("Lock: a waiter cancelled before release lets a newcomer take the lock", async () => {
  await run(async () => {
    const lock = new Lock();
    await lock.acquire();
    const tb = spawn(() => lock.acquire());
    await ticks();
    const tc = spawn(() => lock.acquire());
    tb.cancel();
    lock.release();
    await until(() => tc.done());
    assert.equal(lock.locked(), true);
    assert.ok(await failure(tb) instanceof CancelledError);
  });
});

Deno.test("Lock: waiting on it from a second event loop throws RuntimeError", async () => {
  const lock = new Lock();
  const first = newEventLoop();
  await first.runUntilComplete(async () => {
    await lock.acquire();
    const waiter = spawn(() => lock.acquire());
    await ticks();
    waiter.cancel();
    await failure(waiter);
  });
  first.close();
  const second = newEventLoop();
  await second.runUntilComplete(async () => {
    await assert.rejects(
      lock.acquire(),
      (e) => e instanceof RuntimeError && /different event loop/.test(e.message),
    );
  });
  second.close();
});
