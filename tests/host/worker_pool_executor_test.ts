// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  getRunningLoop,
  run,
  RuntimeError,
  WorkerPoolExecutor,
} from "../../mod.ts";
import { live } from "../../host/_live.ts";

/** A pool for one test; at the end it is terminated and no Worker may be left. */
async function withPool(
  options: { maxWorkers?: number },
  body: (pool: WorkerPoolExecutor) => Promise<void>,
): Promise<void> {
  const pool = new WorkerPoolExecutor(options);
  try {
    await body(pool);
  } finally {
    pool.terminateWorkers();
    assert.equal(live.workers, 0, "a Worker was left running");
  }
}

Deno.test("submit() runs a function in a Worker; arguments and result are cloned", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const input = { list: [1, 2], map: new Map([["k", 1]]), bytes: new Uint8Array([1, 2]) };
    const out = await pool.submit((value: typeof input) => {
      value.list.push(3);
      value.map.set("k", 2);
      value.bytes[0] = 9;
      // deno-lint-ignore no-explicit-any
      return { value, inWorker: typeof (globalThis as any).WorkerGlobalScope === "function" };
    }, input);
    assert.deepEqual(out.value.list, [1, 2, 3]);
    assert.equal(out.value.map.get("k"), 2);
    assert.equal(out.value.bytes[0], 9);
    assert.equal(out.inWorker, true);
    assert.deepEqual(input.list, [1, 2], "the caller's argument was not touched");
    assert.equal(input.bytes[0], 1);
  }));

Deno.test("submit() runs async functions, methods and function declarations", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    assert.equal(
      await pool.submit(async (n: number) => {
        await new Promise((r) => setTimeout(r, 1));
        return n * 2;
      }, 21),
      42,
    );
    const holder = {
      triple(n: number) {
        return n * 3;
      },
    };
    assert.equal(await pool.submit(holder.triple, 3), 9);
    function square(n: number): number {
      return n * n;
    }
    assert.equal(await pool.submit(square, 5), 25);
  }));

Deno.test("an error thrown in the Worker is re-created with its class, name, message and stack", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    await assert.rejects(
      pool.submit(function failing() {
        throw new TypeError("bad input", { cause: new Error("root") });
      }),
      (e) => {
        assert.ok(e instanceof TypeError);
        assert.equal(e.message, "bad input");
        assert.match(String(e.stack), /^TypeError: bad input\n\s+at failing/);
        assert.equal((e.cause as Error).message, "root");
        return true;
      },
    );
    await assert.rejects(
      pool.submit(() => {
        class ParseError extends Error {
          override name = "ParseError";
          line = 7;
        }
        throw new ParseError("unexpected }");
      }),
      (e) => {
        assert.ok(e instanceof Error);
        assert.equal(e.name, "ParseError");
        assert.equal((e as Error & { line: number }).line, 7);
        return true;
      },
    );
    await assert.rejects(
      pool.submit(() => Deno.readTextFileSync("/definitely/not/here")),
      (e) => e instanceof Deno.errors.NotFound && (e as { code?: string }).code === "ENOENT",
    );
    await assert.rejects(
      pool.submit(() => {
        throw { code: 3 };
      }),
      (e) => {
        assert.deepEqual(e, { code: 3 });
        return true;
      },
    );
  }));

Deno.test("a function that uses a variable of its scope fails with an error that says why", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const factor = 3;
    await assert.rejects(pool.submit((n: number) => n * factor, 2), (e) => {
      assert.ok(e instanceof ReferenceError);
      assert.match(e.message, /uses "factor", which is not defined in the Worker/);
      assert.match(e.message, /rebuilt from its source/);
      assert.match(e.message, /moduleFunction/);
      return true;
    });
    // A ReferenceError about a name the function does not mention is left alone.
    await assert.rejects(
      pool.submit((name: string) => {
        throw new ReferenceError(`${name} is not defined`);
      }, "elsewhere"),
      { name: "ReferenceError", message: "elsewhere is not defined" },
    );
  }));

Deno.test("submit() refuses native, bound functions, classes and non-functions at once", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    assert.throws(() => pool.submit(Math.max, 1, 2), {
      name: "TypeError",
      message: /function max is a native or bound function/,
    });
    const bound = ((n: number) => n).bind(null);
    assert.throws(() => pool.submit(bound, 1), /native or bound function/);
    class Thing {}
    assert.throws(
      () => pool.submit(Thing as unknown as () => void),
      /function Thing is a class/,
    );
    assert.throws(
      () => pool.submit(42 as unknown as () => void),
      /expected a function or a moduleFunction\(\) reference, got number 42/,
    );
    assert.equal(pool.workerCount, 0, "nothing was started");
    await Promise.resolve();
  }));

Deno.test("arguments or results that cannot be cloned reject; the pool keeps working", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    await assert.rejects(pool.submit((f: unknown) => f, () => 1), {
      name: "TypeError",
      message: /arguments of the anonymous function cannot be sent to a Worker/,
    });
    await assert.rejects(pool.submit(() => () => 1), {
      name: "TypeError",
      message: /result of the anonymous function cannot be sent back from the Worker/,
    });
    assert.equal(await pool.submit(() => "still fine"), "still fine");
  }));

Deno.test("Workers start lazily, at most maxWorkers, and queued work runs in order", () =>
  withPool({ maxWorkers: 2 }, async (pool) => {
    assert.equal(pool.maxWorkers, 2);
    assert.equal(pool.workerCount, 0);
    const results = Array.from({ length: 6 }, (_, i) => pool.submit((n: number) => n * n, i));
    assert.equal(pool.workerCount, 2);
    assert.deepEqual(await Promise.all(results), [0, 1, 4, 9, 16, 25]);
    assert.equal(pool.workerCount, 2);
  }));

Deno.test("new WorkerPoolExecutor() validates maxWorkers and defaults to the CPU count", () => {
  assert.throws(() => new WorkerPoolExecutor({ maxWorkers: 0 }), {
    name: "RangeError",
    message: /maxWorkers to be a positive integer, got number 0/,
  });
  assert.throws(() => new WorkerPoolExecutor({ maxWorkers: 1.5 }), RangeError);
  assert.equal(new WorkerPoolExecutor().maxWorkers, navigator.hardwareConcurrency);
});

Deno.test("shutdown({ wait: true }) lets running and queued work finish, then ends every Worker", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const running = pool.submit(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return "running";
    });
    const queued = pool.submit(() => "queued");
    await pool.shutdown({ wait: true });
    assert.equal(pool.workerCount, 0);
    assert.equal(live.workers, 0);
    assert.equal(await running, "running");
    assert.equal(await queued, "queued");
    assert.throws(() => pool.submit(() => 1), {
      name: "RuntimeError",
      message: /cannot schedule new futures after shutdown/,
    });
  }));

Deno.test("shutdown({ cancelFutures: true }) rejects queued work with CancelledError", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const running = pool.submit(async () => {
      await new Promise((r) => setTimeout(r, 20));
      return "done";
    });
    const queued = [pool.submit(() => 1), pool.submit(() => 2)];
    const shutdown = pool.shutdown({ cancelFutures: true });
    for (const q of queued) await assert.rejects(q, CancelledError);
    await shutdown;
    assert.equal(await running, "done");
    assert.equal(pool.workerCount, 0);
  }));

Deno.test("shutdown({ wait: false }) ends idle Workers now and busy ones when they finish", () =>
  withPool({ maxWorkers: 2 }, async (pool) => {
    await Promise.all([pool.submit(() => 1), pool.submit(() => 2)]);
    assert.equal(pool.workerCount, 2);
    const gate = new SharedArrayBuffer(4);
    const busy = pool.submit((buf: SharedArrayBuffer) => {
      Atomics.wait(new Int32Array(buf), 0, 0, 5000);
      return "finished";
    }, gate);
    await pool.shutdown({ wait: false });
    assert.equal(pool.workerCount, 1, "the idle Worker ended, the busy one runs on");
    Atomics.store(new Int32Array(gate), 0, 1);
    Atomics.notify(new Int32Array(gate), 0);
    assert.equal(await busy, "finished");
    assert.equal(pool.workerCount, 0);
  }));

Deno.test("terminateWorkers() ends busy Workers and rejects their work", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const forever = pool.submit(() => {
      for (;;) { /* spin */ }
    });
    const queued = pool.submit(() => 1);
    pool.terminateWorkers();
    assert.equal(live.workers, 0);
    await assert.rejects(forever, { name: "RuntimeError", message: /was terminated/ });
    await assert.rejects(queued, { name: "RuntimeError", message: /did not run/ });
  }));

Deno.test("an error escaping the function fails its job; the Worker is replaced", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const dropped = pool.submit(function dropsAPromise() {
      Promise.reject(new Error("unhandled in the worker"));
      return new Promise(() => {});
    });
    const leftTimer = pool.submit(function leavesATimer() {
      setTimeout(() => {
        throw new Error("thrown by a timer");
      }, 0);
      return new Promise(() => {});
    });
    const next = pool.submit(() => "after the crash");
    await assert.rejects(dropped, (e) => {
      assert.ok(e instanceof RuntimeError);
      assert.match(e.message, /The Worker running function dropsAPromise failed/);
      assert.match(e.message, /unhandled in the worker/);
      assert.equal((e.cause as Error).message, "unhandled in the worker");
      return true;
    });
    await assert.rejects(leftTimer, {
      name: "RuntimeError",
      message: /function leavesATimer failed: thrown by a timer/,
    });
    assert.equal(await next, "after the crash");
    assert.equal(pool.workerCount, 1);
  }));

Deno.test("await using shuts the pool down", async () => {
  {
    await using pool = new WorkerPoolExecutor({ maxWorkers: 1 });
    assert.equal(await pool.submit(() => 7), 7);
  }
  assert.equal(live.workers, 0);
});

Deno.test("a CPU-bound function in a Worker does not block the loop", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await using pool = new WorkerPoolExecutor({ maxWorkers: 1 });
    await pool.submit(() => 0); // the Worker is up before the clock starts
    let ticks = 0;
    let timer = loop.callLater(0.01, function tick() {
      ticks++;
      timer = loop.callLater(0.01, tick);
    });
    const spun = await loop.runInExecutor(pool, () => {
      const end = performance.now() + 200;
      let n = 0;
      while (performance.now() < end) n++;
      return n;
    });
    timer.cancel();
    assert.ok(spun > 0);
    assert.ok(ticks > 1, `the loop ticked ${ticks} times while the Worker spun 200 ms`);
  });
  assert.equal(live.workers, 0);
});

Deno.test("an error escaping after the job finished is reported and the Worker replaced", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const reported = Promise.withResolvers<unknown[]>();
    const error = console.error;
    console.error = (...args: unknown[]) => reported.resolve(args);
    try {
      const early = await pool.submit(() => {
        setTimeout(() => {
          throw new Error("late failure");
        }, 5);
        return "early";
      });
      assert.equal(early, "early");
      const [message] = await reported.promise;
      assert.match(String(message), /Worker failed between jobs: late failure/);
    } finally {
      console.error = error;
    }
    assert.equal(pool.workerCount, 0);
    assert.equal(await pool.submit(() => "next"), "next");
  }));

Deno.test("shutdown({ wait: true }) still waits for queued work when a Worker fails", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const crash = pool.submit(() => {
      Promise.reject(new Error("dropped"));
      return new Promise(() => {});
    });
    const crashed = assert.rejects(crash, RuntimeError);
    let queuedSettled = false;
    const queued = pool.submit(() => "queued").finally(() => queuedSettled = true);
    await pool.shutdown({ wait: true });
    assert.equal(queuedSettled, true);
    assert.equal(await queued, "queued");
    await crashed;
    assert.equal(pool.workerCount, 0);
  }));

Deno.test("cancel() withdraws queued work only; cancelling runInExecutor()'s future does too", () =>
  withPool({ maxWorkers: 1 }, async (pool) => {
    const gate = new SharedArrayBuffer(8);
    const flags = new Int32Array(gate);
    const busy = pool.submit((buf: SharedArrayBuffer) => {
      Atomics.wait(new Int32Array(buf), 0, 0, 5000);
      return "busy done";
    }, gate);
    const bump = (buf: SharedArrayBuffer) => Atomics.add(new Int32Array(buf), 1, 1);
    const direct = pool.submit(bump, gate);
    assert.equal(pool.cancel(direct), true);
    assert.equal(pool.cancel(direct), false);
    assert.equal(pool.cancel(busy), false, "running work cannot be withdrawn");
    await assert.rejects(direct, { name: "CancelledError", message: /before it started/ });

    await run(async () => {
      const loop = getRunningLoop();
      const future = loop.runInExecutor(pool, bump, gate);
      assert.equal(future.cancel(), true);
      Atomics.store(flags, 0, 1);
      Atomics.notify(flags, 0);
      assert.equal(await busy, "busy done");
      assert.equal(await loop.runInExecutor(pool, (n: number) => n, 5), 5);
    });
    assert.equal(Atomics.load(flags, 1), 0, "no withdrawn function ran");
  }));
