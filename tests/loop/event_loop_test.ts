// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  type EventLoop,
  type ExceptionContext,
  Handle,
  newEventLoop,
  RuntimeError,
  sleep,
  Task,
  type TaskFactory,
  TimerHandle,
  VirtualClock,
} from "../../mod.ts";

function collectErrors(loop: EventLoop): ExceptionContext[] {
  const seen: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, ctx) => seen.push(ctx));
  return seen;
}

/** Runs `body` with `console.warn` captured; returns what it was given. */
async function capturingWarnings(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (msg: string) => warnings.push(msg);
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return warnings;
}

Deno.test("callSoon() runs callbacks in FIFO order with their arguments", async () => {
  using loop = newEventLoop();
  const order: string[] = [];
  const handle = loop.callSoon((a: string, b: string) => order.push(a + b), "x", "y");
  loop.callSoon(() => order.push("second"));
  loop.callSoon(() => loop.stop());
  assert.ok(handle instanceof Handle);
  await loop.runForever();
  assert.deepEqual(order, ["xy", "second"]);
});

Deno.test("a cancelled Handle does not run", async () => {
  using loop = newEventLoop();
  let ran = false;
  const handle = loop.callSoon(() => ran = true);
  handle.cancel();
  assert.ok(handle.cancelled());
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.equal(ran, false);
});

Deno.test("callbacks scheduled during an iteration run in the next one", async () => {
  using loop = newEventLoop();
  const order: string[] = [];
  loop.callSoon(() => {
    order.push("a");
    loop.callSoon(() => order.push("c"));
    loop.stop();
  });
  loop.callSoon(() => order.push("b"));
  await loop.runForever();
  assert.deepEqual(order, ["a", "b"]);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.deepEqual(order, ["a", "b", "c"]);
});

Deno.test("stop() before runForever() runs exactly one iteration", async () => {
  using loop = newEventLoop();
  const order: number[] = [];
  loop.callSoon(() => {
    order.push(1);
    loop.callSoon(() => order.push(2));
  });
  loop.stop();
  await loop.runForever();
  assert.deepEqual(order, [1]);
  assert.equal(loop.isRunning(), false);
});

Deno.test("callLater() fires in time order, equal times in scheduling order", async () => {
  using loop = newEventLoop({ clock: new VirtualClock() });
  const order: string[] = [];
  loop.callLater(0.3, () => order.push("c"));
  loop.callLater(0.1, () => order.push("a"));
  loop.callLater(0.2, () => order.push("b1"));
  loop.callLater(0.2, () => order.push("b2"));
  loop.callLater(0.4, () => loop.stop());
  await loop.runForever();
  assert.deepEqual(order, ["a", "b1", "b2", "c"]);
  assert.equal(loop.time(), 0.4);
});

Deno.test("callAt() schedules at an absolute time and TimerHandle.when() reports it", async () => {
  using loop = newEventLoop({ clock: new VirtualClock(10) });
  let firedAt = -1;
  const timer = loop.callAt(12.5, () => {
    firedAt = loop.time();
    loop.stop();
  });
  assert.ok(timer instanceof TimerHandle);
  assert.equal(timer.when(), 12.5);
  await loop.runForever();
  assert.equal(firedAt, 12.5);
});

Deno.test("a cancelled timer never fires, even when many are cancelled", async () => {
  using loop = newEventLoop({ clock: new VirtualClock() });
  let fired = 0;
  const timers = [];
  for (let i = 0; i < 500; i++) timers.push(loop.callLater(i / 100, () => fired++));
  for (let i = 0; i < 500; i += 2) timers[i].cancel();
  loop.callLater(10, () => loop.stop());
  await loop.runForever();
  assert.equal(fired, 250);
});

Deno.test("a timer added while the loop idles on a later one fires first", async () => {
  using loop = newEventLoop();
  const order: string[] = [];
  loop.callLater(0.05, () => {
    order.push("late");
    loop.stop();
  });
  setTimeout(() => loop.callSoonThreadsafe(() => loop.callLater(0, () => order.push("early"))), 1);
  await loop.runForever();
  assert.deepEqual(order, ["early", "late"]);
});

Deno.test("callSoonThreadsafe() wakes an idle loop from a host callback", async () => {
  using loop = newEventLoop();
  const fut = loop.createFuture<string>();
  const id = setTimeout(() => loop.callSoonThreadsafe(() => fut.setResult("woken")), 5);
  try {
    assert.equal(await loop.runUntilComplete(fut), "woken");
  } finally {
    clearTimeout(id);
  }
});

Deno.test("host I/O is not starved by an endless callback chain", async () => {
  using loop = newEventLoop();
  let hostTurn = false;
  let iterations = 0;
  const id = setTimeout(() => hostTurn = true, 1);
  const spin = () => {
    iterations++;
    if (hostTurn || iterations > 50_000_000) loop.stop();
    else loop.callSoon(spin);
  };
  loop.callSoon(spin);
  await loop.runForever();
  clearTimeout(id);
  assert.ok(hostTurn, "the host timer never got a turn");
});

Deno.test("bad arguments throw errors that say what was wrong", () => {
  using loop = newEventLoop();
  assert.throws(
    () => loop.callSoon(42 as never),
    /callSoon\(\): callback must be a function, got number 42/,
  );
  assert.throws(() => loop.callLater(-1, () => {}), RangeError);
  assert.throws(() => loop.callLater(NaN, () => {}), /got number NaN/);
  assert.throws(() => loop.callLater("1" as never, () => {}), RangeError);
  assert.throws(() => loop.callAt(NaN, () => {}), RangeError);
  assert.throws(() => loop.callLater(1, null as never), TypeError);
  assert.throws(() => loop.setExceptionHandler(3 as never), TypeError);
  assert.throws(() => loop.setTaskFactory({} as never), TypeError);
  assert.throws(() => loop.slowCallbackDuration = -1, RangeError);
});

Deno.test("a closed loop rejects new work with a clear error", async () => {
  const loop = newEventLoop();
  loop.close();
  assert.ok(loop.isClosed());
  assert.throws(
    () => loop.callSoon(() => {}),
    /Cannot call callSoon\(\): the event loop is closed/,
  );
  assert.throws(() => loop.callLater(1, () => {}), RuntimeError);
  assert.throws(() => loop.createTask(async () => {}), /createTask/);
  await assert.rejects(loop.runForever(), /runForever/);
  await assert.rejects(loop.runUntilComplete(async () => {}), RuntimeError);
  await assert.rejects(loop.createConnection(() => ({}), "127.0.0.1", 1), /closed/);
  loop.close(); // closing twice is fine
});

Deno.test("close() while running throws, and so does a nested run", async () => {
  using loop = newEventLoop();
  using other = newEventLoop();
  await loop.runUntilComplete(async () => {
    assert.throws(() => loop.close(), /Cannot close a running event loop/);
    await assert.rejects(loop.runForever(), /already running/);
    await assert.rejects(other.runForever(), /another loop is running/);
    await assert.rejects(other.runUntilComplete(async () => {}), /another loop is running/);
  });
});

Deno.test("an exception in a callback goes to the handler and the loop keeps running", async () => {
  using loop = newEventLoop();
  const seen = collectErrors(loop);
  const boom = new Error("boom");
  let after = false;
  const handle = loop.callSoon(function failing() {
    throw boom;
  });
  loop.callSoon(() => after = true);
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  assert.equal(after, true);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].exception, boom);
  assert.equal(seen[0].handle, handle);
  assert.match(seen[0].message, /Exception in callback <Handle failing>/);
});

Deno.test("the handler is called synchronously with that very context object", () => {
  using loop = newEventLoop();
  const calls: [EventLoop, ExceptionContext][] = [];
  loop.setExceptionHandler((l, ctx) => calls.push([l, ctx]));
  const ctx = { message: "hello", extra: 1 };
  loop.callExceptionHandler(ctx);
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], loop);
  assert.equal(calls[0][1], ctx);
  assert.equal(typeof loop.getExceptionHandler(), "function");
  loop.setExceptionHandler(null);
  assert.equal(loop.getExceptionHandler(), null);
});

Deno.test("the default handler logs the message and the exception with console.error", () => {
  using loop = newEventLoop();
  const logged: unknown[][] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const exc = new Error("bad");
    loop.callExceptionHandler({ message: "Something failed", exception: exc, detail: "d" });
    // A failing custom handler falls back to the default one.
    loop.setExceptionHandler(() => {
      throw new Error("handler broke");
    });
    loop.callExceptionHandler({ message: "again" });
  } finally {
    console.error = original;
  }
  assert.equal(logged.length, 2);
  assert.match(String(logged[0][0]), /Something failed\ndetail: d/);
  assert.equal((logged[0][1] as Error).message, "bad");
  assert.match(String(logged[1][0]), /Unhandled error in exception handler/);
});

Deno.test("debug mode names a task's wake-up after its task in slow-callback warnings", async () => {
  using loop = newEventLoop({ debug: true });
  loop.slowCallbackDuration = 0;
  const warnings = await capturingWarnings(async () => {
    await loop.runUntilComplete(async () => {
      const task = loop.createTask(() => sleep(0.001), { name: "sleeper" });
      await task;
    });
  });
  assert.ok(
    warnings.some((w) => /^Executing <Handle wake-up of <Task .*name='sleeper'>> took/.test(w)),
    warnings.join("\n"),
  );
  assert.ok(!warnings.some((w) => w.includes("[object Object]")), warnings.join("\n"));
});

Deno.test("debug mode times a task's whole step after an await, not only the callback that woke it", async () => {
  using loop = newEventLoop({ debug: true });
  loop.slowCallbackDuration = 0.05;
  const warnings = await capturingWarnings(async () => {
    await loop.runUntilComplete(async () => {
      const fut = loop.createFuture<number>();
      loop.callSoon(() => fut.setResult(1));
      await fut;
      const end = performance.now() + 80; // the slow step under test
      while (performance.now() < end);
    });
  });
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(
    warnings[0],
    /^Executing <Handle await of <Future finished result=1>> took 0\.\d{3} seconds$/,
  );
});

Deno.test("debug mode: callSoon(), callLater() and callAt() refuse async functions, as Python's do", () => {
  using loop = newEventLoop({ debug: true });
  const coro = async () => {};
  assert.throws(() => loop.callSoon(coro), {
    name: "TypeError",
    message: "coroutines cannot be used with callSoon()",
  });
  assert.throws(() => loop.callLater(1, coro), /coroutines cannot be used with callLater\(\)/);
  assert.throws(() => loop.callAt(loop.time(), coro), /coroutines cannot be used with callAt\(\)/);
  loop.setDebug(false);
  loop.callSoon(coro).cancel(); // outside debug mode, not checked (as in Python)
});

Deno.test("debug mode logs slow callbacks and records where handles were created", async () => {
  using loop = newEventLoop({ debug: true });
  assert.equal(loop.getDebug(), true);
  loop.slowCallbackDuration = 0;
  let handle: Handle;
  const warnings = await capturingWarnings(async () => {
    handle = loop.callSoon(function slowOne() {});
    loop.callSoon(() => loop.stop());
    await loop.runForever();
  });
  assert.ok(warnings.some((w) => /Executing <Handle slowOne> took \d+\.\d{3} seconds/.test(w)));
  assert.match(handle!.sourceTraceback ?? "", /event_loop_test/);
  loop.setDebug(false);
  assert.equal(loop.callSoon(() => {}).sourceTraceback, undefined);
});

Deno.test("runUntilComplete() returns the result or throws the error", async () => {
  using loop = newEventLoop();
  assert.equal(await loop.runUntilComplete(async () => 3), 3);
  assert.equal(await loop.runUntilComplete(Promise.resolve("p")), "p");
  await assert.rejects(
    loop.runUntilComplete(async () => {
      throw new TypeError("inner");
    }),
    TypeError,
  );
});

Deno.test("runUntilComplete() throws when the loop stops first", async () => {
  using loop = newEventLoop();
  const fut = loop.createFuture();
  loop.callSoon(() => loop.stop());
  await assert.rejects(loop.runUntilComplete(fut), /Event loop stopped before Future completed/);
});

Deno.test("time() is monotonic and in seconds", async () => {
  using loop = newEventLoop();
  const t0 = loop.time();
  await loop.runUntilComplete(async () => {
    const fut = loop.createFuture();
    loop.callLater(0.02, () => fut.setResult(null));
    await fut;
  });
  const elapsed = loop.time() - t0;
  assert.ok(elapsed >= 0.019 && elapsed < 5, `elapsed ${elapsed}`);
});

Deno.test("a task factory builds the loop's tasks", async () => {
  using loop = newEventLoop();
  const seen: (string | undefined)[] = [];
  const factory: TaskFactory = (l, coro, opts) => {
    seen.push(opts.name);
    return new Task(coro, { loop: l, name: `custom-${opts.name}` });
  };
  loop.setTaskFactory(factory);
  assert.equal(loop.getTaskFactory(), factory);
  const task = loop.createTask(async () => 9, { name: "nine" });
  assert.equal(await loop.runUntilComplete(task), 9);
  assert.deepEqual(seen, ["nine"]);
  assert.equal(task.getName(), "nine"); // createTask applies the requested name, as Python does
  loop.setTaskFactory(null);
  assert.equal(loop.getTaskFactory(), null);
});

Deno.test("close() reports pending tasks and exceptions nobody retrieved", async () => {
  const loop = newEventLoop();
  const seen = collectErrors(loop);
  const never = loop.createFuture();
  loop.createTask(() => never, { name: "stuck" });
  const failed = loop.createFuture();
  failed.setException(new Error("lost"));
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  loop.close();
  const messages = seen.map((c) => c.message).sort();
  assert.deepEqual(messages, [
    "Future exception was never retrieved",
    "Task was destroyed but it is pending!",
  ]);
  assert.equal((seen.find((c) => c.exception)!.exception as Error).message, "lost");
});

Deno.test("a retrieved exception is not reported at close", () => {
  const loop = newEventLoop();
  const seen = collectErrors(loop);
  const failed = loop.createFuture();
  failed.setException(new Error("seen"));
  assert.equal((failed.exception() as Error).message, "seen");
  loop.close();
  assert.equal(seen.length, 0);
});

Deno.test("EventLoop supports using and await using", async () => {
  let outer: EventLoop;
  {
    using loop = newEventLoop();
    outer = loop;
  }
  assert.ok(outer.isClosed());
  {
    await using loop = newEventLoop();
    outer = loop;
  }
  assert.ok(outer.isClosed());
  assert.match(String(outer), /<EventLoop running=false closed=true/);
});

Deno.test("an executor result that arrives after close() is dropped, not thrown", async () => {
  const loop = newEventLoop();
  const gate = Promise.withResolvers<number>();
  const executor = {
    submit: <R>() => gate.promise as Promise<Awaited<R>>,
    shutdown: () => Promise.resolve(),
  };
  const fut = loop.runInExecutor(executor, () => 1);
  loop.close();
  gate.resolve(1);
  await gate.promise; // the library's handler, registered first, has run by now
  assert.equal(fut.done(), false);
});
