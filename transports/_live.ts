// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The transports and servers still open on each loop: closing the loop closes them, so that a
// pending Deno read or accept cannot keep the process alive after `run()`. Internal.
import { ON_CLOSE } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";

/** Something that can drop its Deno resources without telling anyone. */
export interface Orphanable {
  /** Closes the Deno resources; no callback runs any more. */
  _orphan(): void;
}

const live = new WeakMap<EventLoop, Set<Orphanable>>();

/** Remembers `item` until {@linkcode untrack}; closes it if the loop closes first. */
export function track(loop: EventLoop, item: Orphanable): void {
  let set = live.get(loop);
  if (set === undefined) {
    const items = set = new Set();
    live.set(loop, items);
    loop[ON_CLOSE](() => {
      for (const each of [...items]) each._orphan();
      items.clear();
    });
  }
  set.add(item);
}

/** Forgets `item`. */
export function untrack(loop: EventLoop, item: Orphanable): void {
  live.get(loop)?.delete(item);
}
