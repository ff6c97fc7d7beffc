// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `StreamReaderProtocol`: the protocol that feeds a `StreamReader`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import { checkCallable } from "../loop/_internal.ts";
import type { BaseTransport, Transport } from "../transports/transport.ts";
import { FlowControlMixin } from "./flow_control_mixin.ts";
import type { StreamReader } from "./stream_reader.ts";
import { StreamWriter } from "./stream_writer.ts";
import { IS_SERVER_SIDE, REPLACE_TRANSPORT } from "./_internal.ts";

/**
 * Called for each accepted connection with its reader and writer; may be
 * sync or async. It runs in its own task.
 */
export type ClientConnectedCallback = (
  reader: StreamReader,
  writer: StreamWriter,
) => void | PromiseLike<void>;

/**
 * Adapts the protocol callbacks of a stream transport to a
 * {@linkcode StreamReader}: received bytes are fed to the reader, EOF and
 * connection loss end it. With a `clientConnected` callback (servers), each
 * connection gets a {@linkcode StreamWriter} and the callback runs as a task;
 * if it fails, the error goes to the loop's exception handler ("Unhandled
 * exception in client_connected_cb") and the transport is closed.
 *
 * Mirrors Python's `asyncio.StreamReaderProtocol`. Differences from Python:
 * the callback always runs in a task (a sync callback one loop iteration
 * later than Python would call it); the reader is held strongly.
 *
 * @example
 * ```ts
 * import { run, StreamReader, StreamReaderProtocol } from "@denoio/asyncio";
 * await run(async () => {
 *   const reader = new StreamReader();
 *   const protocol = new StreamReaderProtocol(reader);
 *   protocol.dataReceived(new TextEncoder().encode("hi\n"));
 *   protocol.eofReceived();
 *   console.assert(new TextDecoder().decode(await reader.readline()) === "hi\n");
 * });
 * ```
 */
export class StreamReaderProtocol extends FlowControlMixin {
  #reader: StreamReader | null;
  #clientConnected: ClientConnectedCallback | null;
  #transport: BaseTransport | null = null;
  #closed: Future<void>;

  /**
   * Creates an instance.
   *
   * @param streamReader The reader to feed, or `null`.
   * @param clientConnected For servers: called with `(reader, writer)` once
   * the connection is made.
   * @param loop The loop; default: the running loop, else the current one.
   */
  constructor(
    streamReader: StreamReader | null,
    clientConnected: ClientConnectedCallback | null = null,
    loop?: EventLoop,
  ) {
    super(loop);
    if (clientConnected !== null) {
      checkCallable(clientConnected, "StreamReaderProtocol(): clientConnected");
    }
    this.#reader = streamReader;
    this.#clientConnected = clientConnected;
    this.#closed = this.getLoop().createFuture<void>();
  }

  /** Whether it serves an accepted connection. @ignore */
  get [IS_SERVER_SIDE](): boolean {
    return this.#clientConnected !== null;
  }

  /** Switches to the TLS transport after `startTls()`. @ignore */
  [REPLACE_TRANSPORT](transport: Transport): void {
    this.#transport = transport;
    this.#reader?.[REPLACE_TRANSPORT](transport);
  }

  /** Attaches the transport to the reader; for servers, starts the callback's task. */
  connectionMade(transport: BaseTransport): void {
    this.#transport = transport;
    const reader = this.#reader;
    const t = transport as Transport;
    if (reader !== null) reader.setTransport(t);
    const callback = this.#clientConnected;
    if (callback === null) return;
    const loop = this.getLoop();
    const writer = new StreamWriter(t, this, reader, loop);
    const task = loop.createTask(() => callback(reader!, writer));
    task.addDoneCallback(() => {
      if (task.cancelled()) {
        t.close();
        return;
      }
      const exc = task.exception();
      if (exc !== null) {
        loop.callExceptionHandler({
          message: "Unhandled exception in client_connected_cb",
          exception: exc,
          transport: t,
        });
        t.close();
      }
    });
  }

  /** Ends the reader (EOF, or the error), settles `waitClosed()`, wakes `drain()`. */
  override connectionLost(exc: Error | null): void {
    const reader = this.#reader;
    if (reader !== null) {
      if (exc === null) reader.feedEof();
      else reader.setException(exc);
    }
    if (!this.#closed.done()) {
      if (exc === null) {
        this.#closed.setResult(undefined);
      } else {
        this.#closed.setException(exc);
        this.#closed.exception(); // nobody has to wait for it: never report it as unretrieved
      }
    }
    super.connectionLost(exc);
    this.#reader = null;
    this.#transport = null;
  }

  /** Feeds `data` to the reader. */
  dataReceived(data: Uint8Array): void {
    this.#reader?.feedData(data);
  }

  /**
   * Feeds EOF to the reader; keeps the transport open for writing if it can
   * half-close. Python closes TLS connections here, as its SSL transports
   * cannot half-close; ours can (TCP, Unix and TLS alike), so they stay open.
   */
  eofReceived(): boolean {
    this.#reader?.feedEof();
    return (this.#transport as Transport | null)?.canWriteEof?.() !== false;
  }

  /** The future that `StreamWriter.waitClosed()` awaits. */
  override getCloseWaiter(_stream: unknown): PromiseLike<void> {
    return this.#closed;
  }
}
