// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The loop's one I/O seam: the shapes of the networking, pipe, signal,
 * executor and subprocess operations, which `transports/`, `subprocess/` and
 * the executor provide. The kernel forwards its I/O methods here, so it can
 * run (and be tested) without any of them.
 *
 * @module
 */
import type {
  BaseProtocol,
  DatagramProtocol,
  ProtocolFactory,
  SubprocessProtocol,
} from "../protocols/protocols.ts";
import type {
  DatagramTransport,
  ReadTransport,
  SubprocessTransport,
  Transport,
  WriteTransport,
} from "../transports/transport.ts";
import { RuntimeError } from "../errors.ts";
import type { Socket } from "../transports/socket.ts";
import type { EventLoop } from "./event_loop.ts";
import type { Future } from "./future.ts";

/** A `[host, port]` address (IPv6 hosts without brackets). */
export type Address = [host: string, port: number];

/**
 * TLS settings, with Deno's field names (PEM strings). Servers need `cert`
 * and `key`; clients verify the peer against `caCerts` (default: the system's
 * roots).
 */
export interface SSLContext {
  /** PEM certificate chain (servers; clients for mutual TLS). */
  cert?: string;
  /** PEM private key for `cert`. */
  key?: string;
  /** Extra PEM CA certificates to trust. */
  caCerts?: string[];
  /** ALPN protocols to offer, e.g. `["h2", "http/1.1"]`. */
  alpnProtocols?: string[];
}

/** `ssl`: `true` for the default verifying client context, or an {@linkcode SSLContext}. */
export type SSLOption = boolean | SSLContext | null | undefined;

/** What a listening `Server` offers. Mirrors Python's `asyncio.Server`. */
export interface AbstractServer extends AsyncDisposable {
  /** Stops listening; open connections stay open. */
  close(): void;
  /** Closes every open client transport (flushing). */
  closeClients(): void;
  /** Aborts every open client transport. */
  abortClients(): void;
  /** The loop the server runs on. */
  getLoop(): EventLoop;
  /** Starts accepting, if it was created with `startServing: false`. */
  startServing(): Promise<void>;
  /** Accepts until cancelled, then closes. */
  serveForever(): Promise<void>;
  /** Whether it accepts connections. */
  isServing(): boolean;
  /** Resolves once closed and every connection is gone. */
  waitClosed(): Promise<void>;
  /** The listening sockets; each has `getsockname()`. */
  readonly sockets: readonly SocketLike[];
}

/** The part of the library's `Socket` the loop's signatures need. */
export interface SocketLike {
  /** The socket's file-descriptor-like number. */
  fileno(): number;
  /** The local address. */
  getsockname(): unknown;
  /** Closes the socket. */
  close(): void;
}

/** Options of `createConnection()`. */
export interface CreateConnectionOptions {
  /** TLS: `true` or an {@linkcode SSLContext}. */
  ssl?: SSLOption;
  /** `AF_INET`, `AF_INET6` or `AF_UNSPEC` (0). */
  family?: number;
  /** An already connected socket instead of host and port. */
  sock?: SocketLike;
  /**
   * The local `[host, port]` to bind before connecting (port 0: any). Deno.connect()
   * cannot bind, so such a connection goes through node:net; it needs
   * `--allow-net` for the local address too (e.g. `127.0.0.1:0`).
   */
  localAddr?: Address;
  /** The name to verify the server's certificate against (default: `host`). */
  serverHostname?: string;
  /** Seconds to wait for the TLS handshake (default 60). */
  sslHandshakeTimeout?: number;
  /**
   * Happy Eyeballs (RFC 8305): the host name is resolved and its addresses are
   * raced, the next attempt starting after this many seconds or as soon as the
   * previous one fails; the first connection wins, the others are closed.
   * Without it (and without `interleave` or `family`) the name goes to
   * `Deno.connect()`, which resolves it and races its addresses 250 ms apart.
   */
  happyEyeballsDelay?: number;
  /**
   * Reorders the resolved addresses so that families alternate, after this
   * many of the first family (default 1 with `happyEyeballsDelay`).
   */
  interleave?: number;
}

/** Options of `createUnixConnection()`. */
export interface CreateUnixConnectionOptions {
  /** TLS over the Unix socket. */
  ssl?: SSLOption;
  /** The name to verify the server's certificate against. */
  serverHostname?: string;
  /** Seconds to wait for the TLS handshake (default 60). */
  sslHandshakeTimeout?: number;
}

/** Options of `createServer()`. */
export interface CreateServerOptions {
  /** `AF_INET`, `AF_INET6` or `AF_UNSPEC` (0). */
  family?: number;
  /** An already listening socket. */
  sock?: SocketLike;
  /** Listen backlog (default 100). */
  backlog?: number;
  /** TLS: an {@linkcode SSLContext} with `cert` and `key`. */
  ssl?: SSLOption;
  /** Reuse a local address in TIME_WAIT (Deno always does on POSIX). */
  reuseAddress?: boolean;
  /** Let several listeners share the port (Linux; needs `--unstable-net`). */
  reusePort?: boolean;
  /** Enable TCP keep-alive on accepted connections. */
  keepAlive?: boolean;
  /** Seconds to wait for the TLS handshake (default 60). */
  sslHandshakeTimeout?: number;
  /** Start accepting at once (default `true`). */
  startServing?: boolean;
}

/** Options of `createUnixServer()`. */
export interface CreateUnixServerOptions {
  /** An already listening socket. */
  sock?: SocketLike;
  /** Listen backlog (default 100; Deno has no backlog for Unix listeners, so it is ignored). */
  backlog?: number;
  /** TLS: an {@linkcode SSLContext} with `cert` and `key`. */
  ssl?: SSLOption;
  /** Seconds to wait for the TLS handshake (default 60). */
  sslHandshakeTimeout?: number;
  /** Start accepting at once (default `true`). */
  startServing?: boolean;
}

/** Options of `createDatagramEndpoint()`. */
export interface CreateDatagramEndpointOptions {
  /** The local `[host, port]` to bind. */
  localAddr?: Address | null;
  /** The remote `[host, port]` to send to by default. */
  remoteAddr?: Address | null;
  /** `AF_INET`, `AF_INET6` or `AF_UNSPEC` (0). */
  family?: number;
  /** Let several endpoints share the port. */
  reusePort?: boolean;
  /** Allow sending to broadcast addresses. */
  allowBroadcast?: boolean;
  /** An existing datagram socket. */
  sock?: SocketLike;
}

/** Options of `startTls()`. */
export interface StartTlsOptions {
  /** Upgrade the server side (then `sslContext` needs `cert` and `key`). */
  serverSide?: boolean;
  /** The name to verify the peer's certificate against. */
  serverHostname?: string;
  /** Seconds to wait for the handshake (default 60). */
  sslHandshakeTimeout?: number;
}

/** Options of `getaddrinfo()`. */
export interface GetaddrinfoOptions {
  /** `AF_INET`, `AF_INET6` or `AF_UNSPEC` (0, default). */
  family?: number;
  /** `SOCK_STREAM`, `SOCK_DGRAM` or 0 (any). */
  type?: number;
  /** Protocol number, or 0. */
  proto?: number;
  /** `AI_*` flags. */
  flags?: number;
}

/** One `getaddrinfo()` result: `[family, type, proto, canonname, sockaddr]`. */
export type AddrInfo = [
  family: number,
  type: number,
  proto: number,
  canonname: string,
  sockaddr: Address,
];

/** Where a subprocess stdio stream goes: `PIPE`, `DEVNULL`, `STDOUT` (stderr only) or `null` (inherit). */
export type StdioOption = number | null;

/** Options of `subprocessExec()` / `subprocessShell()`. */
export interface SubprocessOptions {
  /** `PIPE` (default), `DEVNULL` or `null` (inherit). */
  stdin?: StdioOption;
  /** `PIPE` (default), `DEVNULL` or `null` (inherit). */
  stdout?: StdioOption;
  /** `PIPE` (default), `DEVNULL`, `STDOUT` or `null` (inherit). */
  stderr?: StdioOption;
  /** The working directory. */
  cwd?: string | URL;
  /** Environment variables to set. */
  env?: Record<string, string>;
  /** Start from an empty environment (only `env`). */
  clearEnv?: boolean;
}

/** Arguments of `subprocessExec()`: strings, optionally followed by options. */
export type ExecArgs = string[] | [...string[], SubprocessOptions];

/** A readable or writable pipe: a web stream, or anything with `.readable` / `.writable`. */
export type ReadPipe = ReadableStream<Uint8Array> | {
  readonly readable: ReadableStream<Uint8Array>;
};
/** See {@linkcode ReadPipe}. */
export type WritePipe = WritableStream<Uint8Array> | {
  readonly writable: WritableStream<Uint8Array>;
};

/**
 * Runs functions away from the loop. Mirrors `concurrent.futures.Executor`.
 */
export interface Executor {
  /** Runs `func(...args)` and resolves to its result. */
  submit<R>(
    func: (...args: never[]) => R | PromiseLike<R>,
    ...args: unknown[]
  ): Promise<Awaited<R>>;
  /** Stops accepting work; with `wait`, resolves once running work is done. */
  shutdown(options?: { wait?: boolean; cancelFutures?: boolean }): Promise<void>;
  /**
   * Optional: withdraws the work behind a promise `submit()` returned, if it
   * has not started (it then rejects with `CancelledError`). Returns whether
   * it did. `runInExecutor()` calls it when its future is cancelled.
   */
  cancel?(submitted: Promise<unknown>): boolean;
}

/** A file to send: a `Deno.FsFile` or anything with `.readable` and `seek`. */
export type SendfileSource = Deno.FsFile;

/** The I/O operations, each taking the loop first. */
export interface LoopIo {
  createConnection<P extends BaseProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    host?: string | null,
    port?: number | null,
    options?: CreateConnectionOptions,
  ): Promise<[Transport, P]>;
  createUnixConnection<P extends BaseProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    path: string,
    options?: CreateUnixConnectionOptions,
  ): Promise<[Transport, P]>;
  createServer(
    loop: EventLoop,
    factory: ProtocolFactory,
    host?: string | string[] | null,
    port?: number | null,
    options?: CreateServerOptions,
  ): Promise<AbstractServer>;
  createUnixServer(
    loop: EventLoop,
    factory: ProtocolFactory,
    path: string,
    options?: CreateUnixServerOptions,
  ): Promise<AbstractServer>;
  connectAcceptedSocket<P extends BaseProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    sock: SocketLike,
    options?: { ssl?: SSLOption; sslHandshakeTimeout?: number },
  ): Promise<[Transport, P]>;
  createDatagramEndpoint<P extends DatagramProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    options?: CreateDatagramEndpointOptions,
  ): Promise<[DatagramTransport, P]>;
  sendfile(
    loop: EventLoop,
    transport: Transport,
    file: SendfileSource,
    offset?: number,
    count?: number | null,
    options?: { fallback?: boolean },
  ): Promise<number>;
  startTls(
    loop: EventLoop,
    transport: Transport,
    protocol: BaseProtocol,
    sslContext: SSLOption,
    options?: StartTlsOptions,
  ): Promise<Transport>;
  addReader(loop: EventLoop, fd: SocketLike | number, callback: () => void): void;
  removeReader(loop: EventLoop, fd: SocketLike | number): boolean;
  addWriter(loop: EventLoop, fd: SocketLike | number, callback: () => void): void;
  removeWriter(loop: EventLoop, fd: SocketLike | number): boolean;
  sockRecv(loop: EventLoop, sock: Socket, n: number): Promise<Uint8Array>;
  sockRecvInto(loop: EventLoop, sock: Socket, buf: Uint8Array): Promise<number>;
  sockRecvfrom(loop: EventLoop, sock: Socket, n: number): Promise<[Uint8Array, Address]>;
  sockSendall(loop: EventLoop, sock: Socket, data: Uint8Array): Promise<void>;
  sockSendto(loop: EventLoop, sock: Socket, data: Uint8Array, addr: Address): Promise<number>;
  sockConnect(loop: EventLoop, sock: Socket, addr: Address | string): Promise<void>;
  sockAccept(loop: EventLoop, sock: Socket): Promise<[Socket, Address | string]>;
  sockSendfile(
    loop: EventLoop,
    sock: Socket,
    file: SendfileSource,
    offset?: number,
    count?: number | null,
    options?: { fallback?: boolean },
  ): Promise<number>;
  getaddrinfo(
    loop: EventLoop,
    host: string | null,
    port: number | string | null,
    options?: GetaddrinfoOptions,
  ): Promise<AddrInfo[]>;
  getnameinfo(loop: EventLoop, sockaddr: Address, flags?: number): Promise<[string, string]>;
  connectReadPipe<P extends BaseProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    pipe: ReadPipe,
  ): Promise<[ReadTransport, P]>;
  connectWritePipe<P extends BaseProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    pipe: WritePipe,
  ): Promise<[WriteTransport, P]>;
  addSignalHandler(loop: EventLoop, sig: Deno.Signal | number, callback: () => void): void;
  removeSignalHandler(loop: EventLoop, sig: Deno.Signal | number): boolean;
  createDefaultExecutor(loop: EventLoop): Executor;
  subprocessExec<P extends SubprocessProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    program: string,
    args: string[],
    options: SubprocessOptions,
  ): Promise<[SubprocessTransport, P]>;
  subprocessShell<P extends SubprocessProtocol>(
    loop: EventLoop,
    factory: ProtocolFactory<P>,
    cmd: string,
    options: SubprocessOptions,
  ): Promise<[SubprocessTransport, P]>;
}

const provided: Partial<LoopIo> = {};

/**
 * Installs (part of) the I/O layer. Called once by each I/O module when it is
 * imported. Internal.
 */
export function provideIo(part: Partial<LoopIo>): void {
  Object.assign(provided, part);
}

/** The provider of `name`, or a clear error. Internal. */
export function io<K extends keyof LoopIo>(name: K): LoopIo[K] {
  const fn = provided[name];
  if (fn === undefined) {
    throw new RuntimeError(
      `loop.${name}() is not available: import the library from its mod.ts, which installs the I/O layer`,
    );
  }
  return fn as LoopIo[K];
}

/** A pending future for an I/O promise; never leaves an unhandled rejection. Internal. */
export function futureFromPromise<T>(loop: EventLoop, promise: Promise<T>): Future<T> {
  const future = loop.createFuture<T>();
  // After the loop closed nobody can await the future any more: drop the outcome rather than
  // throw "loop is closed" inside a promise handler (an unhandled rejection ends Deno).
  promise.then(
    (value) => {
      if (!future.done() && !loop.isClosed()) future.setResult(value);
    },
    (error) => {
      if (!future.done() && !loop.isClosed()) future.setException(error);
    },
  );
  return future;
}

/**
 * A future done once the callbacks scheduled so far (such as a new transport's
 * `connectionMade`) have run. Internal: the I/O layers await it before handing
 * `[transport, protocol]` to the caller, as asyncio does.
 */
export function afterScheduledCallbacks(loop: EventLoop): Future<void> {
  const future = loop.createFuture<void>();
  loop.callSoon(() => {
    if (!future.done()) future.setResult();
  });
  return future;
}
