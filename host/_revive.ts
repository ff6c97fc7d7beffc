// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Re-creates on the loop's side an error thrown in a Worker.
import type { ThrownData } from "./_messages.ts";
import {
  BlockingIOError,
  BrokenBarrierError,
  CancelledError,
  InvalidStateError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  RuntimeError,
  SendfileNotAvailableError,
  TimeoutError,
} from "../errors.ts";

type ErrorClass = new (message: string, options?: ErrorOptions) => Error;

const STANDARD: Record<string, ErrorClass> = {
  Error,
  TypeError,
  RangeError,
  ReferenceError,
  SyntaxError,
  EvalError,
  URIError,
  // this library's errors (their other fields come back as own properties), as Python's
  // pickling keeps an exception's class
  CancelledError,
  InvalidStateError,
  RuntimeError,
  SendfileNotAvailableError,
  BrokenBarrierError,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  BlockingIOError,
};

function classFor(name: string): ErrorClass {
  if (Object.hasOwn(STANDARD, name)) return STANDARD[name];
  const denoError = (Deno.errors as unknown as Record<string, ErrorClass | undefined>)[name];
  if (typeof denoError === "function") return denoError;
  return Error;
}

/** The error (or value) described by `data`, with the Worker's name, message and stack. */
export function reviveThrown(data: ThrownData): unknown {
  if (data.kind === "value") return data.value;
  const options = data.cause === undefined ? undefined : { cause: reviveThrown(data.cause) };
  let error: Error;
  if (data.dom) {
    error = data.name === "TimeoutError"
      ? new TimeoutError(data.message)
      : new DOMException(data.message, data.name);
  } else if (data.errors !== undefined) {
    error = new AggregateError(data.errors.map(reviveThrown), data.message, options);
    if (error.name !== data.name) {
      Object.defineProperty(error, "name", {
        value: data.name,
        writable: true,
        configurable: true,
      });
    }
  } else {
    error = new (classFor(data.name))(data.message, options);
    if (error.name !== data.name) {
      Object.defineProperty(error, "name", {
        value: data.name,
        writable: true,
        configurable: true,
      });
    }
  }
  for (const [key, value] of Object.entries(data.props)) {
    if (key !== "name" && key !== "message" && key !== "stack") {
      (error as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (data.stack !== undefined) {
    Object.defineProperty(error, "stack", {
      value: data.stack,
      writable: true,
      configurable: true,
    });
  }
  return error;
}
