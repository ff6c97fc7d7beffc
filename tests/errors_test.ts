// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  BrokenBarrierError,
  CancelledError,
  ExceptionGroup,
  IncompleteReadError,
  InvalidStateError,
  LimitOverrunError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  RuntimeError,
  SendfileNotAvailableError,
  TimeoutError,
} from "../mod.ts";

Deno.test("TimeoutError is a DOMException named TimeoutError", () => {
  const e = new TimeoutError();
  assert.ok(e instanceof TimeoutError && e instanceof DOMException && e instanceof Error);
  assert.equal(e.name, "TimeoutError");
});

Deno.test("each error class has its Python name and data", () => {
  const cases: [Error, string][] = [
    [new CancelledError("m"), "CancelledError"],
    [new InvalidStateError("m"), "InvalidStateError"],
    [new RuntimeError("m"), "RuntimeError"],
    [new SendfileNotAvailableError("m"), "SendfileNotAvailableError"],
    [new BrokenBarrierError(), "BrokenBarrierError"],
    [new QueueEmpty(), "QueueEmpty"],
    [new QueueFull(), "QueueFull"],
    [new QueueShutDown(), "QueueShutDown"],
  ];
  for (const [e, name] of cases) assert.equal(e.name, name);
  const incomplete = new IncompleteReadError(new Uint8Array([1, 2]), 4);
  assert.equal(incomplete.partial.length, 2);
  assert.equal(incomplete.expected, 4);
  assert.equal(incomplete.message, "2 bytes read on a total of 4 expected bytes");
  assert.equal(new LimitOverrunError("over", 7).consumed, 7);
});

Deno.test("ExceptionGroup keeps the original errors and splits by class or predicate", () => {
  const a = new TypeError("a");
  const b = new RangeError("b");
  const nested = new ExceptionGroup("inner", [new TypeError("c")]);
  const eg = new ExceptionGroup("outer", [a, b, nested]);
  assert.ok(eg instanceof AggregateError);
  assert.deepEqual(eg.exceptions, [a, b, nested]);
  const [types, rest] = eg.split(TypeError);
  assert.equal(types!.exceptions[0], a);
  assert.ok(types!.exceptions[1] instanceof ExceptionGroup);
  assert.deepEqual(rest!.exceptions, [b]);
  assert.equal(eg.subgroup((e) => e === b)!.exceptions[0], b);
  assert.equal(eg.subgroup(SyntaxError), null);
  assert.equal(eg.split(Error)[0], eg);
  assert.throws(() => new ExceptionGroup("empty", []), TypeError);
});
