// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { FlowControlMixin, getRunningLoop, run } from "../../mod.ts";

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
