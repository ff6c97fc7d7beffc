// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { abortSignalFor, CancelledError, createTask, getRunningLoop, sleep } from "../../mod.ts";
import { runVirtual } from "./_util.ts";

Deno.test("abortSignalFor() aborts with the CancelledError when the future is cancelled", async () => {
  await runVirtual(async () => {
    const fut = getRunningLoop().createFuture();
    const signal = abortSignalFor(fut);
    assert.ok(!signal.aborted);
    let events = 0;
    signal.addEventListener("abort", () => events++);
    fut.cancel("stop");
    await sleep(0);
    assert.ok(signal.aborted);
    assert.ok(signal.reason instanceof CancelledError);
    assert.equal(signal.reason.message, "stop");
    assert.equal(events, 1);
  });
});

Deno.test("abortSignalFor() of a task aborts when the task ends cancelled", async () => {
  await runVirtual(async () => {
    const task = createTask(() => sleep(10));
    const signal = abortSignalFor(task);
    await sleep(1);
    task.cancel();
    await assert.rejects(async () => await task, CancelledError);
    await sleep(0);
    assert.ok(signal.aborted);
  });
});

Deno.test("abortSignalFor() never aborts for a result, an error, or a refused cancel", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const ok = loop.createFuture<number>();
    const bad = loop.createFuture<number>();
    const s1 = abortSignalFor(ok);
    const s2 = abortSignalFor(bad);
    ok.setResult(1);
    bad.setException(new Error("x"));
    bad.exception();
    const stubborn = createTask(async () => {
      try {
        await sleep(10);
      } catch {
        return "kept";
      }
    });
    const s3 = abortSignalFor(stubborn);
    await sleep(1);
    stubborn.cancel();
    assert.equal(await stubborn, "kept");
    await sleep(0);
    assert.ok(!s1.aborted && !s2.aborted && !s3.aborted);
  });
});

Deno.test("abortSignalFor() of an already cancelled future is aborted at once", async () => {
  await runVirtual(() => {
    const fut = getRunningLoop().createFuture();
    fut.cancel("early");
    const signal = abortSignalFor(fut);
    assert.ok(signal.aborted);
    assert.equal(signal.reason.message, "early");
  });
});

Deno.test("abortSignalFor() stops a web API (a ReadableStream read) on cancel", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture();
    const signal = abortSignalFor(fut);
    const stream = new ReadableStream({
      start(controller) {
        signal.addEventListener("abort", () => controller.error(signal.reason));
      },
    });
    const reader = stream.getReader();
    const read = reader.read().then(() => "read", (e) => e);
    fut.cancel("no more");
    const outcome = await read;
    assert.ok(outcome instanceof CancelledError);
    reader.releaseLock();
  });
});

Deno.test("abortSignalFor() rejects what is not awaitable", async () => {
  await runVirtual(() => {
    assert.throws(() => abortSignalFor(1 as never), /abortSignalFor\(\): expected a Future/);
  });
});
