// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  DefaultEventLoopPolicy,
  getEventLoop,
  getEventLoopPolicy,
  getRunningLoop,
  newEventLoop,
  run,
  Runner,
  RuntimeError,
  setEventLoop,
  setEventLoopPolicy,
  sleep,
  VirtualClock,
} from "../../mod.ts";

Deno.test("run() returns the result of main and closes its loop", async () => {
  let loopSeen;
  const value = await run(async () => {
    loopSeen = getRunningLoop();
    await sleep(0);
    return "ok";
  });
  assert.equal(value, "ok");
  assert.ok(loopSeen!.isClosed());
});

Deno.test("run() rethrows main's error", async () => {
  await assert.rejects(
    run(async () => {
      throw new URIError("bad");
    }),
    URIError,
  );
});

Deno.test("run() cancels the tasks left when main returns, running their cleanup", async () => {
  const steps: string[] = [];
  await run(async () => {
    createTask(async () => {
      try {
        await sleep(3600);
      } catch (e) {
        steps.push(e instanceof CancelledError ? "cancelled" : "other");
        throw e;
      } finally {
        steps.push("finally");
      }
    });
    await sleep(0);
  }, { clock: new VirtualClock() });
  assert.deepEqual(steps, ["cancelled", "finally"]);
});

Deno.test("run() cannot be called from a running loop", async () => {
  await run(async () => {
    await assert.rejects(run(async () => {}), /cannot be called from a running event loop/);
  });
});

Deno.test("run() with debug turns on debug mode", async () => {
  await run(async () => {
    assert.equal(getRunningLoop().getDebug(), true);
  }, { debug: true });
});

Deno.test("Runner runs several mains on one loop, then closes", async () => {
  let first, second;
  {
    await using runner = new Runner();
    first = await runner.run(async () => getRunningLoop());
    second = await runner.run(async () => getRunningLoop());
    assert.equal(runner.getLoop(), first);
  }
  assert.equal(first, second);
  assert.ok(first.isClosed());
  const runner = new Runner();
  await runner.close();
  await assert.rejects(runner.run(async () => {}), /Runner is closed/);
});

Deno.test("getEventLoop() returns the running loop, else the current one", async () => {
  await run(async () => {
    assert.equal(getEventLoop(), getRunningLoop());
  });
  const loop = newEventLoop();
  setEventLoop(loop);
  assert.equal(getEventLoop(), loop);
  setEventLoop(null);
  const created = getEventLoop();
  assert.notEqual(created, loop);
  setEventLoop(null);
  created.close();
  loop.close();
});

Deno.test("getRunningLoop() throws outside a running loop", () => {
  assert.throws(() => getRunningLoop(), RuntimeError);
});

Deno.test("the policy functions are thin shims with type checks", () => {
  const policy = new DefaultEventLoopPolicy();
  setEventLoopPolicy(policy);
  assert.equal(getEventLoopPolicy(), policy);
  setEventLoopPolicy(null);
  assert.notEqual(getEventLoopPolicy(), policy);
  assert.throws(() => setEventLoopPolicy({} as never), TypeError);
  assert.throws(() => setEventLoop({} as never), TypeError);
});

Deno.test("virtual time: an hour of sleeps finishes at once and deterministically", async () => {
  const loop = newEventLoop({ clock: new VirtualClock() });
  const wall = performance.now();
  const stamps: number[] = [];
  await loop.runUntilComplete(async () => {
    for (let i = 0; i < 60; i++) {
      await sleep(60);
      stamps.push(loop.time());
    }
  });
  loop.close();
  assert.equal(stamps.length, 60);
  assert.equal(stamps[59], 3600);
  assert.ok(performance.now() - wall < 5000);
});

Deno.test("VirtualClock moves only forward", () => {
  const clock = new VirtualClock(5);
  clock.advanceTo(3);
  assert.equal(clock.now(), 5);
  clock.advance(2.5);
  assert.equal(clock.now(), 7.5);
  assert.throws(() => clock.advance(-1), RangeError);
});
