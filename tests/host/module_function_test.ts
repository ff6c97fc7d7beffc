// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { moduleFunction, QueueEmpty, TimeoutError, WorkerPoolExecutor } from "../../mod.ts";
import { live } from "../../host/_live.ts";

const WORK = new URL("./_fixtures/work.ts", import.meta.url);

async function withPool(body: (pool: WorkerPoolExecutor) => Promise<void>): Promise<void> {
  const pool = new WorkerPoolExecutor({ maxWorkers: 1 });
  try {
    await body(pool);
  } finally {
    pool.terminateWorkers();
    assert.equal(live.workers, 0, "a Worker was left running");
  }
}

Deno.test("moduleFunction() runs a module export, which may use its imports", () =>
  withPool(async (pool) => {
    const scaled = moduleFunction<[number], string>(WORK, "scaled");
    assert.equal(scaled.module, WORK.href);
    assert.equal(scaled.name, "scaled");
    assert.equal(await pool.submit(scaled, 4), "number 40");
    assert.equal(await pool.submit({ module: WORK.href, name: "scaled" }, 1), "number 10");
    assert.equal(await scaled(2), "number 20", "callable in place too");
    await assert.rejects(pool.submit(moduleFunction(WORK, "fails")), {
      name: "RangeError",
      message: "fails() always fails",
    });
  }));

Deno.test("errors from a Worker keep their class: the library's own, AggregateError with its errors", () =>
  withPool(async (pool) => {
    // as Python's pickling keeps an exception's class
    await assert.rejects(
      pool.submit(moduleFunction(WORK, "failsEmpty")),
      (e) => e instanceof QueueEmpty && e.message === "nothing queued",
    );
    await assert.rejects(
      pool.submit(() => {
        throw new AggregateError([new TypeError("t"), new RangeError("r")], "both");
      }),
      (e) =>
        e instanceof AggregateError && e.message === "both" && e.errors[0] instanceof TypeError &&
        e.errors[1] instanceof RangeError && e.errors[1].message === "r",
    );
    await assert.rejects(
      pool.submit(() => {
        throw new DOMException("late", "TimeoutError");
      }),
      (e) => e instanceof TimeoutError && e instanceof DOMException,
    );
  }));

Deno.test("a module export that does not exist fails with an error naming it", () =>
  withPool(async (pool) => {
    await assert.rejects(pool.submit(moduleFunction(WORK, "nope")), {
      name: "TypeError",
      message:
        /work\.ts has no export named "nope" \(its function exports: fails, failsEmpty, scaled\)/,
    });
    await assert.rejects(pool.submit(moduleFunction(WORK, "notAFunction")), {
      name: "TypeError",
      message: /Export "notAFunction" of .*work\.ts is not a function, got number/,
    });
    await assert.rejects(
      pool.submit(moduleFunction(new URL("./_fixtures/missing.ts", import.meta.url), "x")),
      (e) => e instanceof Error && /missing\.ts/.test(e.message),
    );
    assert.throws(() => moduleFunction("./work.ts", "x"), {
      name: "TypeError",
      message: /expected the module as an absolute URL/,
    });
    assert.throws(() => moduleFunction(WORK, ""), /non-empty string/);
  }));
