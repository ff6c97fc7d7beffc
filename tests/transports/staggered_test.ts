// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Happy Eyeballs internals: the address order and the staggered race, on virtual time.
import assert from "node:assert/strict";
import { CancelledError, type EventLoop, newEventLoop, sleep, VirtualClock } from "../../mod.ts";
import { interleaveAddresses, staggeredRace } from "../../transports/_staggered.ts";

Deno.test("interleaveAddresses(): families alternate after the first family's first N", () => {
  const hosts = ["10.0.0.1", "10.0.0.2", "fe80::1", "fe80::2", "10.0.0.3"];
  assert.deepEqual(interleaveAddresses(hosts, 1), [
    "10.0.0.1",
    "fe80::1",
    "10.0.0.2",
    "fe80::2",
    "10.0.0.3",
  ]);
  assert.deepEqual(interleaveAddresses(hosts, 2), [
    "10.0.0.1",
    "10.0.0.2",
    "fe80::1",
    "10.0.0.3",
    "fe80::2",
  ]);
  assert.deepEqual(interleaveAddresses(["::1", "127.0.0.1"], 1), ["::1", "127.0.0.1"]);
  assert.deepEqual(interleaveAddresses([], 1), []);
});

/** How one attempt ends: after `after` seconds it connects (`ok`) or fails; `hang` never ends. */
type Plan = { after: number; ok: boolean; message?: string; ignoresAbort?: boolean } | "hang";

/** Attempts that follow their plans on the loop's (virtual) time and record what happened. */
class Attempts {
  started: number[] = [];
  aborted: number[] = [];
  discarded: string[] = [];
  constructor(readonly loop: EventLoop, readonly plans: Plan[]) {}

  attempt = (index: number, signal: AbortSignal): Promise<string> => {
    this.started.push(this.loop.time());
    const { promise, resolve, reject } = Promise.withResolvers<string>();
    const plan = this.plans[index];
    if (plan === "hang" || !plan.ignoresAbort) {
      signal.addEventListener("abort", () => {
        this.aborted.push(index);
        reject(signal.reason);
      });
    }
    if (plan !== "hang") {
      this.loop.callLater(plan.after, () => {
        if (plan.ok) resolve(`conn ${index}`);
        else reject(new Deno.errors.ConnectionRefused(plan.message ?? "refused"));
      });
    }
    return promise;
  };

  race(delay: number | null): Promise<string> {
    return staggeredRace(
      this.loop,
      this.plans.length,
      this.attempt,
      delay,
      (late) => this.discarded.push(late),
    );
  }
}

function virtualLoop(): EventLoop {
  return newEventLoop({ clock: new VirtualClock() });
}

Deno.test("staggeredRace(): the next attempt starts after the delay; the winner aborts the rest", async () => {
  using loop = virtualLoop();
  const attempts = new Attempts(loop, ["hang", { after: 0.1, ok: true }, { after: 0, ok: true }]);
  assert.equal(await loop.runUntilComplete(() => attempts.race(0.25)), "conn 1");
  assert.deepEqual(attempts.started, [0, 0.25]);
  assert.equal(loop.time(), 0.35);
  assert.deepEqual(attempts.aborted, [0]);
  await loop.runUntilComplete(() => sleep(1)); // the third attempt's timer was cancelled
  assert.equal(attempts.started.length, 2);
});

Deno.test("staggeredRace(): a failed attempt starts the next at once", async () => {
  using loop = virtualLoop();
  const attempts = new Attempts(loop, [{ after: 0.05, ok: false }, { after: 0.05, ok: true }]);
  assert.equal(await loop.runUntilComplete(() => attempts.race(0.25)), "conn 1");
  assert.deepEqual(attempts.started, [0, 0.05]);
});

Deno.test("staggeredRace(): without a delay the attempts run one after the other", async () => {
  using loop = virtualLoop();
  const attempts = new Attempts(loop, [
    { after: 1, ok: false },
    { after: 1, ok: false },
    { after: 1, ok: true },
  ]);
  assert.equal(await loop.runUntilComplete(() => attempts.race(null)), "conn 2");
  assert.deepEqual(attempts.started, [0, 1, 2]);
  assert.deepEqual(attempts.aborted, []);
});

Deno.test("staggeredRace(): when all fail, one error, the first of alike ones, or an AggregateError", async () => {
  using loop = virtualLoop();
  const alike = new Attempts(loop, [{ after: 0, ok: false }, { after: 0, ok: false }]);
  await assert.rejects(loop.runUntilComplete(() => alike.race(0.25)), {
    name: "ConnectionRefused",
    message: "refused",
  });
  const different = new Attempts(loop, [
    { after: 0, ok: false, message: "no route" },
    { after: 0.5, ok: false, message: "refused" },
  ]);
  const error = await loop.runUntilComplete(() => different.race(0.25)).catch((e) => e);
  assert.ok(error instanceof AggregateError);
  assert.equal(
    error.message,
    "Multiple exceptions: ConnectionRefused: no route, ConnectionRefused: refused",
  );
  assert.deepEqual(error.errors.map((e: Error) => e.message), ["no route", "refused"]);
});

Deno.test("staggeredRace(): a connection made after another won is discarded", async () => {
  using loop = virtualLoop();
  const attempts = new Attempts(loop, [
    { after: 0.3, ok: true, ignoresAbort: true },
    { after: 0.01, ok: true },
  ]);
  assert.equal(await loop.runUntilComplete(() => attempts.race(0.25)), "conn 1");
  assert.deepEqual(attempts.discarded, []);
  await loop.runUntilComplete(() => sleep(1));
  assert.deepEqual(attempts.discarded, ["conn 0"]);
});

Deno.test("staggeredRace(): cancelling the waiting task aborts every attempt", async () => {
  using loop = virtualLoop();
  const attempts = new Attempts(loop, ["hang", "hang", "hang"]);
  const task = loop.createTask(() => attempts.race(0.25));
  loop.callLater(0.3, () => task.cancel());
  await assert.rejects(loop.runUntilComplete(task), CancelledError);
  assert.deepEqual(attempts.started, [0, 0.25]);
  assert.deepEqual(attempts.aborted.sort(), [0, 1]);
  await loop.runUntilComplete(() => sleep(1)); // no attempt starts after the cancellation
  assert.equal(attempts.started.length, 2);
});
