// Copyright 2026 the @denoio/asyncio authors. MIT license.
// TLS helpers: SSL option checks and the handshake with a timeout. Internal.
import { TimeoutError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { SSLContext, SSLOption } from "../loop/io.ts";
import { closeQuietly, show } from "./_net.ts";

/** Python's default `ssl_handshake_timeout`, in seconds. */
export const SSL_HANDSHAKE_TIMEOUT = 60;

/** The context an `ssl` option stands for, or `null` for plain connections. */
export function sslContextOf(ssl: SSLOption, what: string): SSLContext | null {
  if (ssl === undefined || ssl === null || ssl === false) return null;
  if (ssl === true) return {};
  if (typeof ssl !== "object") {
    throw new TypeError(`${what}: expected ssl to be a boolean or an SSLContext, got ${show(ssl)}`);
  }
  return ssl;
}

/** Checks a server's context: it needs `cert` and `key`. */
export function serverContextOf(ssl: SSLOption, what: string): SSLContext | null {
  if (ssl === true) {
    throw new TypeError(
      `${what}: a server needs an SSLContext with cert and key, got ssl: true`,
    );
  }
  const context = sslContextOf(ssl, what);
  if (context !== null && (typeof context.cert !== "string" || typeof context.key !== "string")) {
    throw new TypeError(`${what}: a server's SSLContext needs cert and key (PEM strings)`);
  }
  return context;
}

/**
 * Runs `conn.handshake()`, giving up after `timeout` seconds: the connection is then closed and
 * a `TimeoutError` thrown. On any failure the connection is closed and its handshake settled
 * before this rejects, so nothing is left behind.
 */
export async function tlsHandshake(
  loop: EventLoop,
  conn: Deno.TlsConn,
  timeout = SSL_HANDSHAKE_TIMEOUT,
): Promise<Deno.TlsHandshakeInfo> {
  const handshake = conn.handshake();
  const future = loop.createFuture<Deno.TlsHandshakeInfo>();
  handshake.then(
    (info) => {
      if (loop.isClosed()) conn.close();
      else if (!future.done()) future.setResult(info);
    },
    (e) => {
      if (!future.done() && !loop.isClosed()) future.setException(e);
    },
  );
  const timer = loop.callLater(timeout, () => {
    if (!future.done()) {
      future.setException(
        new TimeoutError(
          `SSL handshake is taking longer than ${timeout} seconds: aborting the connection`,
        ),
      );
    }
  });
  try {
    return await future;
  } catch (e) {
    closeQuietly(conn);
    await handshake.catch(() => {});
    throw e;
  } finally {
    timer.cancel();
  }
}
