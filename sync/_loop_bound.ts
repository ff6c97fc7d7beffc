// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Python's `_LoopBoundMixin`: a primitive binds to the running loop the first time it needs one.
import { RuntimeError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import { _getRunningLoop } from "../loop/running_loop.ts";

/**
 * The running loop, checked against the loop `bound` (the one the primitive
 * already uses, or `null`). Callers store the result as their loop.
 *
 * @throws {RuntimeError} With no running loop, or when `bound` is another loop.
 */
export function bindLoop(bound: EventLoop | null, owner: object): EventLoop {
  const loop = _getRunningLoop();
  if (loop === null) {
    throw new RuntimeError(
      `${owner} needs a running event loop: use it from code the loop runs (asyncio.run())`,
    );
  }
  if (bound !== null && bound !== loop) {
    throw new RuntimeError(`${owner} is bound to a different event loop`);
  }
  return loop;
}
