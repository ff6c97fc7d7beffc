// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The part of Deno.Conn that StreamTransport uses, over a node socket: a node:tls TLSSocket
// layered over a transport (startTls(), TLS over Unix) or a node:net Socket (createConnection()
// with localAddr, which Deno.connect() cannot bind). Internal.
import type { StreamTransport } from "./_stream_transport.ts";

/** The node:net `Socket` / node:tls `TLSSocket` members used here. */
export interface NodeSocketLike {
  on(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
  removeListener(event: string, listener: (...args: never[]) => void): unknown;
  write(data: Uint8Array, callback: (error?: Error | null) => void): boolean;
  end(callback?: () => void): unknown;
  destroy(error?: Error): unknown;
  pause(): unknown;
  resume(): unknown;
  getPeerCertificate?(detailed?: false): object | null;
  getCipher?(): { name: string; version: string } | null;
  alpnProtocol?: string | false | null;
  setNoDelay?(noDelay?: boolean): unknown;
  localAddress?: string;
  localPort?: number;
  remoteAddress?: string;
  remotePort?: number;
}

/** node's error codes as the `Deno.errors` classes the transports know. */
const DENO_ERRORS: Record<string, new (message: string, options?: ErrorOptions) => Error> = {
  ECONNREFUSED: Deno.errors.ConnectionRefused,
  ECONNRESET: Deno.errors.ConnectionReset,
  ECONNABORTED: Deno.errors.ConnectionAborted,
  EPIPE: Deno.errors.BrokenPipe,
  ENOTCONN: Deno.errors.NotConnected,
  ETIMEDOUT: Deno.errors.TimedOut,
  EADDRINUSE: Deno.errors.AddrInUse,
  EADDRNOTAVAIL: Deno.errors.AddrNotAvailable,
  ENETUNREACH: Deno.errors.NetworkUnreachable,
  EACCES: Deno.errors.PermissionDenied,
  EPERM: Deno.errors.PermissionDenied,
};

/** A node socket error as the matching `Deno.errors` class (the original is its `cause`). */
export function denoErrorOf(error: Error): Error {
  const code = (error as { code?: unknown }).code;
  const Class = typeof code === "string" ? DENO_ERRORS[code] : undefined;
  return Class === undefined ? error : new Class(error.message, { cause: error });
}

function netAddr(hostname: string | undefined, port: number | undefined): Deno.NetAddr {
  return { transport: "tcp", hostname: hostname ?? "", port: port ?? 0 };
}

const HIGH = 65536;

/** Reads and writes through a node socket, with `Deno.Conn`'s method shapes. */
export class NodeSocketConn {
  #socket: NodeSocketLike;
  #raw: StreamTransport | null;
  #chunks: Uint8Array[] = [];
  #size = 0;
  #ended = false;
  #closed = false;
  #error: Error | null = null;
  #waiter: {
    buf: Uint8Array;
    resolve: (n: number | null) => void;
    reject: (e: unknown) => void;
  } | null = null;
  #paused = false;

  /**
   * @param socket The connected node socket.
   * @param raw The transport a TLS socket is layered over (aborted with it on errors), or `null`.
   */
  constructor(socket: NodeSocketLike, raw: StreamTransport | null) {
    this.#socket = socket;
    this.#raw = raw;
    socket.on("data", (data: Uint8Array) => {
      this.#chunks.push(data);
      this.#size += data.length;
      if (this.#size > HIGH && !this.#paused) {
        this.#paused = true;
        socket.pause();
      }
      this.#wake();
    });
    socket.on("end", () => {
      this.#ended = true;
      this.#wake();
    });
    socket.on("error", (e: Error) => {
      this.#error ??= denoErrorOf(e);
      this.#wake();
    });
    socket.on("close", () => {
      this.#ended = true;
      this.#wake();
    });
  }

  /** The socket's local address (empty for TLS over a transport, which reports its own). */
  get localAddr(): Deno.Addr {
    return netAddr(this.#socket.localAddress, this.#socket.localPort);
  }

  /** The socket's remote address (empty for TLS over a transport). */
  get remoteAddr(): Deno.Addr {
    return netAddr(this.#socket.remoteAddress, this.#socket.remotePort);
  }

  /** Turns Nagle's algorithm off (`true`) or on. */
  setNoDelay(noDelay = true): void {
    this.#socket.setNoDelay?.(noDelay);
  }

  read(buf: Uint8Array): Promise<number | null> {
    if (this.#closed) return Promise.reject(new Deno.errors.BadResource("closed"));
    if (this.#size > 0) return Promise.resolve(this.#take(buf));
    if (this.#error !== null) return Promise.reject(this.#error);
    if (this.#ended) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      this.#waiter = { buf, resolve, reject };
    });
  }

  #take(buf: Uint8Array): number {
    let n = 0;
    while (n < buf.length && this.#chunks.length > 0) {
      const chunk = this.#chunks[0];
      const k = Math.min(chunk.length, buf.length - n);
      buf.set(chunk.subarray(0, k), n);
      n += k;
      if (k === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(k);
    }
    this.#size -= n;
    if (this.#paused && this.#size <= HIGH / 4) {
      this.#paused = false;
      this.#socket.resume();
    }
    return n;
  }

  #wake(): void {
    const waiter = this.#waiter;
    if (waiter === null) return;
    if (this.#size > 0) {
      this.#waiter = null;
      waiter.resolve(this.#take(waiter.buf));
    } else if (this.#closed) {
      this.#waiter = null;
      waiter.reject(new Deno.errors.BadResource("closed"));
    } else if (this.#error !== null) {
      this.#waiter = null;
      waiter.reject(this.#error);
    } else if (this.#ended) {
      this.#waiter = null;
      waiter.resolve(null);
    }
  }

  write(data: Uint8Array): Promise<number> {
    if (this.#closed) return Promise.reject(new Deno.errors.BadResource("closed"));
    return new Promise((resolve, reject) => {
      this.#socket.write(data, (e) => e ? reject(denoErrorOf(e)) : resolve(data.length));
    });
  }

  closeWrite(): Promise<void> {
    return new Promise((resolve) => this.#socket.end(() => resolve()));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // close_notify (TLS) or FIN first; a carrying transport closes (flushing) when the socket is
    // destroyed
    if (this.#error !== null) {
      this.#socket.destroy();
      this.#raw?.abort();
    } else {
      this.#socket.end(() => this.#socket.destroy());
    }
    this.#wake();
  }
}

/**
 * Deno's net permission check for `host:port`, made before node:net is asked (node:net reports a
 * missing permission asynchronously, out of reach of the caller). Prompts where Deno would.
 */
function requireNet(host: string, port: number): void {
  const descriptor = {
    name: "net",
    host: `${host.includes(":") ? `[${host}]` : host}:${port}`,
  } as const;
  if (Deno.permissions.querySync(descriptor).state === "granted") return;
  if (Deno.permissions.requestSync(descriptor).state === "granted") return;
  throw new Deno.errors.NotCapable(
    `Requires net access to "${descriptor.host}", run again with the --allow-net flag`,
  );
}

/**
 * Connects to `host:port` (an IP literal) from the local address `local` through node:net,
 * which binds before connecting as Deno.connect() cannot. `signal` aborts the attempt.
 */
export async function connectBound(
  host: string,
  port: number,
  local: readonly [string, number],
  signal: AbortSignal,
): Promise<NodeSocketConn> {
  requireNet(local[0], local[1]);
  requireNet(host, port);
  const net = await import("node:net");
  signal.throwIfAborted();
  return await new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, localAddress: local[0], localPort: local[1] });
    const settle = (error: Error | null) => {
      socket.removeListener("connect", onConnect);
      socket.removeListener("error", settle);
      signal.removeEventListener("abort", onAbort);
      if (error === null) return resolve(new NodeSocketConn(socket, null));
      socket.destroy();
      reject(denoErrorOf(error));
    };
    const onConnect = () => settle(null);
    const onAbort = () => settle(signal.reason);
    socket.once("connect", onConnect);
    socket.once("error", settle);
    signal.addEventListener("abort", onAbort);
  });
}
