// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Signal names <-> numbers for the current platform (Deno reports a child's signal by name).
import { describe } from "../loop/_internal.ts";

// "NAME NUMBER" pairs per platform family.
const LINUX = "HUP 1 INT 2 QUIT 3 ILL 4 TRAP 5 ABRT 6 BUS 7 FPE 8 KILL 9 USR1 10 SEGV 11 USR2 12 " +
  "PIPE 13 ALRM 14 TERM 15 STKFLT 16 CHLD 17 CONT 18 STOP 19 TSTP 20 TTIN 21 TTOU 22 URG 23 " +
  "XCPU 24 XFSZ 25 VTALRM 26 PROF 27 WINCH 28 IO 29 POLL 29 PWR 30 SYS 31 UNUSED 31";
const BSD = "HUP 1 INT 2 QUIT 3 ILL 4 TRAP 5 ABRT 6 EMT 7 FPE 8 KILL 9 BUS 10 SEGV 11 SYS 12 " +
  "PIPE 13 ALRM 14 TERM 15 URG 16 STOP 17 TSTP 18 CONT 19 CHLD 20 TTIN 21 TTOU 22 IO 23 " +
  "XCPU 24 XFSZ 25 VTALRM 26 PROF 27 WINCH 28 INFO 29 USR1 30 USR2 31";
const WINDOWS = "INT 2 ILL 4 FPE 8 KILL 9 SEGV 11 TERM 15 BREAK 21 ABRT 22";

function parse(pairs: string): Record<string, number> {
  const table: Record<string, number> = {};
  const words = pairs.split(" ");
  for (let i = 0; i < words.length; i += 2) table[`SIG${words[i]}`] = Number(words[i + 1]);
  return table;
}

const os = Deno.build.os;
const TABLE = parse(os === "linux" || os === "android" ? LINUX : os === "windows" ? WINDOWS : BSD);
const NAMES = new Map<number, string>();
for (const [name, num] of Object.entries(TABLE)) if (!NAMES.has(num)) NAMES.set(num, name);

/** The number of signal `name` on this platform, or `undefined`. */
export function signalNumber(name: string): number | undefined {
  return Object.hasOwn(TABLE, name) ? TABLE[name] : undefined;
}

/**
 * The `Deno.Signal` name for `sig` (a name or a number).
 *
 * @throws {TypeError} For an unknown signal, naming it.
 */
export function signalName(sig: unknown, what: string): Deno.Signal {
  if (typeof sig === "string") {
    if (Object.hasOwn(TABLE, sig)) return sig as Deno.Signal;
    throw new TypeError(`${what}: unknown signal ${JSON.stringify(sig)}`);
  }
  if (typeof sig === "number" && Number.isInteger(sig)) {
    const name = NAMES.get(sig);
    if (name !== undefined) return name as Deno.Signal;
    if (sig === 0 || (os === "linux" && sig >= 32 && sig <= 64)) {
      // Real signal numbers, but Deno's kill() takes only the named signals.
      throw new TypeError(
        `${what}: signal ${sig} cannot be sent: Deno sends named signals only` +
          (sig === 0 ? " (no liveness check with signal 0)" : " (no real-time signals)"),
      );
    }
    throw new TypeError(`${what}: unknown signal number ${sig}`);
  }
  throw new TypeError(`${what}: signal must be a signal name or number, got ${describe(sig)}`);
}
