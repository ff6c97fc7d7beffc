// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Small shared helpers of the stream transports: address conversion, argument checks, the
// connection-error test and loop-aware awaiting of Deno promises. Internal.
import type { EventLoop } from "../loop/event_loop.ts";
import { describe } from "../loop/_internal.ts";
import type { Address } from "../loop/io.ts";

/** Linux values of the socket constants the transports report (the public ones live with `Socket`). */
export const AF_UNIX = 1;
/** IPv4. */
export const AF_INET = 2;
/** IPv6. */
export const AF_INET6 = 10;
/** Stream sockets. */
export const SOCK_STREAM = 1;
/**
 * A protocol method that returned a promise (an `async` method) gets its rejection reported
 * through the loop's exception handler, as a throw from it would be: left unhandled, it would end
 * the Deno process. (Python never runs a coroutine a protocol method returns; here it runs.)
 */
export function reportRejection(
  loop: EventLoop,
  result: unknown,
  name: string,
  transport: unknown,
  protocol: unknown,
): void {
  if (typeof (result as PromiseLike<unknown> | null)?.then !== "function") return;
  Promise.resolve(result).then(undefined, (exception) => {
    if (loop.isClosed()) return;
    loop.callExceptionHandler({
      message: `protocol.${name}() rejected`,
      exception,
      transport,
      protocol,
    });
  });
}

/**
 * `data` as a `Uint8Array`: itself, or a view of any other `ArrayBufferView` (a `DataView`, an
 * `Int16Array`...), as Python takes any bytes-like object.
 *
 * @throws {TypeError} For anything else, naming `what`.
 */
export function toBytes(data: unknown, what: string): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }
  throw new TypeError(`${what}: data must be a Uint8Array, got ${describe(data)}`);
}

/** Writes after a transport closed or lost its connection warn from this many on (asyncio's). */
export const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

/**
 * The symbol through which a library `Socket` hands over its connected `Deno.Conn` (and forgets
 * it), so `createConnection({ sock })` and `connectAcceptedSocket()` can wrap it.
 */
export const TAKE_CONN: unique symbol = Symbol.for("@denoio/asyncio.takeConn") as never;

/** `[host, port]` of a `Deno.Addr`, or the path of a Unix address. */
export function addressOf(addr: Deno.Addr): Address | string {
  if (addr.transport === "tcp" || addr.transport === "udp") return [addr.hostname, addr.port];
  if (addr.transport === "unix" || addr.transport === "unixpacket") return addr.path ?? "";
  return "";
}

/** The family of a `Deno.Addr`. */
export function familyOf(addr: Deno.Addr): number {
  if (addr.transport === "tcp" || addr.transport === "udp") {
    return addr.hostname.includes(":") ? AF_INET6 : AF_INET;
  }
  return AF_UNIX;
}

/** Throws a RangeError unless `seconds` is a positive number (or undefined). */
export function checkTimeout(seconds: unknown, what: string): number | undefined {
  if (seconds === undefined || seconds === null) return undefined;
  if (typeof seconds !== "number" || !(seconds > 0)) {
    throw new RangeError(`${what}: expected a number of seconds > 0, got ${show(seconds)}`);
  }
  return seconds;
}

/** A value for an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  return `object ${value.constructor?.name ?? "Object"}`;
}

/**
 * Whether `e` is an OS-level connection error (Python's `OSError` family on a socket), which
 * transports report to the protocol only, not to the loop's exception handler.
 */
export function isConnectionError(e: unknown): boolean {
  return e instanceof Deno.errors.ConnectionReset || e instanceof Deno.errors.ConnectionAborted ||
    e instanceof Deno.errors.BrokenPipe || e instanceof Deno.errors.NotConnected ||
    e instanceof Deno.errors.UnexpectedEof || e instanceof Deno.errors.TimedOut ||
    e instanceof Deno.errors.ConnectionRefused || e instanceof Deno.errors.Interrupted ||
    e instanceof Deno.errors.BadResource || e instanceof Deno.errors.InvalidData;
}

/**
 * Awaits a Deno promise through a loop future, so that cancelling the awaiting task reaches it;
 * a value that arrives after the cancellation goes to `onLate` (to close it).
 */
export async function awaitIo<T>(
  loop: EventLoop,
  promise: Promise<T>,
  onLate?: (value: T) => void,
): Promise<T> {
  const future = loop.createFuture<T>();
  promise.then(
    (value) => {
      if (future.done() || loop.isClosed()) onLate?.(value);
      else future.setResult(value);
    },
    (error) => {
      if (!future.done() && !loop.isClosed()) future.setException(error);
    },
  );
  return await future;
}

/** Calls a protocol factory; if it throws, `resource` (the connection it was for) is closed. */
export function protocolFor<P>(factory: () => P, resource: { close(): void }): P {
  try {
    return factory();
  } catch (e) {
    resource.close();
    throw e;
  }
}

/**
 * Awaits a new transport's "connected" signal; if that fails (the task was cancelled, the
 * protocol's `connectionMade()` threw), `undo` closes the transport before the error goes on.
 */
export async function connectedOrUndo(
  connected: PromiseLike<unknown>,
  undo: () => void,
): Promise<void> {
  try {
    await connected;
  } catch (e) {
    undo();
    throw e;
  }
}

/** Closes a Deno resource that may be closed already (Deno throws `BadResource` then). */
export function closeQuietly(resource: { close(): void } | null | undefined): void {
  try {
    resource?.close();
  } catch {
    // already closed
  }
}
