// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Shared helpers for the tests of tasks/.
import {
  type Awaitable,
  type ExceptionContext,
  newEventLoop,
  run,
  VirtualClock,
} from "../../mod.ts";

/** Runs `main` on a new loop with a virtual clock: long sleeps and timeouts take no real time. */
export function runVirtual<T>(main: Awaitable<T>): Promise<T> {
  return run(main, { clock: new VirtualClock() });
}

/**
 * Runs `main` on a new virtual-clock loop, closes it, and returns `main`'s
 * result with the messages the loop's exception handler got (including the
 * "exception was never retrieved" reports made at close).
 */
export async function runCapturing<T>(
  main: Awaitable<T>,
): Promise<{ value: T; reports: ExceptionContext[] }> {
  const loop = newEventLoop({ clock: new VirtualClock() });
  const reports: ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => reports.push(context));
  try {
    const value = await loop.runUntilComplete(main);
    return { value, reports };
  } finally {
    loop.close();
  }
}
