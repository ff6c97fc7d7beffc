// Copyright 2026 the @denoio/asyncio authors. MIT license.
// `loop.createDatagramEndpoint()`: binds a Deno UDP socket and wires it to a
// protocol through a UdpTransport.
import type { EventLoop } from "../loop/event_loop.ts";
import type { Address, AddrInfo, CreateDatagramEndpointOptions } from "../loop/io.ts";
import { checkCallable, describe } from "../loop/_internal.ts";
import type { DatagramProtocol, ProtocolFactory } from "../protocols/protocols.ts";
import type { DatagramTransport } from "./transport.ts";
import { checkAddress, listenDatagram, localHostFor, wildcardHost } from "./_address.ts";
import { connectedOrUndo, protocolFor } from "./_net.ts";
import { TAKE_DATAGRAM, VIEW } from "./_socket_internal.ts";
import { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC, SOCK_DGRAM } from "./constants.ts";
import { getaddrinfo } from "./dns.ts";
import { UdpTransport } from "./datagram_transport.ts";
import { Socket } from "./socket.ts";

const OWNER = "a datagram transport";

async function resolve(
  loop: EventLoop,
  addr: Address,
  family: number,
  what: string,
): Promise<AddrInfo[]> {
  checkAddress(addr, `createDatagramEndpoint(): ${what}`);
  const infos = await getaddrinfo(loop, addr[0] === "" ? null : addr[0], addr[1], {
    family,
    type: SOCK_DGRAM,
    flags: addr[0] === "" ? 1 /* AI_PASSIVE */ : 0,
  });
  if (infos.length === 0) {
    throw new Deno.errors.NotFound(
      `createDatagramEndpoint(): ${what} ${JSON.stringify(addr)} resolved to nothing`,
    );
  }
  return infos;
}

/** Picks the first family both addresses have (local first, as Python pairs them). */
async function bindFor(
  loop: EventLoop,
  options: CreateDatagramEndpointOptions,
  family: number,
): Promise<{ conn: Deno.DatagramConn; remote: Address | null; family: number }> {
  const { localAddr, remoteAddr } = options;
  const locals = localAddr ? await resolve(loop, localAddr, family, "localAddr") : null;
  const remotes = remoteAddr ? await resolve(loop, remoteAddr, family, "remoteAddr") : null;
  const reuseAddress = options.reusePort === true;
  let lastError: unknown = null;
  const families = [AF_INET, AF_INET6].filter((f) =>
    (family === AF_UNSPEC || family === f) &&
    (locals === null || locals.some((i) => i[0] === f)) &&
    (remotes === null || remotes.some((i) => i[0] === f))
  );
  if (families.length === 0) {
    throw new TypeError(
      `createDatagramEndpoint(): localAddr ${JSON.stringify(localAddr)} and remoteAddr ` +
        `${JSON.stringify(remoteAddr)} have no address family in common`,
    );
  }
  // Order by the first usable entry of the local (else remote) list.
  const order = (locals ?? remotes)!.map((i) => i[0]).filter((f) => families.includes(f));
  for (const f of [...new Set(order)]) {
    const remote = remotes?.find((i) => i[0] === f)?.[4] ?? null;
    const local = locals?.find((i) => i[0] === f)?.[4] ??
      [localHostFor(remote![0], f), 0] as Address;
    try {
      const conn = listenDatagram({
        transport: "udp",
        hostname: local[0],
        port: local[1],
        reuseAddress,
      });
      return { conn, remote, family: f };
    } catch (e) {
      if (e instanceof Deno.errors.NotCapable) throw e;
      lastError = e;
    }
  }
  throw lastError;
}

/**
 * Creates a UDP endpoint. The provider of `loop.createDatagramEndpoint()`;
 * see the loop's docs.
 */
export async function createDatagramEndpoint<P extends DatagramProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  options: CreateDatagramEndpointOptions = {},
): Promise<[DatagramTransport, P]> {
  checkCallable(factory, "createDatagramEndpoint(): protocolFactory");
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      `createDatagramEndpoint(): options must be an object, got ${describe(options)}`,
    );
  }
  const { sock, family = AF_UNSPEC } = options;
  let conn: Deno.DatagramConn;
  let remote: Address | null;
  let fam: number;
  let view: Socket;
  if (sock != null) {
    const modifiers =
      (["localAddr", "remoteAddr", "family", "reusePort", "allowBroadcast"] as const)
        .filter((k) => options[k] != null && options[k] !== false && options[k] !== 0);
    if (modifiers.length > 0) {
      throw new TypeError(
        `createDatagramEndpoint(): socket modifier options cannot be used with sock: ${
          modifiers.join(", ")
        }`,
      );
    }
    if (!(sock instanceof Socket)) {
      throw new TypeError(
        `createDatagramEndpoint(): sock must be a Socket of this library, got ${describe(sock)}`,
      );
    }
    ({ conn, peer: remote } = sock[TAKE_DATAGRAM](OWNER));
    fam = sock.family;
    view = sock;
  } else {
    if (family === AF_UNIX) {
      throw new RangeError(
        "createDatagramEndpoint(): AF_UNIX datagram endpoints are not supported by Deno",
      );
    }
    if (family !== AF_UNSPEC && family !== AF_INET && family !== AF_INET6) {
      throw new RangeError(
        `createDatagramEndpoint(): unsupported address family ${describe(family)} ` +
          "(expected AF_INET (2), AF_INET6 (10) or AF_UNSPEC (0))",
      );
    }
    if (!options.localAddr && !options.remoteAddr) {
      if (family === AF_UNSPEC) {
        throw new TypeError(
          "createDatagramEndpoint(): unexpected address family: give family, localAddr or remoteAddr",
        );
      }
      conn = listenDatagram({ transport: "udp", hostname: wildcardHost(family), port: 0 });
      remote = null;
      fam = family;
    } else {
      ({ conn, remote, family: fam } = await bindFor(loop, options, family));
    }
    view = Socket[VIEW](conn, fam, remote, OWNER);
  }
  const protocol = protocolFor(factory, conn);
  const transport = new UdpTransport(loop, conn, protocol, remote, () => view);
  const waiter = loop.createFuture<void>();
  transport.start(waiter);
  await connectedOrUndo(waiter, () => transport.abort());
  return [transport, protocol];
}
