// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Helpers shared by the read and write pipe transports (and the subprocess transport).
import { describe, ON_CLOSE } from "../loop/_internal.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import { reportRejection } from "./_net.ts";

/** Whether `e` is one of Deno's OS errors (Python's `OSError` family). */
export function isOsError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  for (const cls of Object.values(Deno.errors)) {
    if (e instanceof cls) return true;
  }
  return false;
}

/** Whether `e` means the other end of a pipe went away (Python's `BrokenPipeError`, `ConnectionResetError`). */
export function isPipeGone(e: unknown): boolean {
  return e instanceof Deno.errors.BrokenPipe || e instanceof Deno.errors.ConnectionReset;
}

/** The `ReadableStream` of `pipe`: the stream itself, or its `.readable`. */
export function readableOf(pipe: unknown, what: string): ReadableStream<Uint8Array> {
  return endOf(pipe, ReadableStream<Uint8Array>, "readable", what);
}

/** The `WritableStream` of `pipe`: the stream itself, or its `.writable`. */
export function writableOf(pipe: unknown, what: string): WritableStream<Uint8Array> {
  return endOf(pipe, WritableStream<Uint8Array>, "writable", what);
}

function endOf<S extends object>(
  pipe: unknown,
  kind: abstract new (...args: never[]) => S,
  key: "readable" | "writable",
  what: string,
): S {
  if (pipe instanceof kind) return pipe;
  const end = (pipe as Record<string, unknown> | null)?.[key];
  if (end instanceof kind) return end;
  throw new TypeError(
    `${what}: pipe must be a ${kind.name} or have a .${key} ${kind.name}, got ${describe(pipe)}`,
  );
}

/** Something that lets go of its Deno resources when its loop closes. */
export interface LoopResource {
  /** Releases the resource without calling any protocol method. */
  releaseOnLoopClose(): void;
}

const live = new WeakMap<EventLoop, Set<LoopResource>>();

/**
 * Tracks `resource` until {@linkcode untrack}; if the loop closes first, the
 * resource is released (pending reads cancelled, writers aborted, children
 * unref'd), so nothing keeps the process alive after `run()` returns.
 */
export function track(loop: EventLoop, resource: LoopResource): void {
  let set = live.get(loop);
  if (set === undefined) {
    const fresh = new Set<LoopResource>();
    set = fresh;
    live.set(loop, fresh);
    loop[ON_CLOSE](() => {
      live.delete(loop);
      for (const r of fresh) {
        try {
          r.releaseOnLoopClose();
        } catch {
          // best effort: the loop is going away
        }
      }
      fresh.clear();
    });
  }
  set.add(resource);
}

/** Stops tracking `resource`. */
export function untrack(loop: EventLoop, resource: LoopResource): void {
  live.get(loop)?.delete(resource);
}

/** The arguments of a protocol method called without any (shared: never modified). */
export const NO_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];

/**
 * Calls `protocol[name](...args)` if defined, reporting a throw (with
 * `transport` in the context) to the loop's exception handler.
 */
export function callProtocol(
  loop: EventLoop,
  protocol: object,
  name: string,
  args: unknown[],
  transport: object,
): unknown {
  const fn = (protocol as Record<string, unknown>)[name];
  if (typeof fn !== "function") return undefined;
  try {
    const result = fn.apply(protocol, args);
    if (result !== undefined) reportRejection(loop, result, name, transport, protocol);
    return result;
  } catch (e) {
    reportProtocolError(loop, protocol, name, e, transport);
    return undefined;
  }
}

/** Reports that `protocol[name]()` threw `exception`. */
export function reportProtocolError(
  loop: EventLoop,
  protocol: object,
  name: string,
  exception: unknown,
  transport: object,
): void {
  loop.callExceptionHandler({
    message: `protocol.${name}() failed`,
    exception,
    protocol,
    transport,
  });
}
