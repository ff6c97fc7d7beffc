// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `StreamWriter`: writes to a transport, with `drain()` for flow control.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { SSLOption } from "../loop/io.ts";
import { NativeWait } from "../loop/_native_wait.ts";
import { _loopForNewObject } from "../loop/running_loop.ts";
import type { Transport, WriteTransport } from "../transports/transport.ts";
import type { FlowControlMixin } from "./flow_control_mixin.ts";
import type { StreamReader } from "./stream_reader.ts";
import { WritableStreamProtocol, WritableStreamTransport } from "./_writable_stream_transport.ts";
import { IS_SERVER_SIDE, REPLACE_TRANSPORT } from "./_internal.ts";

/** Options of {@linkcode StreamWriter.startTls}. */
export interface StreamWriterStartTlsOptions {
  /** The name to verify the peer's certificate against. */
  serverHostname?: string;
  /** Seconds to wait for the handshake (default 60). */
  sslHandshakeTimeout?: number;
}

type TlsCapable = FlowControlMixin & {
  [IS_SERVER_SIDE]?: boolean;
  [REPLACE_TRANSPORT]?(transport: Transport): void;
};

/**
 * Writes to a transport. `write()` never blocks: it buffers; `await drain()`
 * after writing waits while the transport's buffer is above its high-water
 * mark, so a fast writer does not outrun a slow peer.
 *
 * Mirrors Python's `asyncio.StreamWriter`. Differences from Python: `drain()`
 * rejects with `Deno.errors.ConnectionReset` (Python's `ConnectionResetError`)
 * once the connection is lost, and on a closing transport it waits until the
 * connection is gone before rejecting (Python yields once, which suffices
 * there because its sockets close synchronously); `await using writer = ...` closes it and waits
 * until it is closed; Web Streams interop with
 * {@linkcode StreamWriter.fromWritableStream} and
 * {@linkcode StreamWriter.toWritableStream}.
 *
 * @typeParam T The transport type.
 *
 * @example
 * ```ts
 * import { run, StreamWriter } from "@denoio/asyncio";
 * await run(async () => {
 *   const chunks: Uint8Array[] = [];
 *   const writer = StreamWriter.fromWritableStream(
 *     new WritableStream({ write(chunk) { chunks.push(chunk); } }),
 *   );
 *   writer.write(new TextEncoder().encode("hello"));
 *   await writer.drain();
 *   writer.close();
 *   await writer.waitClosed();
 *   console.assert(chunks.length === 1);
 * });
 * ```
 */
export class StreamWriter<T extends WriteTransport = Transport> implements AsyncDisposable {
  #transport: T;
  #protocol: FlowControlMixin;
  #reader: StreamReader | null;
  #loop: EventLoop;

  /**
   * Wraps a transport. Usually made by `openConnection()` / `startServer()`.
   *
   * @param transport The transport to write to.
   * @param protocol The transport's protocol (a {@linkcode FlowControlMixin}).
   * @param reader The connection's reader, whose exception `drain()` reports.
   * @param loop The loop; default: the running loop, else the current one.
   */
  constructor(
    transport: T,
    protocol: FlowControlMixin,
    reader: StreamReader | null = null,
    loop?: EventLoop,
  ) {
    this.#transport = transport;
    this.#protocol = protocol;
    this.#reader = reader;
    this.#loop = loop ?? _loopForNewObject("new StreamWriter()");
  }

  /**
   * A writer whose transport writes into a web `WritableStream`: `drain()`
   * waits for the stream's back-pressure (its `ready`), `close()` closes it,
   * `transport.abort()` aborts it, `waitClosed()` waits until it is closed.
   *
   * Differences from Python: an addition (Web Streams interop). The
   * transport's write-buffer limits do not apply: the stream's queuing
   * strategy decides when to wait.
   *
   * @param stream The stream to write to (it gets locked).
   * @param options `loop`: default the running loop, else the current one.
   * @returns The writer.
   *
   * @example
   * ```ts
   * import { run, StreamWriter } from "@denoio/asyncio";
   * await run(async () => {
   *   const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
   *   const text = new Response(readable).text();
   *   const writer = StreamWriter.fromWritableStream(writable);
   *   writer.write(new TextEncoder().encode("hi"));
   *   writer.close();
   *   await writer.waitClosed();
   *   console.assert((await text) === "hi");
   * });
   * ```
   */
  static fromWritableStream(
    stream: WritableStream<Uint8Array>,
    options: { loop?: EventLoop } = {},
  ): StreamWriter<WriteTransport> {
    const loop = options.loop ?? _loopForNewObject("StreamWriter.fromWritableStream()");
    const protocol = new WritableStreamProtocol(loop);
    const transport = new WritableStreamTransport(stream, protocol, loop);
    return new StreamWriter<WriteTransport>(transport, protocol, null, loop);
  }

  /**
   * A web `WritableStream` that writes each chunk with `write()` and then
   * awaits `drain()`; closing it closes the writer and waits until it is
   * closed; aborting it aborts the transport.
   *
   * Differences from Python: an addition (Web Streams interop).
   *
   * @returns The stream.
   *
   * @example
   * ```ts
   * import { run, StreamWriter } from "@denoio/asyncio";
   * await run(async () => {
   *   const chunks: Uint8Array[] = [];
   *   const writer = StreamWriter.fromWritableStream(
   *     new WritableStream({ write(chunk) { chunks.push(chunk); } }),
   *   );
   *   await ReadableStream.from([new Uint8Array([1, 2])]).pipeTo(writer.toWritableStream());
   *   console.assert(chunks.length === 1 && writer.isClosing());
   * });
   * ```
   */
  toWritableStream(): WritableStream<Uint8Array> {
    return new WritableStream<Uint8Array>({
      write: async (chunk) => {
        this.write(chunk);
        await this.drain();
      },
      close: async () => {
        if (!this.isClosing()) this.close();
        await this.waitClosed();
      },
      abort: () => {
        this.#transport.abort();
      },
    });
  }

  /** The transport. */
  get transport(): T {
    return this.#transport;
  }

  /**
   * Buffers `data` for sending; never blocks. Follow with `await drain()`.
   * The bytes are taken (copied) before it returns, as in Python, so `data`
   * may be reused at once.
   *
   * @param data The bytes.
   */
  write(data: Uint8Array): void {
    this.#transport.write(data);
  }

  /**
   * Buffers each array in order.
   *
   * @param data The byte arrays.
   */
  writelines(data: Iterable<Uint8Array>): void {
    this.#transport.writelines(data);
  }

  /** Half-closes: sends EOF after the buffered data. */
  writeEof(): void {
    this.#transport.writeEof();
  }

  /** Whether {@linkcode StreamWriter.writeEof} is supported. */
  canWriteEof(): boolean {
    return this.#transport.canWriteEof();
  }

  /** Closes the transport after flushing; see {@linkcode StreamWriter.waitClosed}. */
  close(): void {
    this.#transport.close();
  }

  /** Whether the transport is closing or closed. */
  isClosing(): boolean {
    return this.#transport.isClosing();
  }

  /**
   * Resolves once the connection is closed.
   *
   * @throws The error the connection was lost with, if any.
   */
  async waitClosed(): Promise<void> {
    await this.#protocol.getCloseWaiter(this);
  }

  /**
   * Transport information: `"peername"`, `"sockname"`, `"sslcontext"`, ...
   *
   * @param name The key.
   * @param defaultValue Returned when the key is absent (default `undefined`).
   */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return this.#transport.getExtraInfo(name, defaultValue);
  }

  /**
   * Waits until it is appropriate to write more: at once unless the
   * transport paused writing (its buffer is above the high-water mark). On a
   * closing transport it waits until the connection is closed, then rejects.
   *
   * @throws The reader's exception (e.g. the connection error), if set.
   * @throws {Deno.errors.ConnectionReset} If the connection was lost.
   */
  drain(): Promise<void> {
    const reader = this.#reader;
    if (reader !== null) {
      const exc = reader.exception();
      if (exc !== null) return Promise.reject(exc);
    }
    if (this.#transport.isClosing()) return this.#drainClosing();
    return this.#protocol.drainHelper();
  }

  /**
   * Upgrades the connection to TLS (`loop.startTls()`); the reader and
   * writer keep working over the new transport.
   *
   * @param sslContext `true` or an `SSLContext`.
   * @param options `serverHostname`, `sslHandshakeTimeout` (seconds).
   */
  async startTls(sslContext: SSLOption, options: StreamWriterStartTlsOptions = {}): Promise<void> {
    const protocol = this.#protocol as TlsCapable;
    await this.drain();
    const transport = await this.#loop.startTls(
      this.#transport as unknown as Transport,
      protocol,
      sslContext,
      {
        serverSide: protocol[IS_SERVER_SIDE] === true,
        serverHostname: options.serverHostname,
        sslHandshakeTimeout: options.sslHandshakeTimeout,
      },
    );
    this.#transport = transport as unknown as T;
    protocol[REPLACE_TRANSPORT]?.(transport);
  }

  /** Closes the transport (if not closing) and waits until it is closed. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (!this.#transport.isClosing()) this.#transport.close();
    await this.waitClosed();
  }

  /** A short description: `<StreamWriter transport=... reader=...>`. */
  toString(): string {
    const info = ["StreamWriter", `transport=${String(this.#transport)}`];
    if (this.#reader !== null) info.push(`reader=${this.#reader}`);
    return `<${info.join(" ")}>`;
  }

  async #drainClosing(): Promise<void> {
    // Let the loop deliver connectionLost(), so that a write/drain loop on a
    // closed connection sees the error (Python's `await sleep(0)`).
    const turn = NativeWait.create<void>(this.#loop);
    turn.wake(undefined);
    await turn.promise;
    if (!this.#protocol.isConnectionLost()) {
      // Deno closes asynchronously: wait until the connection is really gone.
      try {
        await this.#protocol.getCloseWaiter(this);
      } catch {
        // reported below, through the reader or drainHelper()
      }
    }
    const exc = this.#reader?.exception() ?? null;
    if (exc !== null) throw exc;
    await this.#protocol.drainHelper();
  }
}
