// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  currentTask,
  getRunningLoop,
  newEventLoop,
  RuntimeError,
  sleep,
  Timeout,
  timeout,
  timeoutAt,
  TimeoutError,
} from "../../mod.ts";
import { runVirtual } from "./_util.ts";

Deno.test("timeout() throws TimeoutError when the body outlives the deadline", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    let cm: Timeout | null = null;
    await assert.rejects(
      timeout(0.5, async (t) => {
        cm = t;
        await sleep(10);
      }),
      TimeoutError,
    );
    assert.equal(loop.time() - t0, 0.5);
    assert.ok(cm!.expired());
    assert.equal(String(cm), "<Timeout [expired]>");
  });
});

Deno.test("timeout() resolves to the body's value and does not expire afterwards", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    let cm: Timeout | null = null;
    const value = await timeout(10, async (t) => {
      cm = t;
      assert.match(String(t), /^<Timeout \[active\] when=\d+(\.\d+)?>$/);
      await sleep(1);
      return 42;
    });
    assert.equal(value, 42);
    assert.ok(!cm!.expired());
    assert.ok(cm!.when()! > loop.time());
    assert.equal(String(cm), "<Timeout [finished]>");
    await sleep(20); // the disarmed deadline does not cancel the task later
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("timeoutAt() expires at the given loop time and keeps when()", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const deadline = loop.time() + 3;
    let cm: Timeout | null = null;
    await assert.rejects(
      timeoutAt(deadline, async (t) => {
        cm = t;
        await sleep(10);
      }),
      TimeoutError,
    );
    assert.equal(loop.time(), deadline);
    assert.equal(cm!.when(), deadline);
    assert.ok(cm!.expired());
  });
});

Deno.test("timeout(null) and timeoutAt(null) never expire", async () => {
  await runVirtual(async () => {
    const a = await timeout(null, async (t) => {
      assert.equal(t.when(), null);
      assert.equal(String(t), "<Timeout [active] when=null>");
      await sleep(1e6);
      return "a";
    });
    const b = await timeoutAt(null, async (t) => {
      await sleep(1e6);
      return t.expired() ? "expired" : "b";
    });
    assert.deepEqual([a, b], ["a", "b"]);
  });
});

Deno.test("timeout(0) and a deadline in the past expire at the first suspension", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    let cm: Timeout | null = null;
    await assert.rejects(
      timeout(0, async (t) => {
        cm = t;
        await sleep(0);
      }),
      TimeoutError,
    );
    assert.ok(cm!.expired());
    assert.equal(cm!.when(), t0);
    await assert.rejects(timeout(-11, () => sleep(0)), TimeoutError);
    assert.equal(loop.time(), t0);
  });
});

Deno.test("the body sees a CancelledError at its await when the deadline passes", async () => {
  await runVirtual(async () => {
    let seen: unknown = null;
    const error = await timeout(0.01, async () => {
      try {
        await sleep(10);
      } catch (e) {
        seen = e;
        throw e;
      }
    }).catch((e) => e);
    assert.ok(seen instanceof CancelledError);
    assert.ok(error instanceof TimeoutError);
    assert.equal(error.name, "TimeoutError");
    assert.ok(error instanceof DOMException);
    assert.equal((error as { cause?: unknown }).cause, seen);
  });
});

Deno.test("only the outermost of two timeouts with the same deadline throws TimeoutError", async () => {
  await runVirtual(async () => {
    const deadline = getRunningLoop().time() + 0.01;
    let innerCancelled = false;
    let cm1: Timeout | null = null;
    let cm2: Timeout | null = null;
    await assert.rejects(
      timeoutAt(deadline, async (t1) => {
        cm1 = t1;
        try {
          await timeoutAt(deadline, async (t2) => {
            cm2 = t2;
            await sleep(10);
          });
        } catch (e) {
          assert.ok(e instanceof CancelledError, `inner saw ${e}`);
          innerCancelled = true;
          throw e;
        }
      }),
      TimeoutError,
    );
    assert.ok(innerCancelled);
    assert.ok(cm1!.expired() && cm2!.expired());
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("an inner timeout that expires first is caught inside; the outer keeps running", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    const log: string[] = [];
    await assert.rejects(
      timeout(5, async () => {
        try {
          await timeout(1, () => sleep(10));
        } catch (e) {
          log.push(e instanceof TimeoutError ? "inner timeout" : `other ${e}`);
        }
        log.push(`at ${loop.time() - t0}`);
        await sleep(10); // interrupted by the outer deadline
        log.push("not reached");
      }),
      TimeoutError,
    );
    assert.deepEqual(log, ["inner timeout", "at 1"]);
    assert.equal(loop.time() - t0, 5);
  });
});

Deno.test("an outer timeout expiring first cancels through an inner one as CancelledError", async () => {
  await runVirtual(async () => {
    let inner: unknown = null;
    await assert.rejects(
      timeout(1, async () => {
        try {
          await timeout(5, () => sleep(10));
        } catch (e) {
          inner = e;
          throw e;
        }
      }),
      TimeoutError,
    );
    assert.ok(inner instanceof CancelledError);
  });
});

Deno.test("an error other than the cancellation passes through, expired or not", async () => {
  await runVirtual(async () => {
    let cm: Timeout | null = null;
    await assert.rejects(
      timeout(0.01, (t) => {
        cm = t;
        throw new RangeError("foreign");
      }),
      RangeError,
    );
    assert.ok(!cm!.expired());
    // The body turns the cancellation into another error while expiring.
    await assert.rejects(
      timeout(0.01, async () => {
        try {
          await sleep(1);
        } finally {
          // deno-lint-ignore no-unsafe-finally
          throw new SyntaxError("in finally");
        }
      }),
      SyntaxError,
    );
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("a cancellation from outside propagates as CancelledError, not TimeoutError", async () => {
  await runVirtual(async () => {
    let cm: Timeout | null = null;
    await assert.rejects(
      timeout(10, async (t) => {
        cm = t;
        currentTask()!.cancel();
        await sleep(10);
      }),
      CancelledError,
    );
    assert.ok(!cm!.expired());
    assert.equal(currentTask()!.uncancel(), 0);
  });
});

Deno.test("an outside cancel racing the deadline wins: CancelledError propagates", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const started = loop.createFuture<Timeout>();
    const task = createTask(() =>
      timeout(1, async (t) => {
        started.setResult(t);
        await sleep(10);
      })
    );
    const cm = await started;
    // Both cancel requests land in the same iteration.
    loop.callAt(cm.when()!, () => task.cancel("outside"));
    await assert.rejects(async () => await task, CancelledError);
    assert.ok(task.cancelled());
    assert.ok(cm.expired());
  });
});

Deno.test("a task using timeout() is not cancelled itself after the TimeoutError", async () => {
  await runVirtual(async () => {
    const task = createTask(async () => {
      await assert.rejects(timeout(0.001, () => sleep(10)), TimeoutError);
      await sleep(1); // later awaits are not cancelled
      return "done";
    });
    assert.equal(await task, "done");
    assert.ok(!task.cancelled());
    assert.equal(task.cancelling(), 0);
  });
});

Deno.test("reschedule() moves, extends and disarms the deadline", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture<Timeout>();
    const deadline1 = loop.time() + 10;
    const deadline2 = deadline1 + 20;
    const task = createTask(() =>
      timeoutAt(deadline1, async (cm) => {
        fut.setResult(cm);
        await sleep(50);
      })
    );
    const cm = await fut;
    assert.equal(cm.when(), deadline1);
    cm.reschedule(deadline2);
    assert.equal(cm.when(), deadline2);
    cm.reschedule(null);
    assert.equal(cm.when(), null);
    await sleep(40); // past both deadlines: disarmed
    assert.ok(!task.done());
    task.cancel();
    await assert.rejects(async () => await task, CancelledError);
    assert.ok(!cm.expired());
  });
});

Deno.test("reschedule() to an earlier time or the past expires accordingly", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const t0 = loop.time();
    await assert.rejects(
      timeout(100, async (t) => {
        t.reschedule(loop.time() + 2);
        await sleep(50);
      }),
      TimeoutError,
    );
    assert.equal(loop.time() - t0, 2);
    await assert.rejects(
      timeout(null, async (t) => {
        t.reschedule(loop.time() - 1);
        await sleep(50);
      }),
      TimeoutError,
    );
    assert.equal(loop.time() - t0, 2);
  });
});

Deno.test("reschedule() outside the active state throws RuntimeError", async () => {
  await runVirtual(async () => {
    const fresh = new Timeout(1);
    assert.throws(() => fresh.reschedule(2), {
      name: "RuntimeError",
      message: "Timeout has not been entered",
    });
    let cm: Timeout | null = null;
    await timeout(1, (t) => {
      cm = t;
    });
    assert.throws(() => cm!.reschedule(2), /Cannot change state of finished Timeout/);
    let expiredCm: Timeout | null = null;
    await assert.rejects(
      timeout(0, async (t) => {
        expiredCm = t;
        await sleep(1);
      }),
      TimeoutError,
    );
    assert.throws(() => expiredCm!.reschedule(2), /Cannot change state of expired Timeout/);
  });
});

Deno.test("a nested timeout in a finally block of an expired one works", async () => {
  await runVirtual(async () => {
    let innerTimedOut = false;
    await assert.rejects(
      timeout(0.01, async () => {
        try {
          await sleep(1);
        } finally {
          await timeout(0.01, () => sleep(10)).catch((e) => {
            innerTimedOut = e instanceof TimeoutError;
          });
        }
      }),
      TimeoutError,
    );
    assert.ok(innerTimedOut);
  });
});

Deno.test("timeout() after a handled cancellation still times out", async () => {
  await runVirtual(async () => {
    const task = currentTask()!;
    try {
      task.cancel();
      await sleep(1);
    } catch (e) {
      assert.ok(e instanceof CancelledError);
    }
    // The request is still counted (not uncancelled): timeout() must only
    // convert its own cancellation.
    await assert.rejects(timeout(0, () => sleep(1)), TimeoutError);
    await assert.rejects(
      timeout(1, async () => {
        task.cancel();
        await sleep(2);
      }),
      CancelledError,
    );
    assert.equal(task.cancelling(), 2);
    task.uncancel();
    task.uncancel();
  });
});

Deno.test("a body that finishes after expiry without awaiting returns normally", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const value = await timeout(0, async (t) => {
      // Expires during this await of a plain promise, which cannot be interrupted.
      const wake = loop.createFuture<void>();
      loop.callSoon(() => loop.callSoon(() => wake.setResult()));
      await new Promise<void>((resolve) => wake.addDoneCallback(() => resolve()));
      assert.ok(t.expired());
      return "finished anyway";
    });
    assert.equal(value, "finished anyway");
    assert.equal(currentTask()!.cancelling(), 0);
    await sleep(0); // no stray cancellation left
  });
});

Deno.test("timeout() with an AbortSignal: aborting cancels the body and throws the reason", async () => {
  await runVirtual(async () => {
    const controller = new AbortController();
    const loop = getRunningLoop();
    loop.callLater(1, () => controller.abort(new Error("user abort")));
    let cm: Timeout | null = null;
    await assert.rejects(
      timeout(10, async (t) => {
        cm = t;
        await sleep(5);
      }, { signal: controller.signal }),
      { message: "user abort" },
    );
    assert.equal(loop.time(), 1);
    assert.ok(!cm!.expired());
    assert.equal(currentTask()!.cancelling(), 0);
    // Already aborted: the body does not run.
    let ran = false;
    await assert.rejects(
      timeout(null, () => {
        ran = true;
      }, { signal: AbortSignal.abort(new Error("early")) }),
      { message: "early" },
    );
    assert.ok(!ran);
    // The default reason of abort() is the web's AbortError.
    const c2 = new AbortController();
    loop.callSoon(() => c2.abort());
    await assert.rejects(timeout(null, () => sleep(5), { signal: c2.signal }), {
      name: "AbortError",
    });
  });
});

Deno.test("timeout() with a signal that never aborts behaves as without", async () => {
  await runVirtual(async () => {
    const controller = new AbortController();
    assert.equal(await timeout(1, () => sleep(0.5, "ok"), { signal: controller.signal }), "ok");
    await assert.rejects(timeout(1, () => sleep(5), { signal: controller.signal }), TimeoutError);
    controller.abort(); // after the block: no effect
    await sleep(0);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("timeout() rejects bad input and use outside a task", async () => {
  await assert.rejects(timeout(1, () => {}), {
    name: "RuntimeError",
    message: /inside a task/,
  });
  await runVirtual(async () => {
    await assert.rejects(timeout(Number.NaN, () => {}), RangeError);
    await assert.rejects(
      timeout("1" as never, () => {}),
      /expected a time in seconds or null, got string "1"/,
    );
    await assert.rejects(timeout(1, 5 as never), /body must be a function, got number 5/);
    await assert.rejects(
      timeout(1, () => {}, { signal: {} as never }),
      /signal must be an AbortSignal/,
    );
    assert.throws(() => new Timeout(Number.NaN), RangeError);
  });
  // Running loop, but in a plain callback (not a task).
  const loop = newEventLoop();
  try {
    const fut = loop.createFuture<unknown>();
    loop.callSoon(() => {
      timeout(1, () => {}).then(
        () => fut.setResult("resolved"),
        (e) => fut.setResult(e),
      );
    });
    const error = await loop.runUntilComplete(fut);
    assert.ok(error instanceof RuntimeError);
    assert.match((error as Error).message, /inside a task/);
  } finally {
    loop.close();
  }
});

Deno.test("an expiry during a plain-promise await is delivered at the next loop await", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const log: string[] = [];
    await assert.rejects(
      timeout(1, async () => {
        const later = loop.createFuture<void>();
        loop.callLater(2, () => later.setResult());
        // A native promise: the kernel cannot interrupt this await.
        await new Promise<void>((resolve) => later.addDoneCallback(() => resolve()));
        log.push(`resumed at ${loop.time()}`);
        await sleep(10); // the pending cancellation lands here at once
        log.push("not reached");
      }),
      TimeoutError,
    );
    assert.deepEqual(log, ["resumed at 2"]);
    assert.equal(loop.time(), 2);
  });
});

Deno.test("an expiry in the iteration where the awaited future completes still times out", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture<string>();
    const deadline = loop.time() + 1;
    // Same deadline: the future completes first, but the task resumes only on
    // the next iteration, after the expiry: the result is lost (as in Python).
    loop.callAt(deadline, () => fut.setResult("too late"));
    const pending = timeoutAt(deadline, () => fut);
    await assert.rejects(pending, TimeoutError);
    assert.equal(fut.result(), "too late");
  });
});
