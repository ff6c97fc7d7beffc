// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The loop's `sock*()` coroutines: each tries the non-blocking Socket call and,
// on BlockingIOError, waits on a loop future (so cancellation reaches it) until
// the socket's state changes.
import { BlockingIOError, SendfileNotAvailableError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import {
  type Address,
  futureFromPromise,
  type SendfileSource,
  type SocketLike,
} from "../loop/io.ts";
import { describe } from "../loop/_internal.ts";
import { checkAddress } from "./_address.ts";
import {
  CONNECT,
  CONNECT_DGRAM,
  DRAINED,
  READY,
  type ReadyKind,
  WATCH,
} from "./_socket_internal.ts";
import { AF_UNIX, SOCK_DGRAM, SOCK_STREAM } from "./constants.ts";
import { getaddrinfo } from "./dns.ts";
import { Socket } from "./socket.ts";

const SENDFILE_CHUNK = 64 * 1024;

function socketOf(sock: SocketLike, what: string): Socket {
  if (!(sock instanceof Socket)) {
    throw new TypeError(`${what}: sock must be a Socket of this library, got ${describe(sock)}`);
  }
  return sock;
}

/** Waits (on a loop future) until `sock` reports a state change of `kind`. */
async function changed(loop: EventLoop, sock: Socket, kind: ReadyKind): Promise<void> {
  const future = loop.createFuture<void>();
  const wake = () => {
    if (!future.done() && !loop.isClosed()) future.setResult(undefined);
  };
  const unsubscribe = sock[WATCH](kind, wake);
  try {
    if (kind === "read") sock[READY]("read"); // starts a read if none is in flight
    await future;
  } finally {
    unsubscribe();
  }
}

/** Retries `attempt` until it does not throw BlockingIOError. */
async function retry<T>(
  loop: EventLoop,
  sock: Socket,
  kind: ReadyKind,
  attempt: () => T,
): Promise<T> {
  for (;;) {
    try {
      return attempt();
    } catch (e) {
      if (!(e instanceof BlockingIOError)) throw e;
    }
    await changed(loop, sock, kind);
  }
}

/** The provider of `loop.sockRecv()`. */
export function sockRecv(loop: EventLoop, sock: SocketLike, n: number): Promise<Uint8Array> {
  const s = socketOf(sock, "sockRecv()");
  return retry(loop, s, "read", () => s.recv(n));
}

/** The provider of `loop.sockRecvInto()`. */
export function sockRecvInto(loop: EventLoop, sock: SocketLike, buf: Uint8Array): Promise<number> {
  const s = socketOf(sock, "sockRecvInto()");
  return retry(loop, s, "read", () => s.recvInto(buf));
}

/** The provider of `loop.sockRecvfrom()`. */
export function sockRecvfrom(
  loop: EventLoop,
  sock: SocketLike,
  n: number,
): Promise<[Uint8Array, Address]> {
  const s = socketOf(sock, "sockRecvfrom()");
  return retry(loop, s, "read", () => s.recvfrom(n));
}

/** The provider of `loop.sockSendall()`: resolves once every byte reached the Deno socket. */
export async function sockSendall(
  loop: EventLoop,
  sock: SocketLike,
  data: Uint8Array,
): Promise<void> {
  const s = socketOf(sock, "sockSendall()");
  let offset = 0;
  const bytes = data;
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`sockSendall(): data must be a Uint8Array, got ${describe(data)}`);
  }
  while (offset < bytes.length) {
    offset += await retry(loop, s, "write", () => s.send(bytes.subarray(offset)));
  }
  while (!s[DRAINED]()) await changed(loop, s, "write");
  s.send(new Uint8Array(0)); // surfaces a failed or closed socket
}

/** The provider of `loop.sockSendto()`. */
export function sockSendto(
  loop: EventLoop,
  sock: SocketLike,
  data: Uint8Array,
  addr: Address,
): Promise<number> {
  const s = socketOf(sock, "sockSendto()");
  return retry(loop, s, "write", () => s.sendto(data, addr));
}

/** The provider of `loop.sockConnect()`: resolves the host, then connects. */
export async function sockConnect(
  loop: EventLoop,
  sock: SocketLike,
  addr: Address | string,
): Promise<void> {
  const s = socketOf(sock, "sockConnect()");
  if (s.family === AF_UNIX) {
    if (typeof addr !== "string") {
      throw new TypeError(
        `sockConnect(): an AF_UNIX address must be a path string, got ${describe(addr)}`,
      );
    }
    await connectStream(loop, s, addr);
    return;
  }
  checkAddress(addr, "sockConnect()");
  const [host, port] = addr as Address;
  const infos = await getaddrinfo(loop, host, port, { family: s.family, type: s.type });
  const target = infos[0][4];
  if (s.type === SOCK_DGRAM) s[CONNECT_DGRAM](target);
  else await connectStream(loop, s, target);
}

async function connectStream(
  loop: EventLoop,
  sock: Socket,
  target: Address | string,
): Promise<void> {
  const controller = new AbortController();
  try {
    await futureFromPromise(loop, sock[CONNECT](target, controller.signal));
  } catch (e) {
    controller.abort();
    throw e;
  }
}

/** The provider of `loop.sockAccept()`: the accepted socket is non-blocking. */
export async function sockAccept(
  loop: EventLoop,
  sock: SocketLike,
): Promise<[Socket, Address | string]> {
  const s = socketOf(sock, "sockAccept()");
  const accepted = await retry(loop, s, "read", () => s.accept());
  accepted[0].setblocking(false);
  return accepted;
}

/**
 * The provider of `loop.sockSendfile()`: reads the file in chunks and sends
 * them (Deno has no zero-copy sendfile).
 */
export async function sockSendfile(
  loop: EventLoop,
  sock: SocketLike,
  file: SendfileSource,
  offset = 0,
  count: number | null = null,
  options: { fallback?: boolean } = {},
): Promise<number> {
  const s = socketOf(sock, "sockSendfile()");
  if (s.type !== SOCK_STREAM) {
    throw new TypeError("sockSendfile(): only SOCK_STREAM sockets are supported");
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(
      `sockSendfile(): offset must be a non-negative integer, got ${describe(offset)}`,
    );
  }
  if (count !== null && (!Number.isInteger(count) || count <= 0)) {
    throw new RangeError(
      `sockSendfile(): count must be a positive integer or null, got ${describe(count)}`,
    );
  }
  if (options.fallback === false) {
    throw new SendfileNotAvailableError(
      "sockSendfile(): Deno has no zero-copy sendfile; call it with { fallback: true } (the default) to copy in chunks",
    );
  }
  if (typeof file?.read !== "function" || typeof file?.seek !== "function") {
    throw new TypeError(`sockSendfile(): file must be a Deno.FsFile, got ${describe(file)}`);
  }
  await futureFromPromise(loop, file.seek(offset, Deno.SeekMode.Start));
  const buf = new Uint8Array(SENDFILE_CHUNK);
  let total = 0;
  while (count === null || total < count) {
    const want = count === null ? buf.length : Math.min(buf.length, count - total);
    const n = await futureFromPromise(loop, file.read(buf.subarray(0, want)));
    if (n === null || n === 0) break;
    await sockSendall(loop, s, buf.slice(0, n));
    total += n;
  }
  return total;
}
