// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  BoundedSemaphore,
  CancelledError,
  newEventLoop,
  run,
  Semaphore,
  sleep,
  type Task,
  VirtualClock,
} from "../../mod.ts";
import { failure, PENDING, spawn, ticks, until } from "./_helpers.ts";

Deno.test("Semaphore validates its initial value", () => {
  assert.throws(() => new Semaphore(-1), (e) => e instanceof RangeError && /-1/.test(e.message));
  assert.throws(() => new Semaphore(1.5), RangeError);
  assert.throws(() => new Semaphore("2" as unknown as number), RangeError);
  assert.equal(new Semaphore(0).locked(), true);
  assert.equal(new Semaphore().locked(), false);
  assert.equal(String(new Semaphore(2)), "<Semaphore [unlocked, value:2]>");
});

Deno.test("Semaphore counts permits; acquire() of a free one is settled at once", async () => {
  const outside = new Semaphore(1);
  (await outside.acquire()).release(); // no loop is running
  await run(async () => {
    const sem = new Semaphore(2);
    const a = await Promise.race([sem.acquire(), PENDING]);
    const b = await Promise.race([sem.acquire(), PENDING]);
    assert.ok(a !== "pending" && b !== "pending");
    assert.equal(sem.locked(), true);
    a[Symbol.dispose]();
    assert.equal(sem.locked(), false);
    b.release();
    assert.equal(String(sem), "<Semaphore [unlocked, value:2]>");
  });
});

Deno.test("Semaphore admits waiters in FIFO order", async () => {
  const loop = newEventLoop({ clock: new VirtualClock() });
  await loop.runUntilComplete(async () => {
    const sem = new Semaphore(1);
    const result: string[] = [];
    const tasks = ["c1", "c2", "c3"].map((tag) =>
      spawn(async () => {
        using _held = await sem.acquire();
        result.push(`${tag}_1`);
        await sleep(0.01);
        result.push(`${tag}_2`);
      })
    );
    for (const t of tasks) await t;
    assert.deepEqual(result, ["c1_1", "c1_2", "c2_1", "c2_2", "c3_1", "c3_2"]);
  });
  loop.close();
});

Deno.test("Semaphore: a task that releases and re-acquires queues behind the waiters", async () => {
  await run(async () => {
    const sem = new Semaphore(1);
    const result: number[] = [];
    const t1 = spawn(async () => {
      await sem.acquire();
      result.push(1);
    });
    const t2 = spawn(async () => {
      await sem.acquire();
      result.push(2);
      sem.release();
      await sem.acquire();
      result.push(4);
    });
    const t3 = spawn(async () => {
      await sem.acquire();
      result.push(3);
    });
    await ticks();
    assert.deepEqual(result, [1]);
    assert.equal(String(sem), "<Semaphore [locked, waiters:2]>");
    const t4 = spawn(() => sem.acquire());
    sem.release();
    sem.release();
    await until(() => result.length === 3);
    await ticks(3);
    assert.deepEqual(result, [1, 2, 3]);
    assert.equal(sem.locked(), true);
    assert.ok(t1.done());
    // Of the three racing for the two permits, exactly two got one (t2 got its first).
    assert.equal([t2, t3, t4].filter((t) => t.done()).length, 2);
    assert.equal(t2.done(), false);
    sem.release();
    await t2;
    await t4;
    assert.deepEqual(result, [1, 2, 3, 4]);
  });
});

Deno.test("Semaphore: release() skips cancelled waiters", async () => {
  await run(async () => {
    const sem = new Semaphore(0);
    const tasks = [0, 1, 2].map(() => spawn(() => sem.acquire()));
    await ticks();
    tasks[0].cancel();
    tasks[1].cancel();
    sem.release();
    await tasks[2];
    for (const t of tasks.slice(0, 2)) assert.ok(await failure(t) instanceof CancelledError);
    assert.equal(sem.locked(), true);
  });
});

Deno.test("Semaphore: a waiter cancelled before it is woken wakes exactly the next one", async () => {
  await run(async () => {
    const sem = new Semaphore(0);
    const [t1, t2, t3, t4] = [0, 1, 2, 3].map(() => spawn(() => sem.acquire()));
    await ticks();
    t1.cancel();
    t2.cancel();
    sem.release();
    await until(() => t3.done());
    await ticks(3);
    assert.equal(t4.done(), false);
    t4.cancel();
    for (const t of [t1, t2, t4]) assert.ok(await failure(t) instanceof CancelledError);
    assert.equal(sem.locked(), true);
  });
});

Deno.test("Semaphore: a waiter woken and then cancelled gives its permit to the next one", async () => {
  await run(async () => {
    const sem = new Semaphore(0);
    const t1 = spawn(() => sem.acquire());
    const t2 = spawn(() => sem.acquire());
    await ticks();
    sem.release(); // t1 gets the permit...
    t1.cancel(); // ...but is cancelled before it runs
    assert.ok(await failure(t1) instanceof CancelledError);
    await t2;
    assert.equal(sem.locked(), true);
    assert.equal(String(sem), "<Semaphore [locked]>");
  });
});

Deno.test("Semaphore: no permit leaks when a waiter is cancelled inside a held section", async () => {
  await run(async () => {
    const sem = new Semaphore(1);
    let t2: Task<void> | null = null;
    const t1 = spawn(async () => {
      using _held = await sem.acquire();
      await sleep(0);
      t2!.cancel();
    });
    t2 = spawn(async () => {
      using _held = await sem.acquire();
      throw new Error("t2 must not get the permit");
    });
    await t1;
    assert.ok(await failure(t2) instanceof CancelledError);
    assert.equal(sem.locked(), false);
    await sem.acquire();
    assert.equal(sem.locked(), true);
  });
});

Deno.test("Semaphore: a successful acquire wakes the other waiters that FIFO held back", async () => {
  await run(async () => {
    const sem = new Semaphore(0);
    const result: number[] = [];
    let t4: Task<void> | null = null;
    const t1 = spawn(async () => {
      await sem.acquire();
      t4 = spawn(() => {
        result.push(4);
      });
      result.push(1);
    });
    const t2 = spawn(async () => {
      sem.release();
      sem.release();
      sem.release();
      // c1 has not woken up yet, so FIFO keeps us out.
      assert.equal(sem.locked(), true);
      await sem.acquire();
      result.push(2);
    });
    const t3 = spawn(async () => {
      await sem.acquire();
      result.push(3);
    });
    await t1;
    await t2;
    await t3;
    await t4!;
    // c1 ran first and its acquire woke both c2 and c3 (FIFO). Unlike Python, a task
    // started in the same iteration (c4) may run before resumed ones: resumption goes
    // through promise jobs.
    assert.equal(result[0], 1);
    assert.deepEqual(result.filter((n) => n !== 4), [1, 2, 3]);
    assert.equal(sem.locked(), true);
  });
});

Deno.test("BoundedSemaphore refuses to release above its initial value", async () => {
  await run(async () => {
    const sem = new BoundedSemaphore(2);
    assert.throws(
      () => sem.release(),
      (e) => e instanceof RangeError && /too many/.test(e.message),
    );
    const held = await sem.acquire();
    held.release();
    held.release(); // a second release through the same value does nothing
    assert.throws(() => sem.release(), RangeError);
    assert.equal(String(sem), "<BoundedSemaphore [unlocked, value:2]>");
  });
  assert.throws(() => new BoundedSemaphore(-2), RangeError);
});
