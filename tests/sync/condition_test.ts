// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  Condition,
  currentTask,
  getRunningLoop,
  Lock,
  newEventLoop,
  run,
  RuntimeError,
  VirtualClock,
} from "../../mod.ts";
import { failure, spawn, ticks, until } from "./_helpers.ts";

Deno.test("Condition.wait() needs the lock, releases it while waiting, and takes it back", async () => {
  await run(async () => {
    const cond = new Condition();
    await assert.rejects(
      cond.wait(),
      (e) => e instanceof RuntimeError && /un-acquired/.test(e.message),
    );
    const waiting = spawn(async () => {
      await cond.acquire();
      const result = await cond.wait();
      const locked = cond.locked();
      cond.release();
      return [result, locked];
    });
    await ticks();
    assert.equal(cond.locked(), false);
    await cond.acquire();
    cond.notify();
    await ticks(2);
    assert.equal(waiting.done(), false); // notified, but we still hold the lock
    cond.release();
    assert.deepEqual(await waiting, [true, true]);
  });
});

Deno.test("Condition.notify(n) wakes waiters in FIFO order, notifyAll() wakes the rest", async () => {
  await run(async () => {
    const cond = new Condition();
    const order: number[] = [];
    const tasks = [1, 2, 3].map((n) =>
      spawn(async () => {
        using _held = await cond.acquire();
        await cond.wait();
        order.push(n);
      })
    );
    await until(() => String(cond) === "<Condition [unlocked, waiters:3]>");
    {
      using _held = await cond.acquire();
      cond.notify(2);
    }
    await until(() => order.length === 2);
    await ticks(5);
    assert.deepEqual(order, [1, 2]);
    {
      using _held = await cond.acquire();
      cond.notifyAll();
    }
    for (const t of tasks) await t;
    assert.deepEqual(order, [1, 2, 3]);
  });
});

Deno.test("Condition.notify() and notifyAll() without the lock throw RuntimeError", () => {
  const cond = new Condition();
  assert.throws(() => cond.notify(), RuntimeError);
  assert.throws(() => cond.notifyAll(), RuntimeError);
});

Deno.test("Condition.waitFor() waits until the predicate holds and returns its value", async () => {
  await run(async () => {
    const cond = new Condition();
    let value = 0;
    let checks = 0;
    const waiter = spawn(async () => {
      using _held = await cond.acquire();
      return await cond.waitFor(() => {
        checks++;
        return value >= 2 ? `value=${value}` : "";
      });
    });
    for (let i = 0; i < 2; i++) {
      await ticks();
      using _held = await cond.acquire();
      value++;
      cond.notify();
    }
    assert.equal(await waiter, "value=2");
    assert.equal(checks, 3);
    await assert.rejects(cond.waitFor(() => false), RuntimeError);
    await assert.rejects(
      cond.waitFor(42 as unknown as () => boolean),
      (e) => e instanceof TypeError && /predicate/.test(e.message),
    );
  });
});

Deno.test("Condition shares an explicit Lock and rejects other values", async () => {
  await run(async () => {
    const lock = new Lock();
    const cond = new Condition(lock);
    await lock.acquire();
    assert.equal(cond.locked(), true);
    cond.release();
    assert.equal(lock.locked(), false);
  });
  assert.throws(
    () => new Condition({} as Lock),
    (e) => e instanceof TypeError && /Lock/.test(e.message),
  );
});

Deno.test("Condition: a waiter cancelled while waiting throws CancelledError with the lock held", async () => {
  await run(async () => {
    const cond = new Condition();
    await cond.acquire();
    const waiter = spawn(() => cond.wait());
    getRunningLoop().callSoon(() => waiter.cancel());
    assert.ok(await failure(waiter) instanceof CancelledError);
    // The waiter re-acquired the lock and never released it.
    assert.equal(cond.locked(), true);
    assert.equal(String(cond), "<Condition [locked]>");
  });
});

Deno.test("Condition: cancelled while re-acquiring a contested lock, wait() still ends with the lock", async () => {
  await run(async () => {
    const cond = new Condition();
    await cond.acquire();
    const waiter = spawn(() => cond.wait());
    await ticks();
    assert.equal(cond.locked(), false);
    await cond.acquire();
    cond.notify();
    getRunningLoop().callSoon(() => waiter.cancel());
    getRunningLoop().callSoon(() => cond.release());
    const err = await failure(waiter);
    assert.ok(err instanceof CancelledError);
    assert.equal(cond.locked(), true);
  });
});

Deno.test("Condition: cancelled after notify, while waiting for the lock, the task ends cancelled", async () => {
  await run(async () => {
    const cond = new Condition();
    let waited = false;
    const waiter = spawn(async () => {
      using _held = await cond.acquire();
      waited = true;
      await cond.wait();
    });
    await ticks();
    await cond.acquire();
    cond.notify();
    await ticks(); // the waiter moves on to re-acquire the lock
    waiter.cancel();
    await ticks();
    cond.release();
    await ticks();
    assert.ok(await failure(waiter) instanceof CancelledError);
    assert.equal(waiter.cancelled(), true);
    assert.equal(waited, true);
    assert.equal(cond.locked(), false);
  });
});

Deno.test("Condition: a waiter cancelled as it is notified passes the wakeup on (no lost wakeup)", async () => {
  const loop = newEventLoop({ clock: new VirtualClock() });
  await loop.runUntilComplete(async () => {
    const cond = new Condition();
    let state = 0;
    const consumer = () =>
      spawn(async () => {
        using _held = await cond.acquire();
        while (true) {
          await cond.waitFor(() => state !== 0);
          if (state < 0) return;
          state--;
        }
      });
    const consumers = [consumer(), consumer()];
    await ticks();
    {
      using _held = await cond.acquire();
      state++;
      cond.notify(1);
      consumers[0].cancel();
      // Wait (at most 10 ms of virtual time) for the item to be consumed.
      const me = currentTask()!;
      const timer = getRunningLoop().callLater(0.01, () => me.cancel());
      try {
        await cond.waitFor(() => state === 0);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
        me.uncancel();
      }
      timer.cancel();
      assert.equal(state, 0);
      state = -1;
      cond.notifyAll();
    }
    await consumers[1];
    assert.ok(await failure(consumers[0]) instanceof CancelledError);
  });
  loop.close();
});

Deno.test("Condition: a cancellation re-raises unchanged once the waiter has the lock again", async () => {
  await run(async () => {
    const cond = new Condition();
    await cond.acquire();
    const waiter = spawn(() => cond.wait());
    await ticks();
    // Take the lock (wait() released it) so the cancelled waiter must wait to re-acquire it.
    await cond.acquire();
    waiter.cancel("stop waiting");
    await ticks(2);
    assert.equal(waiter.done(), false);
    cond.release();
    const err = await failure(waiter);
    assert.ok(err instanceof CancelledError);
    assert.equal(err.message, "stop waiting");
    assert.equal(cond.locked(), true);
  });
});
