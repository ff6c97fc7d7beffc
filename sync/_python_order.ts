// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Python's `<` for the values a PriorityQueue orders: numbers, strings and tuples (arrays).
import { describe } from "../loop/_internal.ts";

function isNumeric(v: unknown): v is number | bigint | boolean {
  const t = typeof v;
  return t === "number" || t === "bigint" || t === "boolean";
}

/** Maps a UTF-16 code unit so that comparing mapped units orders strings by code point. */
function codePointOrder(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

function stringLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointOrder(x) < codePointOrder(y);
  }
  return a.length < b.length;
}

/** Python's `==` between tuple elements, for the types we order (identity otherwise). */
function equal(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (isNumeric(a) && isNumeric(b)) return a == b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i])) return false;
    return true;
  }
  return false;
}

/**
 * Whether `a < b` as Python orders numbers, strings and tuples: numbers (and
 * bigints, booleans) numerically, strings by code point, arrays element by
 * element (the first unequal pair decides; a prefix comes first).
 *
 * @throws {TypeError} If the two values cannot be ordered (e.g. a number and a string).
 */
export function pythonLess(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "string" && typeof b === "string") return stringLess(a, b);
  if (isNumeric(a) && isNumeric(b)) return a < b;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!equal(a[i], b[i])) return pythonLess(a[i], b[i]);
    }
    return a.length < b.length;
  }
  throw new TypeError(
    `PriorityQueue: '<' not supported between ${describe(a)} and ${describe(b)}: ` +
      "items must be numbers, strings or arrays of those, compared with their own kind",
  );
}
