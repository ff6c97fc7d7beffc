// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  allTasks,
  CancelledError,
  createEagerTaskFactory,
  createTask,
  currentTask,
  eagerTaskFactory,
  ensureFuture,
  getRunningLoop,
  newEventLoop,
  run,
  RuntimeError,
  sleep,
  Task,
  VirtualClock,
} from "../../mod.ts";

Deno.test("a task starts on the next loop iteration, not synchronously", async () => {
  await run(async () => {
    const order: string[] = [];
    const task = createTask(async () => {
      order.push("task");
    });
    order.push("after createTask");
    await task;
    assert.deepEqual(order, ["after createTask", "task"]);
  });
});

Deno.test("tasks interleave at each sleep(0), one step per iteration", async () => {
  await run(async () => {
    const order: string[] = [];
    const worker = (name: string) => async () => {
      for (let i = 0; i < 3; i++) {
        order.push(`${name}${i}`);
        await sleep(0);
      }
    };
    const a = createTask(worker("a"));
    const b = createTask(worker("b"));
    await a;
    await b;
    assert.deepEqual(order, ["a0", "b0", "a1", "b1", "a2", "b2"]);
  });
});

Deno.test("tasks get default names Task-N and can be renamed", async () => {
  await run(async () => {
    const task = createTask(async () => {});
    assert.match(task.getName(), /^Task-\d+$/);
    task.setName("worker");
    assert.equal(task.getName(), "worker");
    assert.match(String(task), /<Task pending name='worker'>/);
    assert.equal(createTask(async () => {}, { name: "n" }).getName(), "n");
    await task;
  });
});

Deno.test("cancel() throws CancelledError into the task at its current await", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const inner = loop.createFuture();
    let caught: unknown;
    const task = createTask(async () => {
      try {
        await inner;
      } catch (e) {
        caught = e;
        throw e;
      }
    });
    await sleep(0);
    assert.equal(task.cancel("because"), true);
    await assert.rejects(
      Promise.resolve(task),
      (e) => e instanceof CancelledError && e.message === "because",
    );
    assert.ok(task.cancelled());
    assert.ok(inner.cancelled(), "the awaited future is cancelled too, as in asyncio");
    assert.ok(caught instanceof CancelledError);
    assert.equal(task.cancel(), false);
  });
});

Deno.test("a task that catches CancelledError goes on and ends with its result", async () => {
  await run(async () => {
    const task = createTask(async () => {
      try {
        await sleep(3600);
      } catch (e) {
        assert.ok(e instanceof CancelledError);
        assert.equal(currentTask()!.uncancel(), 0);
        await sleep(0);
        return "survived";
      }
      return "slept";
    });
    await sleep(0);
    task.cancel();
    assert.equal(await task, "survived");
    assert.equal(task.cancelled(), false);
  }, { clock: new VirtualClock() });
});

Deno.test("a task cancelled before it starts never runs its body", async () => {
  await run(async () => {
    let ran = false;
    const task = createTask(async () => {
      ran = true;
    });
    task.cancel();
    await assert.rejects(Promise.resolve(task), CancelledError);
    assert.equal(ran, false);
    assert.ok(task.cancelled());
  });
});

Deno.test("cancelling() and uncancel() count cancel requests", async () => {
  await run(async () => {
    const task = createTask(() => sleep(3600));
    await sleep(0);
    assert.equal(task.cancelling(), 0);
    task.cancel();
    task.cancel();
    assert.equal(task.cancelling(), 2);
    assert.equal(task.uncancel(), 1);
    await assert.rejects(Promise.resolve(task), CancelledError);
    assert.equal(task.uncancel(), 0);
    assert.equal(task.uncancel(), 0);
  }, { clock: new VirtualClock() });
});

Deno.test("a cancel request during a plain-promise await lands at the next loop await", async () => {
  await run(async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => release = r);
    const steps: string[] = [];
    const task = createTask(async () => {
      await gate; // a native promise: the loop cannot interrupt it
      steps.push("after gate");
      await sleep(0); // the first loop await: CancelledError arrives here
      steps.push("unreachable");
    });
    await sleep(0);
    task.cancel("late");
    release();
    await assert.rejects(
      Promise.resolve(task),
      (e) => e instanceof CancelledError && e.message === "late",
    );
    assert.deepEqual(steps, ["after gate"]);
  });
});

Deno.test("a task whose coroutine returns after a cancel request ends cancelled", async () => {
  await run(async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => release = r);
    const task = createTask(async () => {
      await gate;
      return 1;
    });
    await sleep(0);
    task.cancel();
    release();
    await assert.rejects(Promise.resolve(task), CancelledError);
    assert.ok(task.cancelled());
  });
});

Deno.test("task.signal aborts on the first cancel request, with a CancelledError reason", async () => {
  await run(async () => {
    let seenReason: unknown;
    const task = createTask(async () => {
      const signal = currentTask()!.signal;
      await new Promise((_resolve, reject) => {
        signal.addEventListener("abort", () => {
          seenReason = signal.reason;
          reject(signal.reason);
        });
      });
    });
    await sleep(0);
    task.cancel("abort it");
    await assert.rejects(Promise.resolve(task), CancelledError);
    assert.ok(seenReason instanceof CancelledError);
    assert.equal((seenReason as Error).message, "abort it");
    assert.ok(task.signal.aborted);
  });
});

Deno.test("cancelling a task that awaits another task cancels the inner one", async () => {
  await run(async () => {
    const inner = createTask(() => sleep(3600));
    const outer = createTask(() => inner);
    await sleep(0);
    await sleep(0);
    outer.cancel();
    await assert.rejects(Promise.resolve(outer), CancelledError);
    assert.ok(inner.cancelled());
  }, { clock: new VirtualClock() });
});

Deno.test("an exception escaping the coroutine fails the task", async () => {
  await run(async () => {
    const err = new EvalError("bad");
    const task = createTask(async () => {
      await sleep(0);
      throw err;
    });
    await assert.rejects(Promise.resolve(task), (e) => e === err);
    assert.equal(task.exception(), err);
    const sync = createTask(() => {
      throw new TypeError("sync");
    });
    await assert.rejects(Promise.resolve(sync), TypeError);
    assert.equal(await createTask(() => 7), 7);
  });
});

Deno.test("setResult() and setException() are not allowed on a task", async () => {
  await run(async () => {
    const task = createTask(async () => {});
    assert.throws(() => task.setResult(undefined), RuntimeError);
    assert.throws(() => task.setException(new Error()), RuntimeError);
    await task;
  });
});

Deno.test("a task awaiting itself gets a RuntimeError", async () => {
  await run(async () => {
    const task: Task<void> = createTask(async () => {
      await task;
    });
    await assert.rejects(Promise.resolve(task), /cannot await itself/);
  });
});

Deno.test("currentTask() finds the task from nested plain async functions", async () => {
  assert.throws(() => currentTask(), /no running event loop/);
  await run(async () => {
    const main = currentTask();
    assert.ok(main instanceof Task);
    const deep = async () => {
      await Promise.resolve();
      return currentTask()?.getName();
    };
    const task = createTask(async () => await deep(), { name: "deep" });
    assert.equal(await task, "deep");
  });
});

Deno.test("callbacks a task schedules after a host promise woke it run outside the task", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const seen: (string | null)[] = [];
    const task = createTask(async () => {
      // a host timer, not the loop, resumes the task: the loop is idle meanwhile
      await new Promise((resolve) => setTimeout(resolve, 20));
      const done = loop.createFuture<void>();
      loop.callSoon(() => {
        seen.push(currentTask()?.getName() ?? null);
        // a wait made in a plain callback belongs to no task
        (async () => {
          await sleep(0);
          seen.push(currentTask()?.getName() ?? null);
          done.setResult();
        })();
      });
      await done;
      seen.push(currentTask()?.getName() ?? null);
    }, { name: "woken-by-host" });
    await task;
    assert.deepEqual(seen, [null, null, "woken-by-host"]);
  });
});

Deno.test("allTasks() holds every pending task, even unreferenced ones", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const before = allTasks().size;
    const never = loop.createFuture();
    createTask(() => never, { name: "fire-and-forget" });
    const names = [...allTasks()].map((t) => t.getName());
    assert.equal(allTasks().size, before + 1);
    assert.ok(names.includes("fire-and-forget"));
    never.cancel();
  });
  assert.throws(() => allTasks(), RuntimeError);
});

Deno.test("a failed task nobody awaited is reported as never retrieved", async () => {
  const loop = newEventLoop();
  const seen: string[] = [];
  loop.setExceptionHandler((_l, ctx) => seen.push(ctx.message));
  loop.createTask(async () => {
    throw new Error("unseen");
  });
  await loop.runUntilComplete(() => sleep(0));
  await loop.runUntilComplete(() => sleep(0));
  loop.close();
  assert.deepEqual(seen, ["Task exception was never retrieved"]);
});

Deno.test("the eager task factory runs the body synchronously to its first await", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    loop.setTaskFactory(eagerTaskFactory);
    const order: string[] = [];
    const task = loop.createTask(async () => {
      order.push("body start");
      await sleep(0);
      order.push("body end");
      return 1;
    });
    order.push("after createTask");
    assert.equal(await task, 1);
    assert.deepEqual(order, ["body start", "after createTask", "body end"]);
    assert.equal(currentTask() !== task, true);
    class Custom extends Task<unknown> {}
    loop.setTaskFactory(createEagerTaskFactory(Custom as never));
    assert.ok(loop.createTask(async () => {}) instanceof Custom);
    loop.setTaskFactory(null);
  });
});

Deno.test("ensureFuture() wraps thunks and promises, passes futures, rejects the rest", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture();
    assert.equal(ensureFuture(fut), fut);
    assert.ok(ensureFuture(async () => 1) instanceof Task);
    assert.equal(await ensureFuture(Promise.resolve(2)), 2);
    assert.throws(
      () => ensureFuture(3 as never),
      /expected a Future, a promise or an async function, got number 3/,
    );
    using other = newEventLoop();
    assert.throws(() => ensureFuture(fut, other), /different loop/);
    fut.cancel();
  });
});

Deno.test("new Task() rejects a non-function coroutine", async () => {
  await run(async () => {
    assert.throws(() => createTask(Promise.resolve(1) as never), /must be a function/);
  });
});

Deno.test("a woken task's whole step runs before the next callback, however deep its awaits", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const gate = loop.createFuture();
    const order: string[] = [];
    const deep = async (n: number): Promise<void> => {
      if (n > 0) return await deep(n - 1);
      await Promise.resolve();
    };
    const a = createTask(async () => {
      await gate;
      order.push("a woke");
      await deep(20); // many microtask hops, but no loop await
      order.push("a step end");
      await sleep(0);
    });
    const b = createTask(async () => {
      await gate;
      order.push("b woke");
    });
    await sleep(0);
    gate.setResult(null);
    loop.callSoon(() => order.push("callback"));
    await a;
    await b;
    assert.deepEqual(order, ["a woke", "a step end", "b woke", "callback"]);
  });
});

Deno.test("a task busy on host I/O does not hold the loop up", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    let ticks = 0;
    const host = createTask(async () => {
      await sleep(0);
      await new Promise((resolve) => setTimeout(resolve, 20)); // not a loop awaitable
    });
    await sleep(0);
    const ticker = createTask(async () => {
      while (!host.done()) {
        ticks++;
        await sleep(0);
      }
    });
    await host;
    await ticker;
    assert.ok(ticks > 1, `the loop ran only ${ticks} iterations while the host timer was pending`);
    assert.ok(loop.isRunning());
  });
});

Deno.test("a coroutine may return a plain value, a promise subclass, a future or any thenable", async () => {
  await run(async () => {
    class Tagged<T> extends Promise<T> {}
    const thenable: PromiseLike<string> = {
      then: (ok, _err) => Promise.resolve(ok?.("thenable")) as never,
    };
    const loop = getRunningLoop();
    const fut = loop.createFuture<string>();
    loop.callSoon(() => fut.setResult("future"));
    const results = [
      await createTask(() => "plain"),
      await createTask(() => Tagged.resolve("subclass")),
      await createTask(() => fut),
      await createTask(() => thenable),
      await createTask(async () => "async"),
    ];
    assert.deepEqual(results, ["plain", "subclass", "future", "thenable", "async"]);
    await assert.rejects(
      async () => await createTask(() => Tagged.reject(new Error("boom"))),
      /boom/,
    );
    await assert.rejects(
      async () => await createTask(() => Promise.reject(new Error("native"))),
      /native/,
    );
  });
});

Deno.test("a coroutine that resumes after its loop closed ends without an unhandled rejection", async () => {
  const loop = newEventLoop();
  const reported: string[] = [];
  loop.setExceptionHandler((_loop, context) => reported.push(context.message));
  let release!: () => void;
  const gate = new Promise<void>((resolve) => release = resolve);
  const ok = loop.createTask(async () => {
    await gate;
    return "late";
  });
  const failed = loop.createTask(async () => {
    await gate;
    throw new Error("late failure");
  });
  const seen: string[] = [];
  ok.addDoneCallback(() => seen.push("ok"));
  failed.addDoneCallback(() => seen.push("failed"));
  loop.callSoon(() => loop.stop());
  await loop.runForever();
  loop.close();
  assert.deepEqual(reported, [
    "Task was destroyed but it is pending!",
    "Task was destroyed but it is pending!",
  ]);
  release();
  await gate;
  await Promise.resolve();
  assert.ok(ok.done() && failed.done());
  assert.deepEqual(seen, []); // a closed loop runs no callbacks
});

Deno.test("a step of thousands of plain-promise turns still runs whole before the next callback", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const order: string[] = [];
    const a = createTask(async () => {
      await sleep(0);
      order.push("a woke");
      for (let i = 0; i < 5000; i++) await Promise.resolve(); // no loop await, no host I/O
      order.push("a step end");
    });
    const b = createTask(async () => {
      await sleep(0);
      order.push("b woke");
    });
    await sleep(0);
    loop.callSoon(() => order.push("callback"));
    await a;
    await b;
    assert.deepEqual(order, ["a woke", "a step end", "b woke", "callback"]);
  });
});

Deno.test("awaiting a done future or task does not suspend: the step goes on before other callbacks", async () => {
  // Python's Future.__await__ yields only while pending
  const order: string[] = [];
  await run(async () => {
    const finished = createTask(async () => 1);
    await sleep(0);
    assert.equal(finished.done(), true);
    const a = createTask(async () => {
      order.push("A start");
      await finished;
      order.push("A after await of a done task");
    });
    const b = createTask(async () => {
      order.push("B start");
    });
    await a;
    await b;
  });
  assert.deepEqual(order, ["A start", "A after await of a done task", "B start"]);
});

Deno.test("a pending cancel is delivered at the next real suspension, not at an await of a done future", async () => {
  await run(async () => {
    const done = getRunningLoop().createFuture<number>();
    done.setResult(7);
    const steps = await createTask(async () => {
      currentTask()!.cancel();
      const steps: string[] = [`await done -> ${await done}`];
      try {
        await sleep(0);
        steps.push("sleep(0) ok");
      } catch (e) {
        steps.push(`sleep(0) raised ${(e as Error).name}`);
      }
      return steps;
    });
    assert.deepEqual(steps, ["await done -> 7", "sleep(0) raised CancelledError"]);
  });
});

Deno.test("cancel() twice: the CancelledError carries the first message, as in Python", async () => {
  await run(async () => {
    const task = createTask(() => sleep(10));
    await sleep(0);
    task.cancel("first");
    task.cancel("second");
    await assert.rejects(Promise.resolve(task), { name: "CancelledError", message: "first" });
    assert.equal(task.cancelling(), 2);
  });
});

Deno.test("uncancel() takes back a cancel that came after the awaited sleep or future was done", async () => {
  await run(async () => {
    const slept = createTask(async () => {
      try {
        await sleep(0);
        return "resumed normally";
      } catch (e) {
        return `got ${(e as Error).name}`;
      }
    });
    await sleep(0); // the task waits in sleep(0); its wake-up is queued now
    slept.cancel();
    assert.equal(slept.uncancel(), 0);
    assert.equal(await slept, "resumed normally");
    const fut = getRunningLoop().createFuture<number>();
    const awaiting = createTask(async () => `v=${await fut}`);
    await sleep(0);
    fut.setResult(1);
    awaiting.cancel();
    awaiting.uncancel();
    assert.equal(await awaiting, "v=1");
  });
});

Deno.test("a task that ends with the CancelledError it raised gives awaiters that same error", async () => {
  // Python's _cancelled_exc: test_locks' test_cancelled_error_wakeup checks it with assertIs
  await run(async () => {
    let raised: unknown = null;
    const task = createTask(async () => {
      try {
        await sleep(10);
      } catch (e) {
        raised = e;
        throw e;
      }
    });
    await sleep(0);
    task.cancel("foo");
    const got = await Promise.resolve(task).catch((e) => e);
    assert.equal(got, raised);
    assert.equal((got as Error).message, "foo");
    assert.equal(task.cancelled(), true);
  });
});
