// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Where a child's stdio goes: `PIPE`, `STDOUT`, `DEVNULL` (and `null` to inherit).
 *
 * @module
 */

/**
 * Connect the stream to a pipe the parent reads or writes.
 *
 * Mirrors Python's `asyncio.subprocess.PIPE` (same value, -1).
 *
 * @example
 * ```ts
 * import { createSubprocessExec, PIPE, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const p = await createSubprocessExec("echo", "hi", { stdout: PIPE });
 *   const [out] = await p.communicate();
 *   console.assert(new TextDecoder().decode(out!) === "hi\n");
 * });
 * ```
 */
export const PIPE: -1 = -1;

/**
 * For `stderr` only: send the child's stderr to the same place as its stdout.
 *
 * Mirrors Python's `asyncio.subprocess.STDOUT` (same value, -2). Differences
 * from Python: Deno cannot join the two streams in the child, so with
 * `stdout: PIPE` both are piped and stderr's data is delivered as stdout (fd 1)
 * data in the order it arrives; with `stdout: DEVNULL` stderr is discarded;
 * with `stdout: null` (inherit) stderr goes to the parent's stderr.
 *
 * @example
 * ```ts
 * import { createSubprocessShell, PIPE, run, STDOUT } from "@denoio/asyncio";
 * await run(async () => {
 *   const p = await createSubprocessShell("echo out; echo err >&2", { stdout: PIPE, stderr: STDOUT });
 *   const [out, err] = await p.communicate();
 *   console.assert(err === null && new TextDecoder().decode(out!).includes("err"));
 * });
 * ```
 */
export const STDOUT: -2 = -2;

/**
 * Connect the stream to the null device (`/dev/null`).
 *
 * Mirrors Python's `asyncio.subprocess.DEVNULL` (same value, -3).
 *
 * @example
 * ```ts
 * import { createSubprocessExec, DEVNULL, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const p = await createSubprocessExec("echo", "quiet", { stdout: DEVNULL });
 *   console.assert((await p.wait()) === 0);
 * });
 * ```
 */
export const DEVNULL: -3 = -3;
