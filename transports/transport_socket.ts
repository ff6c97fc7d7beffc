// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The read-only socket view that transports and servers hand out.
 *
 * @module
 */
import { RuntimeError } from "../errors.ts";
import type { Address, SocketLike } from "../loop/io.ts";
import { addressOf, familyOf, SOCK_STREAM } from "./_net.ts";

/**
 * A read-only view of a transport's or server's socket: its addresses and
 * family. Returned by `transport.getExtraInfo("socket")` and listed in
 * `Server.sockets`.
 *
 * Mirrors Python's `asyncio.trsock.TransportSocket`. Differences from Python:
 * Deno exposes no file descriptors, so `fileno()` is `-1`, and there are no
 * socket options to get or set.
 *
 * @example
 * ```ts
 * import { getRunningLoop, run, type TransportSocket } from "@denoio/asyncio";
 * await run(async () => {
 *   const server = await getRunningLoop().createServer(() => ({}), "127.0.0.1", 0);
 *   const [host, port] = (server.sockets[0] as TransportSocket).getsockname() as [string, number];
 *   console.assert(host === "127.0.0.1" && port > 0);
 *   server.close();
 *   await server.waitClosed();
 * });
 * ```
 */
export class TransportSocket implements SocketLike {
  #local: Deno.Addr;
  #remote: Deno.Addr | null;

  /**
   * Creates a view of a connection's or listener's addresses. Internal: transports and servers
   * make these.
   *
   * @param local The local address.
   * @param remote The peer's address (`null` for a listener).
   */
  constructor(local: Deno.Addr, remote: Deno.Addr | null = null) {
    this.#local = local;
    this.#remote = remote;
  }

  /** The address family: `AF_INET` (2), `AF_INET6` (10) or `AF_UNIX` (1). */
  get family(): number {
    return familyOf(this.#local);
  }

  /** The socket type: `SOCK_STREAM` (1). */
  get type(): number {
    return SOCK_STREAM;
  }

  /** Always `-1`: Deno exposes no file descriptors. */
  fileno(): number {
    return -1;
  }

  /** The local address: `[host, port]`, or the path of a Unix socket. */
  getsockname(): Address | string {
    return addressOf(this.#local);
  }

  /**
   * The peer's address: `[host, port]`, or the path of a Unix socket.
   *
   * @throws {Deno.errors.NotConnected} For a listening socket.
   */
  getpeername(): Address | string {
    if (this.#remote === null) {
      throw new Deno.errors.NotConnected("getpeername(): a listening socket has no peer");
    }
    return addressOf(this.#remote);
  }

  /**
   * Not allowed: close the transport or server that owns the socket.
   *
   * @throws {RuntimeError} Always.
   */
  close(): void {
    throw new RuntimeError(
      "TransportSocket.close(): close the transport or server that owns the socket instead",
    );
  }

  /** A description with the addresses. */
  toString(): string {
    const local = JSON.stringify(this.getsockname());
    const peer = this.#remote === null ? "" : ` raddr=${JSON.stringify(addressOf(this.#remote))}`;
    return `<TransportSocket family=${this.family} type=${this.type} laddr=${local}${peer}>`;
  }
}
