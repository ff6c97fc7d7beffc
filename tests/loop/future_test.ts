// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  Future,
  InvalidStateError,
  isFuture,
  newEventLoop,
  run,
  RuntimeError,
} from "../../mod.ts";

Deno.test("a pending future has no result and no exception yet", () => {
  using loop = newEventLoop();
  const fut = loop.createFuture<number>();
  assert.equal(fut.done(), false);
  assert.equal(fut.cancelled(), false);
  assert.equal(fut.getLoop(), loop);
  assert.throws(() => fut.result(), InvalidStateError);
  assert.throws(() => fut.exception(), InvalidStateError);
  assert.equal(String(fut), "<Future pending>");
});

Deno.test("setResult() makes the future done with that result", () => {
  using loop = newEventLoop();
  const fut = loop.createFuture<number>();
  fut.setResult(5);
  assert.ok(fut.done());
  assert.equal(fut.result(), 5);
  assert.equal(fut.exception(), null);
  assert.equal(String(fut), "<Future finished result=5>");
  assert.throws(
    () => fut.setResult(6),
    /setResult\(\): <Future finished result=5> is already done/,
  );
  assert.throws(() => fut.setException(new Error()), InvalidStateError);
  assert.equal(fut.cancel(), false);
});

Deno.test("setException() makes result() throw that error", () => {
  using loop = newEventLoop();
  const fut = loop.createFuture();
  const err = new RangeError("nope");
  fut.setException(err);
  assert.throws(() => fut.result(), (e) => e === err);
  assert.equal(fut.exception(), err);
  assert.throws(() => loop.createFuture().setException(undefined), TypeError);
});

Deno.test("cancel() makes result() throw CancelledError with the message", () => {
  using loop = newEventLoop();
  const fut = loop.createFuture();
  assert.equal(fut.cancel("stop it"), true);
  assert.ok(fut.cancelled() && fut.done());
  assert.throws(() => fut.result(), (e) => e instanceof CancelledError && e.message === "stop it");
  assert.throws(() => fut.exception(), CancelledError);
  assert.equal(fut.cancel(), false);
});

Deno.test("done callbacks are scheduled with callSoon, in order, never synchronously", async () => {
  using loop = newEventLoop();
  const fut = loop.createFuture<string>();
  const calls: string[] = [];
  fut.addDoneCallback((f) => calls.push(`a:${f.result()}`));
  fut.addDoneCallback((f) => calls.push(`b:${f.result()}`));
  fut.setResult("r");
  assert.equal(calls.length, 0);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.deepEqual(calls, ["a:r", "b:r"]);
  // A callback added to a done future is scheduled at once.
  fut.addDoneCallback(() => calls.push("late"));
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.deepEqual(calls, ["a:r", "b:r", "late"]);
});

Deno.test("removeDoneCallback() removes every registration and returns the count", async () => {
  using loop = newEventLoop();
  const fut = loop.createFuture();
  let count = 0;
  const cb = () => count++;
  fut.addDoneCallback(cb);
  fut.addDoneCallback(cb);
  fut.addDoneCallback(() => count += 10);
  assert.equal(fut.removeDoneCallback(cb), 2);
  assert.equal(fut.removeDoneCallback(cb), 0);
  fut.setResult(null);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.equal(count, 10);
  assert.throws(() => fut.addDoneCallback("x" as never), TypeError);
});

Deno.test("awaiting a future yields its result, error or CancelledError", async () => {
  await run(async () => {
    const loop = (await import("../../mod.ts")).getRunningLoop();
    const a = loop.createFuture<number>();
    loop.callSoon(() => a.setResult(1));
    assert.equal(await a, 1);
    const b = loop.createFuture();
    loop.callSoon(() => b.setException(new SyntaxError("s")));
    await assert.rejects(Promise.resolve(b), SyntaxError);
    const c = loop.createFuture();
    loop.callSoon(() => c.cancel("gone"));
    await assert.rejects(
      Promise.resolve(c),
      (e) => e instanceof CancelledError && e.message === "gone",
    );
  });
});

Deno.test("then() chains like a promise", async () => {
  await run(async () => {
    const loop = (await import("../../mod.ts")).getRunningLoop();
    const fut = loop.createFuture<number>();
    const chained = fut.then((v) => v * 2).then((v) => v + 1);
    fut.setResult(20);
    assert.equal(await chained, 41);
    const failing = loop.createFuture<number>();
    const recovered = failing.then(undefined, (e: Error) => `caught ${e.message}`);
    failing.setException(new Error("x"));
    assert.equal(await recovered, "caught x");
  });
});

Deno.test("a task cannot await a future of another loop", async () => {
  using other = newEventLoop();
  const foreign = other.createFuture();
  await run(async () => {
    await assert.rejects(Promise.resolve().then(async () => await foreign), RuntimeError);
  });
});

Deno.test("new Future() binds to the running loop, and needs one", async () => {
  assert.throws(() => new Future(), /new Future\(\) needs an event loop/);
  await run(async () => {
    const fut = new Future<number>();
    assert.ok(isFuture(fut));
    assert.ok(!isFuture(Promise.resolve()));
    fut.getLoop().callSoon(() => fut.setResult(3));
    assert.equal(await fut, 3);
  });
});

Deno.test("an unretrieved exception's context has no sourceTraceback key outside debug mode", () => {
  const loop = newEventLoop();
  const keys: string[][] = [];
  loop.setExceptionHandler((_l, ctx) => keys.push(Object.keys(ctx).sort()));
  const fut = loop.createFuture();
  fut.setException(new RangeError("x"));
  loop.close(); // reports the unretrieved exception
  assert.deepEqual(keys, [["exception", "future", "message"]]);
});
