// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `createSubprocessExec()` and `createSubprocessShell()`.
 *
 * @module
 */
import { describe } from "../loop/_internal.ts";
import type { SubprocessOptions } from "../loop/io.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import { Process } from "./process.ts";
import { SubprocessStreamProtocol } from "./subprocess_stream_protocol.ts";
import type { DenoSubprocessTransport } from "./subprocess_transport.ts";

/** Options of `createSubprocessExec()` / `createSubprocessShell()`. */
export interface CreateSubprocessOptions extends SubprocessOptions {
  /** The `limit` of the stdout / stderr readers, in bytes (default 64 KiB). */
  limit?: number;
}

/** Arguments of `createSubprocessExec()`: strings, optionally followed by options. */
export type CreateSubprocessExecArgs = string[] | [...string[], CreateSubprocessOptions];

function splitOptions(
  options: CreateSubprocessOptions,
  what: string,
): [number | undefined, SubprocessOptions] {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${what}: options must be an object, got ${describe(options)}`);
  }
  const { limit, ...rest } = options;
  if (limit !== undefined && (typeof limit !== "number" || !(limit > 0))) {
    throw new RangeError(`${what}: limit must be a number > 0, got ${describe(limit)}`);
  }
  // Python's None: inherit, unless asked otherwise.
  rest.stdin = rest.stdin === undefined ? null : rest.stdin;
  rest.stdout = rest.stdout === undefined ? null : rest.stdout;
  rest.stderr = rest.stderr === undefined ? null : rest.stderr;
  return [limit, rest];
}

/**
 * Starts `program` with `args` (no shell) and returns its {@linkcode Process}.
 * The last argument may be an options object: `stdin`, `stdout`, `stderr`
 * (each `PIPE`, `DEVNULL`, `null` to inherit, and `STDOUT` for stderr;
 * default: inherit), `cwd`, `env`, `clearEnv`, `limit`.
 *
 * Requires `--allow-run` (for `program`). A missing program rejects with
 * `Deno.errors.NotFound`, a missing permission with `Deno.errors.NotCapable`.
 *
 * Mirrors Python's `asyncio.create_subprocess_exec()`. Differences from
 * Python: options are one trailing object; `env` adds to the inherited
 * environment unless `clearEnv: true` (Python's `env=` replaces it);
 * `STDOUT` merges by piping both streams (see {@linkcode STDOUT}).
 *
 * @example
 * ```ts
 * import { createSubprocessExec, PIPE, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const proc = await createSubprocessExec("echo", "hello", { stdout: PIPE });
 *   const line = await proc.stdout!.readline();
 *   console.assert(new TextDecoder().decode(line) === "hello\n");
 *   console.assert((await proc.wait()) === 0);
 * });
 * ```
 */
export async function createSubprocessExec(
  program: string,
  ...args: CreateSubprocessExecArgs
): Promise<Process> {
  const loop = getRunningLoop();
  // (No args[-1] when there are none: a negative index is a slow string-keyed lookup.)
  const last = args.length > 0 ? args[args.length - 1] : undefined;
  const options = typeof last === "object" && last !== null
    ? args.pop() as CreateSubprocessOptions
    : {};
  const split = splitOptions(options, "createSubprocessExec()");
  const limit = split[0];
  // Indexing, not destructuring: array destructuring runs the iterator protocol.
  const pair = await loop.subprocessExec(
    () => new SubprocessStreamProtocol(limit, loop),
    program,
    ...args as string[],
    split[1],
  );
  return new Process(pair[0] as DenoSubprocessTransport, pair[1], loop);
}

/**
 * Runs `cmd` through the shell (`/bin/sh -c cmd`; on Windows
 * `cmd.exe /d /s /c "cmd"`) and returns its {@linkcode Process}. Options as
 * for {@linkcode createSubprocessExec}. Quote untrusted parts with
 * {@linkcode quote}.
 *
 * Requires `--allow-run` (for `/bin/sh`, which then runs anything).
 *
 * Mirrors Python's `asyncio.create_subprocess_shell()`.
 *
 * @example
 * ```ts
 * import { createSubprocessShell, PIPE, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const proc = await createSubprocessShell("echo one two | wc -w", { stdout: PIPE });
 *   const [out] = await proc.communicate();
 *   console.assert(new TextDecoder().decode(out!).trim() === "2");
 * });
 * ```
 */
export async function createSubprocessShell(
  cmd: string,
  options: CreateSubprocessOptions = {},
): Promise<Process> {
  const loop = getRunningLoop();
  const split = splitOptions(options, "createSubprocessShell()");
  const limit = split[0];
  const pair = await loop.subprocessShell(
    () => new SubprocessStreamProtocol(limit, loop),
    cmd,
    split[1],
  );
  return new Process(pair[0] as DenoSubprocessTransport, pair[1], loop);
}
