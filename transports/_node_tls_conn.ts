// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The part of Deno.Conn that StreamTransport uses, over a node:tls TLSSocket (for startTls()).
// Internal.
import type { StreamTransport } from "./_stream_transport.ts";

/** The node:tls `TLSSocket` members used here. */
export interface TlsSocketLike {
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
}

const HIGH = 65536;

/** Reads and writes plaintext through a TLS socket, with `Deno.Conn`'s method shapes. */
export class NodeTlsConn {
  #socket: TlsSocketLike;
  #raw: StreamTransport;
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

  constructor(socket: TlsSocketLike, raw: StreamTransport) {
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
      this.#error ??= e;
      this.#wake();
    });
    socket.on("close", () => {
      this.#ended = true;
      this.#wake();
    });
  }

  /** The local address of the carrying connection. */
  get localAddr(): Deno.Addr {
    return { transport: "tcp", hostname: "", port: 0 };
  }

  /** The remote address of the carrying connection. */
  get remoteAddr(): Deno.Addr {
    return { transport: "tcp", hostname: "", port: 0 };
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
      this.#socket.write(data, (e) => e ? reject(e) : resolve(data.length));
    });
  }

  closeWrite(): Promise<void> {
    return new Promise((resolve) => this.#socket.end(() => resolve()));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    // close_notify first; the carrying transport closes (flushing) when the socket is destroyed
    this.#socket.end(() => this.#socket.destroy());
    if (this.#error !== null) this.#raw.abort();
    this.#wake();
  }
}
