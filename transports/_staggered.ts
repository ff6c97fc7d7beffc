// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Happy Eyeballs for createConnection(): the address order (`interleave`) and the staggered race
// of connection attempts (`happyEyeballsDelay`). Internal; Python keeps the race in
// asyncio/staggered.py.
import type { EventLoop } from "../loop/event_loop.ts";
import type { TimerHandle } from "../loop/handle.ts";

/**
 * Reorders addresses so that families alternate: the first `firstFamilyCount` addresses of the
 * first family come first, then one address of each family in turn (RFC 8305, section 4).
 * Families are told apart by a `:` in the address (IPv6).
 */
export function interleaveAddresses(hosts: readonly string[], firstFamilyCount: number): string[] {
  const byFamily = new Map<boolean, string[]>();
  for (const host of hosts) {
    const v6 = host.includes(":");
    const list = byFamily.get(v6);
    if (list === undefined) byFamily.set(v6, [host]);
    else list.push(host);
  }
  const lists = [...byFamily.values()];
  const out = lists[0]?.splice(0, firstFamilyCount - 1) ?? [];
  for (let i = 0; out.length < hosts.length; i++) {
    for (const list of lists) if (i < list.length) out.push(list[i]);
  }
  return out;
}

/** One connection attempt: resolves to its connection; `signal` aborts it once it lost. */
export type Attempt<T> = (index: number, signal: AbortSignal) => Promise<T>;

/**
 * Runs `count` attempts and resolves to the first that succeeds. Attempt 0 starts at once; the
 * next one starts when the latest has failed or, with `delay` (seconds) not `null`, when `delay`
 * has passed since it started, whichever comes first. Once one wins, the others are aborted and a
 * late success is handed to `discard`. If every attempt fails, rejects with the error (one
 * attempt, or every error alike) or an `AggregateError` of them all. Cancelling the waiting task
 * aborts every attempt.
 */
export async function staggeredRace<T>(
  loop: EventLoop,
  count: number,
  attempt: Attempt<T>,
  delay: number | null,
  discard: (value: T) => void,
): Promise<T> {
  const result = loop.createFuture<T>();
  const errors: unknown[] = [];
  const aborts: (AbortController | null)[] = [];
  let running = 0;
  let timer: TimerHandle | null = null;

  const startNext = (): void => {
    timer?.cancel();
    timer = null;
    const index = aborts.length;
    if (index >= count || result.done()) return;
    const abort = new AbortController();
    aborts.push(abort);
    running++;
    attempt(index, abort.signal).then(
      (value) => {
        running--;
        aborts[index] = null;
        if (result.done() || loop.isClosed()) return discard(value);
        result.setResult(value);
      },
      (error) => {
        running--;
        aborts[index] = null;
        errors[index] = error;
        if (result.done() || loop.isClosed()) return;
        if (aborts.length < count) startNext();
        else if (running === 0) result.setException(combined(errors));
      },
    );
    if (delay !== null && aborts.length < count) timer = loop.callLater(delay, startNext);
  };

  result.addDoneCallback(() => {
    timer?.cancel();
    for (const abort of aborts) abort?.abort();
  });
  startNext();
  return await result;
}

/** Python's rule: the one error, the first of identical ones, or all of them. */
function combined(errors: unknown[]): unknown {
  const messages = errors.map(String);
  if (messages.every((m) => m === messages[0])) return errors[0];
  return new AggregateError(errors, `Multiple exceptions: ${messages.join(", ")}`);
}
