// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Server`: what `createServer()` and `createUnixServer()` return.
 *
 * @module
 */
import { RuntimeError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import type { AbstractServer, SSLContext } from "../loop/io.ts";
import type { BaseProtocol, ProtocolFactory } from "../protocols/protocols.ts";
import { type ConnectionOwner, StreamTransport } from "./_stream_transport.ts";
import { track, untrack } from "./_live.ts";
import { tlsHandshake } from "./_tls.ts";
import { tlsOverConn } from "./start_tls.ts";
import { TransportSocket } from "./transport_socket.ts";
import { closeQuietly } from "./_net.ts";

/** How a server treats accepted connections. Internal. */
export interface ServerOptions {
  /** TLS context of a `Deno.listenTls` listener. */
  ssl?: SSLContext | null;
  /** Seconds to wait for each TLS handshake. */
  sslHandshakeTimeout?: number;
  /** Run TLS as a layer over plain accepted connections (a Unix listener), as `startTls()`. */
  layeredTls?: boolean;
  /** Enable TCP keep-alive on accepted connections. */
  keepAlive?: boolean;
}

/**
 * A listening server: accepts connections on one or more listeners and binds
 * a new protocol to each.
 *
 * Mirrors Python's `asyncio.Server`. Differences from Python: `sockets` items
 * are read-only {@linkcode TransportSocket}s; `startServing()` and
 * `waitClosed()` are promises; `await using` closes the server and waits for
 * it (as `async with server`).
 *
 * @example
 * ```ts
 * import { getRunningLoop, run } from "@denoio/asyncio";
 * await run(async () => {
 *   await using server = await getRunningLoop().createServer(() => ({}), "127.0.0.1", 0);
 *   console.assert(server.isServing());
 * });
 * ```
 */
export class Server implements AbstractServer {
  #loop: EventLoop;
  #factory: ProtocolFactory;
  #listeners: Deno.Listener[] | null;
  #sockets: TransportSocket[];
  #options: ServerOptions;
  #serving = false;
  #activeCount = 0;
  #acceptOps = 0;
  #clients = new Set<StreamTransport>();
  #handshaking = new Set<Deno.Conn>();
  #waiters: Future<void>[] | null = [];
  #servingForever: Future<void> | null = null;

  /**
   * Wraps listeners that are already bound. Internal: use `loop.createServer()`.
   *
   * @param loop The loop that runs the protocols.
   * @param factory Makes one protocol per connection.
   * @param listeners The bound listeners.
   * @param options TLS and keep-alive settings.
   */
  constructor(
    loop: EventLoop,
    factory: ProtocolFactory,
    listeners: Deno.Listener[],
    options: ServerOptions = {},
  ) {
    this.#loop = loop;
    this.#factory = factory;
    this.#listeners = listeners;
    this.#sockets = listeners.map((l) => new TransportSocket(l.addr));
    this.#options = options;
    track(loop, this.#orphan);
  }

  /** Closes the listeners when the loop closes under the server. */
  #orphan = {
    _orphan: (): void => {
      const listeners = this.#listeners ?? [];
      this.#listeners = null;
      this.#serving = false;
      this.#waiters = null;
      for (const listener of listeners) closeQuietly(listener);
      for (const conn of this.#handshaking) conn.close();
    },
  };

  /** The loop the server runs on. */
  getLoop(): EventLoop {
    return this.#loop;
  }

  /** The listening sockets (empty once closed); each has `getsockname()`. */
  get sockets(): readonly TransportSocket[] {
    return this.#listeners === null ? [] : this.#sockets;
  }

  /** Whether it accepts connections. */
  isServing(): boolean {
    return this.#serving;
  }

  /**
   * Starts accepting, if it was created with `startServing: false`.
   *
   * Mirrors Python's `Server.start_serving()`.
   */
  startServing(): Promise<void> {
    this.#startServing();
    return Promise.resolve();
  }

  /**
   * Accepts until the calling task is cancelled (or the server is closed);
   * on cancellation closes the server and waits for it.
   *
   * Mirrors Python's `Server.serve_forever()`.
   *
   * @throws {RuntimeError} If it is already serving forever, or closed.
   */
  async serveForever(): Promise<void> {
    if (this.#servingForever !== null) {
      throw new RuntimeError(`server ${this} is already being awaited on serveForever()`);
    }
    if (this.#listeners === null) throw new RuntimeError(`server ${this} is closed`);
    this.#startServing();
    const future = this.#servingForever = this.#loop.createFuture<void>();
    try {
      await future;
    } catch (e) {
      try {
        this.close();
        await this.waitClosed();
      } finally {
        // deno-lint-ignore no-unsafe-finally
        throw e;
      }
    } finally {
      this.#servingForever = null;
    }
  }

  /**
   * Stops listening; open connections stay open (see `closeClients()`).
   *
   * Mirrors Python's `Server.close()`.
   */
  close(): void {
    const listeners = this.#listeners;
    if (listeners === null) return;
    this.#listeners = null;
    for (const listener of listeners) closeQuietly(listener);
    this.#serving = false;
    const forever = this.#servingForever;
    if (forever !== null && !forever.done()) forever.cancel();
    this.#maybeWakeup();
  }

  /** Closes every open client transport (flushing). Mirrors Python's `Server.close_clients()`. */
  closeClients(): void {
    for (const conn of this.#handshaking) conn.close();
    for (const transport of [...this.#clients]) transport.close();
  }

  /** Aborts every open client transport. Mirrors Python's `Server.abort_clients()`. */
  abortClients(): void {
    for (const conn of this.#handshaking) conn.close();
    for (const transport of [...this.#clients]) transport.abort();
  }

  /**
   * Resolves once the server is closed and every connection is gone.
   *
   * Mirrors Python's `Server.wait_closed()`.
   */
  async waitClosed(): Promise<void> {
    if (this.#waiters === null) return;
    const waiter = this.#loop.createFuture<void>();
    this.#waiters.push(waiter);
    await waiter;
  }

  /** Closes the server and waits for it (`await using server = ...`). */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }

  /** A description with the listening addresses. */
  toString(): string {
    const addrs = this.#sockets.map((s) => JSON.stringify(s.getsockname())).join(", ");
    return `<Server sockets=(${this.#listeners === null ? "" : addrs})>`;
  }

  /** How the server's transports report in and out. */
  #owner: ConnectionOwner = {
    attach: (transport: StreamTransport): void => {
      this.#clients.add(transport);
      this.#activeCount++;
    },
    detach: (transport: StreamTransport): void => {
      if (this.#clients.delete(transport)) this.#activeCount--;
      this.#maybeWakeup();
    },
  };

  // ---- accepting ----

  #startServing(): void {
    const listeners = this.#listeners;
    if (this.#serving || listeners === null) return;
    this.#serving = true;
    for (const listener of listeners) this.#accept(listener);
  }

  #accept(listener: Deno.Listener): void {
    this.#acceptOps++;
    listener.accept().then((conn) => {
      this.#acceptOps--;
      if (this.#loop.isClosed()) {
        conn.close();
        this.close();
        return;
      }
      if (this.#listeners === null) {
        conn.close();
        this.#maybeWakeup();
        return;
      }
      this.#accept(listener);
      this.#accepted(conn);
    }, (e) => {
      this.#acceptOps--;
      if (this.#loop.isClosed()) return this.close();
      if (this.#listeners === null) {
        this.#maybeWakeup();
        return;
      }
      this.#loop.callExceptionHandler({
        message: "socket.accept() failed",
        exception: e,
        server: this,
      });
      // a failed accept (e.g. out of file descriptors): try again a bit later
      this.#acceptOps++;
      this.#loop.callLater(1, () => {
        this.#acceptOps--;
        if (this.#listeners !== null) this.#accept(listener);
        else this.#maybeWakeup();
      });
    });
  }

  #accepted(conn: Deno.Conn): void {
    const options = this.#options;
    if (options.keepAlive) (conn as Deno.TcpConn).setKeepAlive?.(true);
    this.#activeCount++;
    if (!options.ssl) {
      this.#loop.callSoon(this.#connect, conn, null);
      return;
    }
    this.#handshaking.add(conn);
    if (options.layeredTls) {
      this.#loop.callSoon(this.#connectLayered, conn, options.ssl);
      return;
    }
    tlsHandshake(this.#loop, conn as Deno.TlsConn, options.sslHandshakeTimeout).then(
      (info) => {
        this.#handshaking.delete(conn);
        if (this.#loop.isClosed()) return conn.close();
        this.#connect(conn, info.alpnProtocol);
      },
      (e) => {
        this.#handshaking.delete(conn);
        this.#activeCount--;
        if (this.#loop.getDebug()) console.debug("SSL handshake failed", e);
        this.#maybeWakeup();
      },
    );
  }

  #connect = (conn: Deno.Conn, alpnProtocol: string | null): void => {
    this.#activeCount--;
    const protocol = this.#protocolFor(conn);
    if (protocol === null) return this.#maybeWakeup();
    const ssl = this.#options.ssl ?? null;
    new StreamTransport(this.#loop, conn, protocol, {
      server: this.#owner,
      tls: ssl === null
        ? null
        : { context: ssl, serverSide: true, serverHostname: null, alpnProtocol },
    });
  };

  /** A protocol for an incoming connection, or `null` (reported; `conn` closed) if the factory threw. */
  #protocolFor(conn: Deno.Conn): BaseProtocol | null {
    try {
      return this.#factory();
    } catch (e) {
      conn.close();
      this.#loop.callExceptionHandler({
        message: "Error on transport creation for incoming connection",
        exception: e,
      });
      return null;
    }
  }

  /** TLS over a plain accepted connection: the protocol is made first, told once the handshake is done. */
  #connectLayered = (conn: Deno.Conn, ssl: SSLContext): void => {
    const protocol = this.#protocolFor(conn);
    if (protocol === null) return this.#layeredDone(conn);
    const options = { serverSide: true, sslHandshakeTimeout: this.#options.sslHandshakeTimeout };
    const done = () => this.#layeredDone(conn);
    tlsOverConn(this.#loop, () => protocol, conn, ssl, options, "createUnixServer()", this.#owner)
      .then(done, (e) => {
        if (this.#loop.getDebug()) console.debug("SSL handshake failed", e);
        done();
      });
  };

  #layeredDone(conn: Deno.Conn): void {
    this.#handshaking.delete(conn);
    this.#activeCount--;
    this.#maybeWakeup();
  }

  #maybeWakeup(): void {
    if (this.#activeCount > 0 || this.#listeners !== null || this.#acceptOps > 0) return;
    const waiters = this.#waiters;
    if (waiters === null) return;
    this.#waiters = null;
    untrack(this.#loop, this.#orphan);
    if (this.#loop.isClosed()) return;
    for (const waiter of waiters) if (!waiter.done()) waiter.setResult(undefined);
  }
}
