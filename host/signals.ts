// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The loop's signal handlers (`loop.addSignalHandler()`), over
 * `Deno.addSignalListener()`.
 *
 * @module
 */
import { RuntimeError } from "../errors.ts";
import { describe, ON_CLOSE } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import { live } from "./_live.ts";
import { signalName, signalNumber, UNCATCHABLE } from "./_signal_numbers.ts";

interface Entry {
  callback: () => void;
  readonly listener: () => void;
}

const byLoop = new WeakMap<EventLoop, Map<Deno.Signal, Entry>>();

// Deno does not keep the process alive for a signal listener; a loop waiting
// for a signal must not see the process exit under it. One ref'd interval is
// held while any handler is registered.
const KEEP_ALIVE_MS = 2 ** 31 - 1;
let keepAlive: ReturnType<typeof setInterval> | undefined;
let registered = 0;

function retain(): void {
  if (registered++ === 0) keepAlive = setInterval(() => {}, KEEP_ALIVE_MS);
}

function release(): void {
  if (--registered === 0) {
    clearInterval(keepAlive);
    keepAlive = undefined;
  }
}

/** The canonical `Deno.Signal` name of `sig`, or a TypeError naming it. */
function resolveSignal(sig: unknown, what: string): Deno.Signal {
  if (typeof sig === "number") {
    const name = Number.isInteger(sig) ? signalName(sig) : undefined;
    if (name === undefined) {
      throw new TypeError(`${what}: invalid signal number ${sig} on ${Deno.build.os}`);
    }
    return name as Deno.Signal;
  }
  if (typeof sig === "string") {
    const number = signalNumber(sig);
    if (number === undefined) {
      throw new TypeError(`${what}: invalid signal ${JSON.stringify(sig)} on ${Deno.build.os}`);
    }
    return signalName(number) as Deno.Signal;
  }
  throw new TypeError(`${what}: expected a signal name or number, got ${describe(sig)}`);
}

function removeEntry(signal: Deno.Signal, entry: Entry): void {
  try {
    Deno.removeSignalListener(signal, entry.listener);
  } finally {
    live.signalListeners--;
    release();
  }
}

function removeAll(loop: EventLoop): void {
  const entries = byLoop.get(loop);
  if (entries === undefined) return;
  byLoop.delete(loop);
  for (const [signal, entry] of entries) removeEntry(signal, entry);
}

/**
 * Installs `callback` for `sig` on `loop` (replacing the loop's previous
 * handler of `sig`). Called through `loop.addSignalHandler()`.
 *
 * @throws {TypeError} For something that is not a signal of this platform.
 * @throws {RuntimeError} For a signal that cannot be caught (`SIGKILL`,
 * `SIGSTOP`, and those Deno refuses: `SIGILL`, `SIGFPE`, `SIGSEGV`).
 */
export function addSignalHandler(
  loop: EventLoop,
  sig: Deno.Signal | number,
  callback: () => void,
): void {
  const what = "addSignalHandler()";
  const signal = resolveSignal(sig, what);
  if (UNCATCHABLE.has(signal)) {
    throw new RuntimeError(`${what}: signal ${signal} cannot be caught`);
  }
  let entries = byLoop.get(loop);
  const existing = entries?.get(signal);
  if (existing !== undefined) {
    existing.callback = callback;
    return;
  }
  const entry: Entry = {
    callback,
    listener: () => {
      if (!loop.isClosed()) loop.callSoonThreadsafe(entry.callback);
    },
  };
  try {
    Deno.addSignalListener(signal, entry.listener);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof TypeError && message.includes("not allowed")) {
      throw new RuntimeError(`${what}: signal ${signal} cannot be caught in Deno`, { cause: e });
    }
    if (e instanceof TypeError && message.includes("Invalid signal")) {
      throw new TypeError(`${what}: signal ${signal} is not supported on ${Deno.build.os}`, {
        cause: e,
      });
    }
    throw e;
  }
  live.signalListeners++;
  retain();
  if (entries === undefined) {
    entries = new Map();
    byLoop.set(loop, entries);
    loop[ON_CLOSE](() => removeAll(loop));
  }
  entries.set(signal, entry);
}

/**
 * Removes `loop`'s handler of `sig`. Called through `loop.removeSignalHandler()`.
 *
 * @returns Whether a handler was removed.
 * @throws {TypeError} For something that is not a signal of this platform.
 */
export function removeSignalHandler(loop: EventLoop, sig: Deno.Signal | number): boolean {
  const signal = resolveSignal(sig, "removeSignalHandler()");
  const entries = byLoop.get(loop);
  const entry = entries?.get(signal);
  if (entry === undefined) return false;
  entries!.delete(signal);
  removeEntry(signal, entry);
  return true;
}
