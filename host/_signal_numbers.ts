// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Signal names <-> numbers, per platform (what Python's `signal.Signals` holds).

const LINUX: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGBUS: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGUSR1: 10,
  SIGSEGV: 11,
  SIGUSR2: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGSTKFLT: 16,
  SIGCHLD: 17,
  SIGCONT: 18,
  SIGSTOP: 19,
  SIGTSTP: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGURG: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGIO: 29,
  SIGPWR: 30,
  SIGSYS: 31,
};
/** Aliases: names Deno accepts that share a number with a canonical name. */
const LINUX_ALIASES: Record<string, number> = { SIGPOLL: 29, SIGUNUSED: 31 };

const BSD: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGTRAP: 5,
  SIGABRT: 6,
  SIGEMT: 7,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGBUS: 10,
  SIGSEGV: 11,
  SIGSYS: 12,
  SIGPIPE: 13,
  SIGALRM: 14,
  SIGTERM: 15,
  SIGURG: 16,
  SIGSTOP: 17,
  SIGTSTP: 18,
  SIGCONT: 19,
  SIGCHLD: 20,
  SIGTTIN: 21,
  SIGTTOU: 22,
  SIGIO: 23,
  SIGXCPU: 24,
  SIGXFSZ: 25,
  SIGVTALRM: 26,
  SIGPROF: 27,
  SIGWINCH: 28,
  SIGINFO: 29,
  SIGUSR1: 30,
  SIGUSR2: 31,
};

/** Windows: the C runtime's numbers, plus the POSIX ones Deno emulates there. */
const WINDOWS: Record<string, number> = {
  SIGHUP: 1,
  SIGINT: 2,
  SIGQUIT: 3,
  SIGILL: 4,
  SIGFPE: 8,
  SIGKILL: 9,
  SIGSEGV: 11,
  SIGTERM: 15,
  SIGBREAK: 21,
  SIGABRT: 22,
  SIGWINCH: 28,
};

function tableFor(os: string): [Record<string, number>, Record<string, number>] {
  if (os === "windows") return [WINDOWS, {}];
  if (os === "darwin" || os === "freebsd" || os === "openbsd" || os === "netbsd") {
    return [BSD, { SIGPOLL: 23 }];
  }
  return [LINUX, LINUX_ALIASES];
}

const [NUMBERS, ALIASES] = tableFor(Deno.build.os);
const NAMES = new Map<number, string>();
for (const [name, number] of Object.entries(NUMBERS)) NAMES.set(number, name);

/** Signals that no process can handle. */
export const UNCATCHABLE: ReadonlySet<string> = new Set(["SIGKILL", "SIGSTOP"]);

/** The number of signal `name` on this platform, or `undefined`. */
export function signalNumber(name: string): number | undefined {
  return Object.hasOwn(NUMBERS, name)
    ? NUMBERS[name]
    : Object.hasOwn(ALIASES, name)
    ? ALIASES[name]
    : undefined;
}

/** The canonical name of signal `number` on this platform, or `undefined`. */
export function signalName(number: number): string | undefined {
  return NAMES.get(number);
}
