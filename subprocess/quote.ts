// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `quote()`: shell-escapes a string, as Python's `shlex.quote()`.
 *
 * @module
 */
import { describe } from "../loop/_internal.ts";

const UNSAFE = /[^\w@%+=:,./-]/;

/**
 * Returns `s` quoted for a POSIX shell command line: unchanged if it only
 * has safe characters (letters, digits, `@%+=:,./-_`), else in single quotes
 * with each `'` written as `'"'"'`; the empty string becomes `''`.
 *
 * Mirrors Python's `shlex.quote()` (which `asyncio` users pair with
 * `create_subprocess_shell()`).
 *
 * @param s The string to quote.
 * @returns The quoted string.
 * @throws {TypeError} If `s` is not a string.
 *
 * @example
 * ```ts
 * import { quote } from "@denoio/asyncio";
 * console.assert(quote("a b") === "'a b'");
 * console.assert(quote("it's") === `'it'"'"'s'`);
 * console.assert(quote("safe-name.txt") === "safe-name.txt");
 * ```
 */
export function quote(s: string): string {
  if (typeof s !== "string") throw new TypeError(`quote(): expected a string, got ${describe(s)}`);
  if (s === "") return "''";
  if (!UNSAFE.test(s)) return s;
  return `'${s.replaceAll("'", `'"'"'`)}'`;
}
