// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { CancelledError, Event, run } from "../../mod.ts";
import { failure, PENDING, spawn, ticks } from "./_helpers.ts";

Deno.test("Event starts unset; set() and clear() flip it", () => {
  const event = new Event();
  assert.equal(event.isSet(), false);
  event.set();
  assert.equal(event.isSet(), true);
  event.clear();
  assert.equal(event.isSet(), false);
  assert.equal(String(event), "<Event [unset]>");
});

Deno.test("Event.set() wakes every waiter, and each wait() resolves to true", async () => {
  await run(async () => {
    const event = new Event();
    const woken: number[] = [];
    const tasks = [1, 2, 3].map((n) =>
      spawn(async () => {
        const value = await event.wait();
        woken.push(n);
        return value;
      })
    );
    await ticks();
    assert.equal(String(event), "<Event [unset, waiters:3]>");
    assert.deepEqual(woken, []);
    event.set();
    for (const t of tasks) assert.equal(await t, true);
    assert.deepEqual(woken, [1, 2, 3]);
    assert.equal(String(event), "<Event [set]>");
  });
});

Deno.test("Event.wait() on a set event is already settled and needs no loop", async () => {
  const event = new Event();
  event.set();
  assert.equal(await event.wait(), true); // no loop is running
  await run(async () => {
    assert.equal(await Promise.race([event.wait(), PENDING]), true);
    event.clear();
    const waiter = event.wait();
    assert.equal(await Promise.race([waiter, PENDING]), "pending");
    event.set();
    assert.equal(await waiter, true);
  });
});

Deno.test("Event: set() then clear() before the waiter runs still wakes it", async () => {
  await run(async () => {
    const event = new Event();
    const result: number[] = [];
    const t = spawn(async () => {
      if (await event.wait()) result.push(1);
    });
    await ticks();
    event.set();
    event.clear();
    assert.equal(event.isSet(), false);
    event.set();
    event.set();
    assert.equal(String(event), "<Event [set, waiters:1]>");
    await t;
    assert.deepEqual(result, [1]);
    assert.equal(String(event), "<Event [set]>");
  });
});

Deno.test("Event: a cancelled waiter is removed and others still get woken", async () => {
  await run(async () => {
    const event = new Event();
    const cancelled = spawn(() => event.wait());
    const other = spawn(() => event.wait());
    await ticks();
    cancelled.cancel();
    assert.ok(await failure(cancelled) instanceof CancelledError);
    assert.equal(String(event), "<Event [unset, waiters:1]>");
    event.set();
    assert.equal(await other, true);
  });
});
