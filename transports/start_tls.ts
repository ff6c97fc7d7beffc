// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The loop's `startTls()`. Internal: users call `loop.startTls()`.
//
// Deno.startTls() cannot take a connection while a read is pending on it (and our read pump
// always has one), and has no server side (denoland/deno#18451). So, as Python's SSLProtocol
// does, TLS runs as a layer over the existing transport: node:tls's TLSSocket over a Duplex fed by
// the old transport, and a new transport over that TLS socket.
import { RuntimeError, TimeoutError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { SSLOption, StartTlsOptions } from "../loop/io.ts";
import type { Future } from "../loop/future.ts";
import type { BaseProtocol, ProtocolFactory } from "../protocols/protocols.ts";
import type { Transport } from "./transport.ts";
import { checkTimeout, connectedOrUndo, protocolFor, show } from "./_net.ts";
import { type ConnectionOwner, StreamTransport } from "./_stream_transport.ts";
import { serverContextOf, SSL_HANDSHAKE_TIMEOUT, sslContextOf } from "./_tls.ts";
import { NodeSocketConn, type NodeSocketLike } from "./_node_socket_conn.ts";

/** `loop.startTls()`. */
export function startTls(
  loop: EventLoop,
  transport: Transport,
  protocol: BaseProtocol,
  sslContext: SSLOption,
  options: StartTlsOptions = {},
): Promise<Transport> {
  return layerTls(loop, transport, protocol, sslContext, options, null, "startTls()");
}

/**
 * TLS over a plain connection that Deno has no TLS for (an accepted socket, a Unix socket): a
 * transport over `conn` under the same layer as `startTls()`, and a new protocol told
 * `connectionMade()` once the handshake is done.
 */
export async function tlsOverConn<P extends BaseProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  conn: Deno.Conn,
  sslContext: SSLOption,
  options: StartTlsOptions,
  what: string,
  server: ConnectionOwner | null = null,
): Promise<[Transport, P]> {
  const protocol = protocolFor(factory, conn);
  // Its first read is a loop callback away; layerTls() pauses it before that, so no byte is lost.
  const raw = new StreamTransport(loop, conn, {}, { connectionMade: false });
  const connected = loop.createFuture<void>();
  let transport: Transport;
  try {
    transport = await layerTls(
      loop,
      raw,
      protocol,
      sslContext,
      options,
      { connected, server },
      what,
    );
  } catch (e) {
    if (!raw.isClosing()) raw.abort(); // e.g. a bad context, refused before the handshake
    throw e;
  }
  await connectedOrUndo(connected, () => transport.close());
  return [transport, protocol];
}

/**
 * `startTls()`; with `fresh`, the new transport belongs to `fresh.server` (if any), calls
 * `protocol.connectionMade()` and then settles `fresh.connected` (a new connection), else the
 * protocol is carried over (an upgrade).
 */
async function layerTls(
  loop: EventLoop,
  transport: Transport,
  protocol: BaseProtocol,
  sslContext: SSLOption,
  options: StartTlsOptions,
  fresh: { connected: Future<void>; server: ConnectionOwner | null } | null,
  what: string,
): Promise<Transport> {
  if (!(transport instanceof StreamTransport)) {
    throw new TypeError(`${what}: transport ${show(transport)} is not supported by startTls()`);
  }
  const serverSide = options.serverSide ?? false;
  const context = serverSide ? serverContextOf(sslContext, what) : sslContextOf(sslContext, what);
  if (context === null) {
    throw new TypeError(
      `${what}: expected sslContext to be true or an SSLContext, got ${show(sslContext)}`,
    );
  }
  if (serverSide && options.serverHostname !== undefined) {
    throw new TypeError(`${what}: serverHostname is only meaningful on the client side`);
  }
  const timeout = checkTimeout(options.sslHandshakeTimeout, what) ?? SSL_HANDSHAKE_TIMEOUT;
  if (transport.isClosing()) throw new RuntimeError(`${what}: the transport is closing`);
  const raw = transport;
  // nothing more reaches the old protocol: what arrives now is the peer's TLS handshake
  raw.pauseReading();
  const [tls, { Duplex }] = await Promise.all([import("node:tls"), import("node:stream")]);
  const duplex = new Duplex({
    read() {
      if (!raw.isClosing()) raw.resumeReading();
    },
    write(chunk: Uint8Array, _encoding: string, callback: (e?: Error | null) => void) {
      raw.write(chunk);
      if (raw.getWriteBufferSize() <= raw.getWriteBufferLimits()[1]) callback();
      else raw._drained().then(() => callback(), callback);
    },
    final(callback: (e?: Error | null) => void) {
      if (!raw.isClosing()) raw.writeEof();
      callback();
    },
    destroy(error: Error | null, callback: (e: Error | null) => void) {
      if (error) raw.abort();
      else raw.close();
      callback(error);
    },
  });
  raw.setProtocol({
    dataReceived(data: Uint8Array) {
      if (!duplex.push(data)) raw.pauseReading();
    },
    eofReceived() {
      duplex.push(null);
      return true;
    },
    connectionLost(exc: Error | null) {
      duplex.destroy(exc ?? undefined);
    },
  } as BaseProtocol);
  raw.resumeReading();

  // a client verifies the name it is given, else the peer's address ("" turns the check off)
  const peer = raw.getExtraInfo("peername");
  const serverHostname = serverSide
    ? null
    : options.serverHostname ?? (Array.isArray(peer) ? String(peer[0]) : "");
  let socket: NodeSocketLike;
  try {
    socket = serverSide
      ? new tls.TLSSocket(duplex, {
        isServer: true,
        cert: context.cert,
        key: context.key,
        ALPNProtocols: context.alpnProtocols,
      })
      : tls.connect({
        socket: duplex,
        // SNI takes names only; `host` is what the certificate is checked against
        servername: serverHostname && !/^[\d.]+$|:/.test(serverHostname)
          ? serverHostname
          : undefined,
        host: serverHostname || undefined,
        // node:tls's `ca` replaces the default roots (adding to them needs --allow-sys=ca)
        ca: context.caCerts,
        cert: context.cert,
        key: context.key,
        ALPNProtocols: context.alpnProtocols,
        rejectUnauthorized: true,
        ...(serverHostname === "" ? { checkServerIdentity: () => undefined } : {}),
      });
  } catch (e) {
    raw.abort();
    throw e;
  }

  // the handshake, with the timeout, as a loop future (so cancellation reaches it)
  const handshake = loop.createFuture<void>();
  const onError = (e: Error) => {
    if (!handshake.done() && !loop.isClosed()) handshake.setException(e);
  };
  socket.once("error", onError);
  // The peer went away mid-handshake: node:tls may just end or close, without an error.
  const onClose = () =>
    onError(new Deno.errors.ConnectionReset("The connection closed during the TLS handshake"));
  socket.once("end", onClose);
  socket.once("close", onClose);
  socket.once(serverSide ? "secure" : "secureConnect", () => {
    if (!handshake.done() && !loop.isClosed()) handshake.setResult(undefined);
  });
  const timer = loop.callLater(timeout, () => {
    onError(
      new TimeoutError(
        `SSL handshake is taking longer than ${timeout} seconds: aborting the connection`,
      ),
    );
  });
  try {
    await handshake;
  } catch (e) {
    socket.destroy();
    raw.abort();
    throw e;
  } finally {
    timer.cancel();
    socket.removeListener("error", onError);
    socket.removeListener("end", onClose);
    socket.removeListener("close", onClose);
  }
  const sock = raw.getExtraInfo("socket") as { getsockname(): unknown; getpeername(): unknown };
  const conn = new NodeSocketConn(socket, raw);
  const peerCert = socket.getPeerCertificate?.();
  const cipher = socket.getCipher?.();
  return new StreamTransport(loop, conn as unknown as Deno.Conn, protocol, {
    connectionMade: fresh !== null,
    waiter: fresh?.connected,
    server: fresh?.server,
    tls: {
      context,
      serverSide,
      serverHostname,
      alpnProtocol: typeof socket.alpnProtocol === "string" ? socket.alpnProtocol : null,
    },
    extra: {
      peername: sock.getpeername(),
      sockname: sock.getsockname(),
      socket: sock,
      peercert: peerCert && Object.keys(peerCert).length > 0 ? { ...peerCert } : null,
      cipher: cipher ? [cipher.name, cipher.version, null] : null,
    },
  });
}
