// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The loop's `createConnection()`, `createUnixConnection()` and `connectAcceptedSocket()`. Internal:
// users call them on the loop.
import type { EventLoop } from "../loop/event_loop.ts";
import type {
  CreateConnectionOptions,
  CreateUnixConnectionOptions,
  SocketLike,
  SSLContext,
  SSLOption,
} from "../loop/io.ts";
import type { BaseProtocol, ProtocolFactory } from "../protocols/protocols.ts";
import type { Transport } from "./transport.ts";
import { checkCallable } from "../loop/_internal.ts";
import {
  AF_INET,
  AF_INET6,
  awaitIo,
  checkTimeout,
  closeQuietly,
  connectedOrUndo,
  protocolFor,
  show,
  SOCK_STREAM,
  TAKE_CONN,
} from "./_net.ts";
import { StreamTransport, type TlsInfo } from "./_stream_transport.ts";
import { sslContextOf, tlsHandshake } from "./_tls.ts";
import { tlsOverConn } from "./start_tls.ts";
import { interleaveAddresses, staggeredRace } from "./_staggered.ts";
import { connectBound, NodeSocketConn } from "./_node_socket_conn.ts";
import { checkAddress, checkPort } from "./_address.ts";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Wraps a connected `conn` in a transport bound to a new protocol; resolves after `connectionMade`. */
export async function wrapConnection<P extends BaseProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  conn: Deno.Conn,
  tls: TlsInfo | null,
): Promise<[Transport, P]> {
  const protocol = protocolFor(factory, conn);
  const waiter = loop.createFuture<void>();
  const transport = new StreamTransport(loop, conn, protocol, { waiter, tls });
  await connectedOrUndo(waiter, () => transport.close());
  return [transport, protocol];
}

/**
 * Takes the Deno object out of a library `Socket` (its `detachConn()`, or the `TAKE_CONN`
 * symbol), which closes the socket without closing the object.
 */
export function detachFrom(sock: SocketLike, what: string): unknown {
  const s = sock as unknown as Record<PropertyKey, unknown> | null | undefined;
  const detach = s?.detachConn ?? s?.[TAKE_CONN];
  if (typeof detach !== "function") {
    throw new TypeError(`${what}: sock must be a stream Socket of this library, got ${show(sock)}`);
  }
  const type = s?.type;
  if (typeof type === "number" && type !== SOCK_STREAM) {
    throw new TypeError(`${what}: a stream Socket was expected, got ${String(sock)}`);
  }
  return detach.call(sock);
}

/** The `Deno.Conn` a connected library `Socket` hands over. */
export function takeConn(sock: SocketLike, what: string): Deno.Conn {
  const conn = detachFrom(sock, what) as Deno.Conn | Deno.Listener | null | undefined;
  if (conn === null || conn === undefined || typeof (conn as Deno.Conn).read !== "function") {
    (conn as Deno.Listener | null)?.close?.();
    throw new TypeError(`${what}: sock must be a connected stream Socket, got ${show(sock)}`);
  }
  return conn as Deno.Conn;
}

function checkSslOnly(context: SSLContext | null, options: object, what: string): void {
  for (const key of ["serverHostname", "sslHandshakeTimeout"]) {
    if (context === null && (options as Record<string, unknown>)[key] !== undefined) {
      throw new TypeError(`${what}: ${key} is only meaningful with ssl`);
    }
  }
  checkTimeout((options as { sslHandshakeTimeout?: unknown }).sslHandshakeTimeout, what);
}

/**
 * The addresses to try for `host`. IP literals are checked against `family`. A name is resolved
 * through the loop's `getaddrinfo()` when a family is asked for or `resolve` is set (Happy
 * Eyeballs needs the addresses); otherwise Deno.connect() resolves it.
 */
async function addressesFor(
  loop: EventLoop,
  host: string,
  port: number,
  family: number,
  resolve: boolean,
): Promise<string[]> {
  if (family !== 0 && family !== AF_INET && family !== AF_INET6) {
    throw new RangeError(`createConnection(): unsupported address family ${show(family)}`);
  }
  const isV6 = host.includes(":");
  if (isV6 || IPV4.test(host)) {
    if (family !== 0 && isV6 !== (family === AF_INET6)) {
      throw new Deno.errors.AddrNotAvailable(
        `createConnection(): ${host} is not an address of family ${family}`,
      );
    }
    return [host];
  }
  if (family === 0 && !resolve) return [host];
  const infos = await loop.getaddrinfo(host, port, { family, type: SOCK_STREAM });
  const hosts = [...new Set(infos.map((info) => info[4][0]))];
  if (hosts.length === 0) {
    throw new Deno.errors.NotFound(
      `createConnection(): no address of family ${family} for ${host}`,
    );
  }
  return hosts;
}

/**
 * Connects to the first address of `host` that accepts, as Python does: one after the other, or
 * with `happyEyeballsDelay` a staggered race (RFC 8305) over the addresses ordered by
 * `interleave` (default 1 with a delay).
 */
async function openTcp(
  loop: EventLoop,
  host: string | null | undefined,
  port: number,
  context: SSLContext | null,
  options: CreateConnectionOptions,
): Promise<Deno.Conn> {
  const hostname = host ?? "127.0.0.1";
  const tlsName = options.serverHostname ?? hostname;
  const delay = options.happyEyeballsDelay ?? null;
  const interleave = options.interleave ?? (delay === null ? 0 : 1);
  const local = options.localAddr ?? null;
  const family = options.family ?? 0;
  const binds = local === null ? null : await addressesFor(loop, local[0], local[1], family, true);
  let targets = await addressesFor(loop, hostname, port, family, interleave > 0 || local !== null);
  if (interleave > 0) targets = interleaveAddresses(targets, interleave);
  // Each attempt says whether its connection is TLS already (an IP literal checked as is).
  const [conn, isTls] = await staggeredRace<[Deno.Conn, boolean]>(
    loop,
    targets.length,
    async (i, signal) => {
      if (binds !== null) {
        const v6 = targets[i].includes(":");
        const from = binds.find((bind) => bind.includes(":") === v6);
        if (from === undefined) {
          throw new Deno.errors.AddrNotAvailable(
            `createConnection(): no local address of family ${v6 ? AF_INET6 : AF_INET} in ${
              JSON.stringify(local)
            } to connect to ${targets[i]} from`,
          );
        }
        const bound = await connectBound(targets[i], port, [from, local![1]], signal);
        return [bound as unknown as Deno.Conn, false]; // TLS, if any, is layered by the caller
      }
      if (context === null || targets[i] !== tlsName) {
        return [await Deno.connect({ hostname: targets[i], port, signal }), false];
      }
      const tlsConn = await Deno.connectTls({
        hostname: targets[i],
        port,
        caCerts: context.caCerts,
        alpnProtocols: context.alpnProtocols,
        ...(context.cert !== undefined && context.key !== undefined
          ? { cert: context.cert, key: context.key }
          : {}),
      });
      return [tlsConn, true];
    },
    delay,
    ([late]) => closeQuietly(late),
  );
  if (context === null || isTls || local !== null) return conn;
  return await Deno.startTls(conn as Deno.TcpConn, {
    hostname: tlsName === "" ? hostname : tlsName,
    caCerts: context.caCerts,
    alpnProtocols: context.alpnProtocols,
    unsafelyDisableHostnameVerification: tlsName === "",
  });
}

/** `loop.createConnection()`. */
export async function createConnection<P extends BaseProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  host?: string | null,
  port?: number | null,
  options: CreateConnectionOptions = {},
): Promise<[Transport, P]> {
  const what = "createConnection()";
  checkCallable(factory, `${what}: protocolFactory`);
  const context = sslContextOf(options.ssl, what);
  checkSslOnly(context, options, what);
  let conn: Deno.Conn;
  if (options.sock !== undefined && options.sock !== null) {
    if ((host ?? null) !== null || (port ?? null) !== null) {
      throw new TypeError(`${what}: host/port and sock can not be specified at the same time`);
    }
    conn = takeConn(options.sock, what);
    if (context !== null) {
      try {
        conn = await Deno.startTls(conn as Deno.TcpConn, {
          hostname: options.serverHostname || undefined,
          caCerts: context.caCerts,
          alpnProtocols: context.alpnProtocols,
          unsafelyDisableHostnameVerification: options.serverHostname === "",
        });
      } catch (e) {
        conn.close();
        throw e;
      }
    }
  } else {
    if ((host ?? null) === null && (port ?? null) === null) {
      throw new TypeError(`${what}: host and port was not specified and no sock specified`);
    }
    if (host !== undefined && host !== null && typeof host !== "string") {
      throw new TypeError(`${what}: expected host to be a string, got ${show(host)}`);
    }
    checkPort(port, what);
    if (options.localAddr !== undefined && options.localAddr !== null) {
      checkAddress(options.localAddr, `${what}: localAddr`);
    }
    conn = await openTcp(loop, host, port!, context, options);
  }
  if (context !== null && conn instanceof NodeSocketConn) {
    // bound through node:net (localAddr): TLS runs as a layer over it, as startTls() does
    return await tlsOverConn(loop, factory, conn as unknown as Deno.Conn, context, {
      serverHostname: options.serverHostname ?? host ?? "",
      sslHandshakeTimeout: options.sslHandshakeTimeout,
    }, what);
  }
  let tls: TlsInfo | null = null;
  if (context !== null) {
    const info = await tlsHandshake(loop, conn as Deno.TlsConn, options.sslHandshakeTimeout);
    tls = {
      context,
      serverSide: false,
      serverHostname: options.serverHostname ?? host ?? null,
      alpnProtocol: info.alpnProtocol,
    };
  } else {
    (conn as Deno.TcpConn).setNoDelay?.(true);
  }
  return await wrapConnection(loop, factory, conn, tls);
}

/** `loop.createUnixConnection()`. */
export async function createUnixConnection<P extends BaseProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  path: string,
  options: CreateUnixConnectionOptions = {},
): Promise<[Transport, P]> {
  const what = "createUnixConnection()";
  checkCallable(factory, `${what}: protocolFactory`);
  if (typeof path !== "string" || path === "") {
    throw new TypeError(`${what}: expected path to be a non-empty string, got ${show(path)}`);
  }
  const context = sslContextOf(options.ssl, what);
  checkSslOnly(context, options, what);
  const conn = await awaitIo(
    loop,
    Deno.connect({ transport: "unix", path }),
    (c) => c.close(),
  );
  if (context === null) return await wrapConnection(loop, factory, conn, null);
  // Deno's TLS is TCP-only: TLS runs as a layer over the socket, as startTls() does. A Unix peer
  // has no host name, so the certificate is checked against serverHostname ("" turns it off).
  return await tlsOverConn(loop, factory, conn, context, {
    serverHostname: options.serverHostname ?? "",
    sslHandshakeTimeout: options.sslHandshakeTimeout,
  }, what);
}

/** `loop.connectAcceptedSocket()`. */
export async function connectAcceptedSocket<P extends BaseProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  sock: SocketLike,
  options: { ssl?: SSLOption; sslHandshakeTimeout?: number } = {},
): Promise<[Transport, P]> {
  const what = "connectAcceptedSocket()";
  checkCallable(factory, `${what}: protocolFactory`);
  const context = sslContextOf(options.ssl, what);
  checkSslOnly(context, options, what);
  const conn = takeConn(sock, what);
  if (context === null) return await wrapConnection(loop, factory, conn, null);
  // Deno has no server-side TLS for an accepted connection (denoland/deno#18451): TLS runs as a
  // layer over it, as startTls({ serverSide: true }) does.
  return await tlsOverConn(loop, factory, conn, options.ssl!, {
    serverSide: true,
    sslHandshakeTimeout: options.sslHandshakeTimeout,
  }, what);
}
