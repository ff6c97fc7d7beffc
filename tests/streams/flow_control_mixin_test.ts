// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { CancelledError, FlowControlMixin, getRunningLoop, run, sleep } from "../../mod.ts";

Deno.test("FlowControlMixin wakes every waiting drain on resumeWriting()", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const protocol = new FlowControlMixin();
    protocol.pauseWriting();
    let drained = 0;
    loop.callLater(0.01, () => protocol.resumeWriting());
    const tasks = Array.from({ length: 10 }, () =>
      loop.createTask(async () => {
        await protocol.drainHelper();
        drained++;
      }));
    for (const t of tasks) await t;
    assert.equal(drained, 10);
  });
});

Deno.test("FlowControlMixin: a cancelled drain leaves the others waiting; connectionLost(exc) rejects them", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const protocol = new FlowControlMixin();
    protocol.pauseWriting();
    const cancelled = loop.createTask(() => protocol.drainHelper());
    const failed = loop.createTask(() => protocol.drainHelper());
    await sleep(0);
    cancelled.cancel();
    await assert.rejects(Promise.resolve(cancelled), CancelledError);
    assert.equal(failed.done(), false);
    const exc = new Error("gone");
    protocol.connectionLost(exc);
    await assert.rejects(Promise.resolve(failed), (e) => e === exc);
    await assert.rejects(protocol.drainHelper(), Deno.errors.ConnectionReset);
  });
});

Deno.test("FlowControlMixin: connectionLost(null) while paused resolves waiting drains", async () => {
  await run(async () => {
    const protocol = new FlowControlMixin();
    protocol.pauseWriting();
    const drained = protocol.drainHelper();
    protocol.connectionLost(null);
    await drained;
  });
});
