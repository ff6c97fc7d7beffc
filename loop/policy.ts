// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Event loop policy: thin compatibility shims over "one current loop per
 * thread".
 *
 * @module
 */
import { EventLoop, type EventLoopOptions } from "./event_loop.ts";
import { _getCurrentLoop, _getRunningLoop, _setCurrentLoop } from "./running_loop.ts";

/**
 * A new event loop.
 *
 * Mirrors Python's `asyncio.new_event_loop()`. Differences from Python: takes
 * `{ clock, debug }`, e.g. `{ clock: new VirtualClock() }` for virtual time.
 *
 * @example
 * ```ts
 * import { newEventLoop, VirtualClock } from "@denoio/asyncio";
 * const loop = newEventLoop({ clock: new VirtualClock() });
 * console.assert(loop.time() === 0);
 * loop.close();
 * ```
 */
export function newEventLoop(options: EventLoopOptions = {}): EventLoop {
  return getEventLoopPolicy().newEventLoop(options);
}

/**
 * The running loop, else the thread's current loop (created on first use).
 *
 * Mirrors Python's `asyncio.get_event_loop()`.
 *
 * @example
 * ```ts
 * import { getEventLoop, setEventLoop } from "@denoio/asyncio";
 * const loop = getEventLoop();
 * console.assert(getEventLoop() === loop);
 * setEventLoop(null);
 * loop.close();
 * ```
 */
export function getEventLoop(): EventLoop {
  return _getRunningLoop() ?? getEventLoopPolicy().getEventLoop();
}

/**
 * Sets the thread's current loop (`null` to unset).
 *
 * Mirrors Python's `asyncio.set_event_loop()`.
 *
 * @example
 * ```ts
 * import { getEventLoop, newEventLoop, setEventLoop } from "@denoio/asyncio";
 * const loop = newEventLoop();
 * setEventLoop(loop);
 * console.assert(getEventLoop() === loop);
 * setEventLoop(null);
 * loop.close();
 * ```
 */
export function setEventLoop(loop: EventLoop | null): void {
  getEventLoopPolicy().setEventLoop(loop);
}

/**
 * The default policy: one current loop per JS thread (Worker).
 *
 * Mirrors Python's `asyncio.DefaultEventLoopPolicy` (deprecated there in 3.14;
 * kept as a shim).
 *
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy, setEventLoopPolicy } from "@denoio/asyncio";
 * setEventLoopPolicy(new DefaultEventLoopPolicy());
 * setEventLoopPolicy(null);
 * ```
 */
export class DefaultEventLoopPolicy {
  /** The current loop, created if there is none. */
  getEventLoop(): EventLoop {
    let loop = _getCurrentLoop();
    if (loop === null) {
      loop = this.newEventLoop();
      _setCurrentLoop(loop);
    }
    return loop;
  }

  /** Sets the current loop. */
  setEventLoop(loop: EventLoop | null): void {
    if (loop !== null && !(loop instanceof EventLoop)) {
      throw new TypeError("setEventLoop(): expected an EventLoop or null");
    }
    _setCurrentLoop(loop);
  }

  /** A new loop. */
  newEventLoop(options: EventLoopOptions = {}): EventLoop {
    return new EventLoop(options);
  }
}

let policy: DefaultEventLoopPolicy | null = null;

/**
 * The current policy.
 *
 * Mirrors Python's `asyncio.get_event_loop_policy()`.
 *
 * @example
 * ```ts
 * import { getEventLoopPolicy } from "@denoio/asyncio";
 * console.assert(typeof getEventLoopPolicy().newEventLoop === "function");
 * ```
 */
export function getEventLoopPolicy(): DefaultEventLoopPolicy {
  return policy ??= new DefaultEventLoopPolicy();
}

/**
 * Sets the policy (`null` restores the default).
 *
 * Mirrors Python's `asyncio.set_event_loop_policy()`.
 *
 * @example
 * ```ts
 * import { DefaultEventLoopPolicy, setEventLoopPolicy } from "@denoio/asyncio";
 * setEventLoopPolicy(new DefaultEventLoopPolicy());
 * setEventLoopPolicy(null);
 * ```
 */
export function setEventLoopPolicy(newPolicy: DefaultEventLoopPolicy | null): void {
  if (newPolicy !== null && !(newPolicy instanceof DefaultEventLoopPolicy)) {
    throw new TypeError("setEventLoopPolicy(): expected a DefaultEventLoopPolicy or null");
  }
  policy = newPolicy;
}
