// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A module whose exports the worker pool tests run in Workers.
import { describe } from "../../../loop/_internal.ts";
import { QueueEmpty } from "../../../errors.ts";

const SCALE = 10;

/** Uses an import and a module-level constant: fine for a module export. */
export function scaled(n: number): string {
  return `${describe(n * SCALE)}`;
}

/** Throws. */
export function fails(): never {
  throw new RangeError("fails() always fails");
}

/** Throws one of the library's errors. */
export function failsEmpty(): never {
  throw new QueueEmpty("nothing queued");
}

/** Not a function. */
export const notAFunction = 3;
