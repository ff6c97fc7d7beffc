// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `socketpair()`: two connected Sockets.
 *
 * @module
 */
import { describe } from "../loop/_internal.ts";
import { ADOPT } from "./_socket_internal.ts";
import { AF_INET, AF_INET6, SOCK_STREAM } from "./constants.ts";
import { Socket } from "./socket.ts";

/**
 * Resolves to two connected stream Sockets, each in blocking mode.
 *
 * Mirrors Python's `socket.socketpair()`. Differences from Python: it is
 * async; the pair is a loopback TCP connection (through a temporary listener
 * on `127.0.0.1:0`, or `[::1]:0` for `AF_INET6`, closed at once; the
 * accepted peer is checked to be our own client), so it needs
 * `--allow-net=127.0.0.1` (or `[::1]`), and the default family is `AF_INET`
 * (Python's is `AF_UNIX`, which is not supported here).
 *
 * @param family `AF_INET` (default) or `AF_INET6`.
 * @param type `SOCK_STREAM` only.
 *
 * @example
 * ```ts
 * import { socketpair } from "@denoio/asyncio";
 * // Requires --allow-net=127.0.0.1
 * const [a, b] = await socketpair();
 * a.close();
 * b.close();
 * ```
 */
export async function socketpair(
  family: number = AF_INET,
  type: number = SOCK_STREAM,
): Promise<[Socket, Socket]> {
  if (family !== AF_INET && family !== AF_INET6) {
    throw new RangeError(
      `socketpair(): family must be AF_INET or AF_INET6, got ${describe(family)}`,
    );
  }
  if (type !== SOCK_STREAM) {
    throw new RangeError(`socketpair(): type must be SOCK_STREAM, got ${describe(type)}`);
  }
  const hostname = family === AF_INET ? "127.0.0.1" : "::1";
  const listener = Deno.listen({ hostname, port: 0 });
  try {
    const client = await Deno.connect({ hostname, port: listener.addr.port });
    const local = client.localAddr as Deno.NetAddr;
    for (;;) {
      let server: Deno.Conn;
      try {
        server = await listener.accept();
      } catch (e) {
        client.close();
        throw e;
      }
      const remote = server.remoteAddr as Deno.NetAddr;
      if (remote.port === local.port && remote.hostname === local.hostname) {
        return [Socket[ADOPT](client, family), Socket[ADOPT](server, family)];
      }
      server.close(); // someone else's connection
    }
  } finally {
    listener.close();
  }
}
