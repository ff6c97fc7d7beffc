// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Which event loop is running now, and which one is current for this thread.
 *
 * @module
 */
import { RuntimeError } from "../errors.ts";
import type { EventLoop } from "./event_loop.ts";

let running: EventLoop | null = null;
let current: EventLoop | null = null;

/**
 * The loop running now (this JS thread runs at most one at a time).
 *
 * Mirrors Python's `asyncio.get_running_loop()`.
 *
 * @returns The running loop.
 * @throws {RuntimeError} When no loop is running.
 *
 * @example
 * ```ts
 * import { getRunningLoop, run } from "@denoio/asyncio";
 * await run(async () => {
 *   console.assert(getRunningLoop().isRunning());
 * });
 * ```
 */
export function getRunningLoop(): EventLoop {
  if (running === null) {
    throw new RuntimeError(
      "no running event loop: call this from code the loop runs (asyncio.run(), loop.runUntilComplete())",
    );
  }
  return running;
}

/** The running loop, or `null` (no error). Internal. */
export function _getRunningLoop(): EventLoop | null {
  return running;
}

/** Marks `loop` as running, or none with `null`. Internal: the loop calls it. */
export function _setRunningLoop(loop: EventLoop | null): void {
  running = loop;
}

/** The loop set with `setEventLoop()`, or `null`. Internal. */
export function _getCurrentLoop(): EventLoop | null {
  return current;
}

/** Sets the thread's current loop. Internal: the policy calls it. */
export function _setCurrentLoop(loop: EventLoop | null): void {
  current = loop;
}

/**
 * The loop a new future or primitive binds to: the running loop, else the
 * current one. Internal.
 */
export function _loopForNewObject(what: string): EventLoop {
  const loop = running ?? current;
  if (loop === null) {
    throw new RuntimeError(
      `${what} needs an event loop: create it inside asyncio.run() or pass { loop }`,
    );
  }
  return loop;
}
