// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createTask,
  currentTask,
  getRunningLoop,
  Queue,
  sleep,
  StreamReader,
  TimeoutError,
  wait,
  waitFor,
} from "../../mod.ts";
import { runVirtual } from "./_util.ts";

Deno.test("waitFor() resolves to the result when it comes in time", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture<string>();
    loop.callLater(1, () => fut.setResult("ok"));
    assert.equal(await waitFor(fut, 2), "ok");
    assert.equal(await waitFor(() => sleep(1, "thunk"), 2), "thunk");
    assert.equal(await waitFor(createTask(() => sleep(1, "task")), 2), "task");
    assert.equal(await waitFor(Promise.resolve("promise"), 2), "promise");
    assert.equal(loop.time(), 3);
  });
});

Deno.test("waitFor() times out: cancels the future and throws TimeoutError", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture<string>();
    const t0 = loop.time();
    const error = await waitFor(fut, 0.5).catch((e) => e);
    assert.ok(error instanceof TimeoutError);
    assert.ok((error as { cause?: unknown }).cause instanceof CancelledError);
    assert.equal(loop.time() - t0, 0.5);
    assert.ok(fut.cancelled());
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("waitFor() on a task cancels it and waits for it to finish", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const log: string[] = [];
    const task = createTask(async () => {
      try {
        await sleep(10);
      } catch (e) {
        log.push(`cancelled at ${loop.time()}`);
        await sleep(2); // cleanup takes time
        log.push(`cleaned up at ${loop.time()}`);
        throw e;
      }
    });
    await assert.rejects(waitFor(task, 1), TimeoutError);
    assert.deepEqual(log, ["cancelled at 1", "cleaned up at 3"]);
    assert.equal(loop.time(), 3);
    assert.ok(task.cancelled());
  });
});

Deno.test("waitFor() of an async function runs it in the current task", async () => {
  await runVirtual(async () => {
    const me = currentTask();
    let seen: unknown = null;
    await waitFor(() => {
      seen = currentTask();
      return sleep(0);
    }, 1);
    assert.equal(seen, me);
  });
});

Deno.test("waitFor(): an inner that suppresses the cancellation returns its value", async () => {
  await runVirtual(async () => {
    const result = await waitFor(async () => {
      try {
        await sleep(1);
      } catch (e) {
        assert.ok(e instanceof CancelledError);
      }
      return 1;
    }, 0.01);
    assert.equal(result, 1);
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("waitFor(): an error raised during the cancellation passes through", async () => {
  await runVirtual(async () => {
    class FooError extends Error {}
    await assert.rejects(
      waitFor(async () => {
        try {
          await sleep(60);
        } catch {
          throw new FooError("during cancel");
        }
      }, 1),
      FooError,
    );
    const task = createTask(async () => {
      try {
        await sleep(60);
      } catch {
        throw new FooError("task during cancel");
      }
    });
    await assert.rejects(waitFor(task, 1), FooError);
  });
});

Deno.test("waitFor() with timeout null waits as long as it takes", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    assert.equal(await waitFor(() => sleep(1e6, "late"), null), "late");
    assert.equal(loop.time(), 1e6);
  });
});

Deno.test("waitFor() with timeout <= 0: result if done, else cancel and time out", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const done = loop.createFuture<string>();
    done.setResult("done");
    assert.equal(await waitFor(done, 0), "done");
    const failed = loop.createFuture<string>();
    failed.setException(new Error("failed"));
    await assert.rejects(waitFor(failed, -1), { message: "failed" });

    const pending = loop.createFuture<string>();
    await assert.rejects(waitFor(pending, 0), TimeoutError);
    assert.ok(pending.cancelled());

    let ran = false;
    await assert.rejects(
      waitFor(() => {
        ran = true;
      }, 0),
      TimeoutError,
    );
    assert.ok(!ran); // the coroutine never started (Python: its task was cancelled first)

    // A task that refuses the cancellation: its result is returned.
    const stubborn = createTask(async () => {
      try {
        await sleep(10);
      } catch {
        return "kept";
      }
    });
    await sleep(0);
    assert.equal(await waitFor(stubborn, 0), "kept");
    assert.equal(loop.time(), 0);
  });
});

Deno.test("waitFor() of a promise that never settles still times out", async () => {
  await runVirtual(async () => {
    const never = new Promise<never>(() => {});
    await assert.rejects(waitFor(never, 5), TimeoutError);
    await assert.rejects(waitFor(never, 0), TimeoutError);
  });
});

Deno.test("waitFor() of a rejected promise rejects with its error", async () => {
  await runVirtual(async () => {
    await assert.rejects(waitFor(Promise.reject(new Error("nope")), 5), { message: "nope" });
  });
});

Deno.test("cancelling the task in waitFor() cancels the inner future", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const inner = loop.createFuture<string>();
    const outer = createTask(() => waitFor(inner, 10));
    await sleep(1);
    outer.cancel("stop");
    await assert.rejects(async () => await outer, CancelledError);
    assert.ok(inner.cancelled());
    assert.ok(outer.cancelled());

    const innerTask = createTask(() => sleep(100));
    const outer2 = createTask(() => waitFor(innerTask, null));
    await sleep(1);
    outer2.cancel();
    await assert.rejects(async () => await outer2, CancelledError);
    assert.ok(innerTask.cancelled());
  });
});

Deno.test("a task that cancels itself in waitFor() gets CancelledError, not TimeoutError", async () => {
  await runVirtual(async () => {
    const task = createTask(() =>
      waitFor(async () => {
        currentTask()!.cancel();
        await sleep(10);
      }, 5)
    );
    await assert.rejects(async () => await task, CancelledError);
    assert.ok(task.cancelled());
  });
});

Deno.test("waitFor() with an AbortSignal: aborting cancels the inner and throws the reason", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const controller = new AbortController();
    const inner = loop.createFuture<string>();
    loop.callLater(1, () => controller.abort(new Error("aborted by user")));
    await assert.rejects(waitFor(inner, 10, { signal: controller.signal }), {
      message: "aborted by user",
    });
    assert.ok(inner.cancelled());
    assert.equal(loop.time(), 1);
    // Already aborted: cancels at once.
    const inner2 = loop.createFuture<string>();
    await assert.rejects(waitFor(inner2, null, { signal: controller.signal }), {
      message: "aborted by user",
    });
    assert.ok(inner2.cancelled());
    // AbortSignal.timeout() style reasons pass through with their name.
    const c3 = new AbortController();
    loop.callSoon(() => c3.abort(new DOMException("too slow", "TimeoutError")));
    await assert.rejects(waitFor(() => sleep(100), null, { signal: c3.signal }), {
      name: "TimeoutError",
      message: "too slow",
    });
    assert.equal(currentTask()!.cancelling(), 0);
  });
});

Deno.test("waitFor() rejects bad input", async () => {
  await runVirtual(async () => {
    await assert.rejects(waitFor(() => 1, Number.NaN), RangeError);
    await assert.rejects(waitFor(() => 1, "1" as never), /expected timeout in seconds or null/);
    await assert.rejects(waitFor(42 as never, 1), /waitFor\(\): expected a Future.*got number 42/);
  });
  await assert.rejects(waitFor(() => 1, 1), { name: "RuntimeError" });
});

Deno.test("waitFor(task, 0) waits for the task's cleanup and chains the CancelledError", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    let cleanedUpAt = -1;
    const inner = createTask(async () => {
      try {
        await sleep(10);
      } catch (e) {
        await sleep(0.5);
        cleanedUpAt = loop.time();
        throw e;
      }
    });
    await sleep(0.1);
    const error = await waitFor(inner, 0).catch((e) => e);
    assert.ok(error instanceof TimeoutError);
    assert.ok((error as { cause?: unknown }).cause instanceof CancelledError);
    assert.equal(cleanedUpAt, 0.6);
    assert.equal(loop.time(), 0.6);
  });
});

Deno.test("a task cancelled right after waitFor() returned is cancelled at its next await", async () => {
  await runVirtual(async () => {
    let reachedEnd = false;
    const task = createTask(async () => {
      await waitFor(async () => {}, 100);
      await sleep(1);
      reachedEnd = true;
    });
    await sleep(0);
    assert.ok(!task.done());
    task.cancel();
    await assert.rejects(async () => await task, CancelledError);
    assert.ok(!reachedEnd);
  });
});

Deno.test("waitFor() of a coroutine that ignores cancellation returns when it finishes", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    let exited = false;
    const slow = async () => {
      const exitAt = loop.time() + 0.2;
      while (loop.time() < exitAt) {
        try {
          await sleep(exitAt - loop.time());
        } catch {
          // ignore the cancel request
        }
      }
      exited = true;
      return "slow";
    };
    const waiter = createTask(() => waitFor(slow, 0.4));
    await sleep(0);
    waiter.cancel();
    await wait([waiter]);
    assert.ok(exited);
    // The cancel request was swallowed by the coroutine; waitFor() returned.
    assert.equal(waiter.result(), "slow");
    // Timing out: waitFor() still waits for the coroutine to end, then returns its value.
    exited = false;
    assert.equal(await waitFor(slow, 0.1), "slow");
    assert.ok(exited);
  });
});

Deno.test("a waitFor() task cancelled before it starts leaves the inner task alone", async () => {
  await runVirtual(async () => {
    const inner = createTask(async () => {
      try {
        await sleep(0.3);
      } catch {
        await sleep(0.3);
      }
      return 42;
    });
    const task = createTask(() => waitFor(inner, 0.1));
    task.cancel();
    await assert.rejects(async () => await task, CancelledError);
    assert.equal(await inner, 42);
  });
});

Deno.test("waitFor(reader.readline(), t) and waitFor(queue.get(), t): the timed-out call takes no line and no item", () =>
  runVirtual(async () => {
    // Python's idiom wait_for(reader.readline(), t): the call is cancelled with the wait
    const reader = new StreamReader();
    await assert.rejects(waitFor(reader.readline(), 0.01), TimeoutError);
    reader.feedData(new TextEncoder().encode("line\n"));
    assert.equal(new TextDecoder().decode(await reader.readline()), "line\n");
    const queue = new Queue<number>();
    await assert.rejects(waitFor(queue.get(), 0.01), TimeoutError);
    queue.putNowait(1);
    assert.equal(await queue.get(), 1);
    // a promise that no loop wait stands behind is still just left to run
    let resolvePlain!: (value: string) => void;
    const plain = new Promise<string>((resolve) => resolvePlain = resolve);
    await assert.rejects(waitFor(plain, 0.01), TimeoutError);
    resolvePlain("late");
    assert.equal(await plain, "late");
  }));
