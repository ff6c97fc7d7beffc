// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The read pipe transport: a `ReadableStream<Uint8Array>` read through a
 * protocol, and `connectReadPipe()`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { checkCallable, Step } from "../loop/_internal.ts";
import type { ReadPipe } from "../loop/io.ts";
import { afterScheduledCallbacks } from "../loop/io.ts";
import type { BaseProtocol, Protocol, ProtocolFactory } from "../protocols/protocols.ts";
import type { ReadTransport } from "./transport.ts";
import { connectedOrUndo, reportRejection } from "./_net.ts";
import {
  callProtocol,
  type LoopResource,
  readableOf,
  reportProtocolError,
  track,
  untrack,
} from "./_pipe_common.ts";

const EOF = Symbol("eof");
type Item = Uint8Array | typeof EOF | { error: unknown };
const READ_AHEAD = 2;

/**
 * Reads a `ReadableStream` and hands each chunk to its protocol's
 * `dataReceived()`, then `eofReceived()` and `connectionLost(null)` at the
 * end. Pausing stops pulling from the stream's reader (back-pressure reaches
 * the source); a chunk that was already being read is held until
 * `resumeReading()`.
 *
 * Mirrors Python's `_UnixReadPipeTransport`. Internal: obtained from
 * `loop.connectReadPipe()`.
 */
export class ReadPipeTransport implements ReadTransport, Disposable, LoopResource {
  #loop: EventLoop;
  #protocol: BaseProtocol;
  #pipe: unknown;
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #inbox: Item[] = [];
  #reading = false; // a read() is in flight
  #paused = false;
  #started = false;
  #closing = false;
  #ended = false; // the stream ended or failed: no further read()
  #extra: Record<string, unknown>;

  /**
   * Creates the transport; `connectionMade` is called soon, then reading starts.
   *
   * @param loop The loop whose callbacks deliver the events.
   * @param protocol The protocol to feed.
   * @param pipe The pipe (reported as extra info `"pipe"`).
   * @param stream The stream to read.
   * @param extra More extra info.
   */
  constructor(
    loop: EventLoop,
    protocol: BaseProtocol,
    pipe: unknown,
    stream: ReadableStream<Uint8Array>,
    extra: Record<string, unknown> = {},
  ) {
    this.#loop = loop;
    this.#protocol = protocol;
    this.#pipe = pipe;
    this.#extra = { ...extra, pipe };
    this.#reader = stream.getReader();
    track(loop, this);
    loop.callSoon(() => {
      if (this.#closing) return;
      callProtocol(loop, this.#protocol, "connectionMade", [this], this);
    });
    loop.callSoon(() => {
      this.#started = true;
      this.#pull();
    });
  }

  /** Extra info: `"pipe"` is the pipe given to `connectReadPipe()`. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return name in this.#extra ? this.#extra[name] : defaultValue;
  }

  /** Whether the transport is closing or closed. */
  isClosing(): boolean {
    return this.#closing;
  }

  /** Whether data is being read (not paused, not closing). */
  isReading(): boolean {
    return !this.#paused && !this.#closing;
  }

  /** Stops pulling from the stream until `resumeReading()`. */
  pauseReading(): void {
    if (this.#closing || this.#paused) return;
    this.#paused = true;
  }

  /** Pulls from the stream again; held data is delivered first. */
  resumeReading(): void {
    if (this.#closing || !this.#paused) return;
    this.#paused = false;
    if (this.#inbox.length > 0) this.#scheduleFlush();
    else this.#pull();
  }

  /** Switches to another protocol. */
  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol;
  }

  /** The current protocol. */
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  /** Stops reading and cancels the stream; `connectionLost(null)` follows. */
  close(): void {
    if (this.#closing) return;
    this.#close(null);
  }

  /** Same as {@linkcode ReadPipeTransport.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** @ignore */
  releaseOnLoopClose(): void {
    this.#closing = true;
    this.#cancel();
  }

  /** `<ReadPipeTransport reading|paused|closing>`. */
  toString(): string {
    const state = this.#closing ? "closing" : this.#paused ? "paused" : "reading";
    return `<ReadPipeTransport ${state}>`;
  }

  #pull(): void {
    if (
      this.#reading || this.#paused || this.#closing || this.#ended || !this.#started ||
      this.#inbox.length >= READ_AHEAD
    ) return;
    this.#reading = true;
    this.#reader.read().then(this.#onRead, this.#onError);
  }

  #onRead = (result: ReadableStreamReadResult<Uint8Array>): void => {
    this.#reading = false;
    if (this.#closing) return;
    if (result.done) {
      this.#ended = true;
      this.#inbox.push(EOF);
    } else if (result.value.byteLength > 0) {
      this.#inbox.push(result.value);
    }
    this.#scheduleFlush();
    this.#pull();
  };

  #onError = (error: unknown): void => {
    this.#reading = false;
    if (this.#closing) return;
    this.#ended = true;
    this.#inbox.push({ error });
    this.#scheduleFlush();
  };

  #scheduleFlush(): void {
    if (!this.#loop.isClosed()) this.#flushItem.scheduleOn(this.#loop);
  }

  #flush = (): void => {
    const inbox = this.#inbox;
    while (inbox.length > 0 && !this.#paused && !this.#closing) {
      const item = inbox.shift()!;
      if (item instanceof Uint8Array) {
        const protocol = this.#protocol as Partial<Protocol>;
        try {
          const result = protocol.dataReceived?.(item);
          if (result !== undefined) {
            reportRejection(this.#loop, result, "dataReceived", this, protocol);
          }
        } catch (e) {
          reportProtocolError(this.#loop, protocol, "dataReceived", e, this);
        }
      } else if (item === EOF) {
        this.#closing = true;
        callProtocol(this.#loop, this.#protocol, "eofReceived", [], this);
        this.#finish(null);
      } else {
        this.#loop.callExceptionHandler({
          message: "Fatal read error on pipe transport",
          exception: item.error,
          transport: this,
          protocol: this.#protocol,
        });
        this.#close(item.error instanceof Error ? item.error : new Error(String(item.error)));
      }
    }
    this.#pull();
  };

  /** `#flush` as an item of the loop's ready queue (no handle per chunk). */
  #flushItem = new Step("ReadPipeTransport #flush", this.#flush);

  #close(exc: Error | null): void {
    this.#closing = true;
    this.#inbox.length = 0;
    // connectionLost only once the pipe is really closed, as Python closes it first: a child that
    // writes on then gets EPIPE, not a pipe that nobody reads. A read in flight keeps Deno's
    // resource open until Deno's own event loop has polled the cancelled read, which happens
    // after the cancel resolves: a host timer (one per close) fires after that poll.
    this.#cancel().then(() =>
      setTimeout(() => {
        if (!this.#loop.isClosed()) this.#finish(exc);
      }, 0)
    );
  }

  #finish(exc: Error | null): void {
    this.#loop.callSoon(() => {
      untrack(this.#loop, this);
      this.#cancel();
      callProtocol(this.#loop, this.#protocol, "connectionLost", [exc], this);
    });
  }

  /** Cancels the stream (or releases it once ended); resolves when that is done. */
  #cancel(): Promise<void> {
    if (this.#ended) {
      try {
        this.#reader.releaseLock();
      } catch {
        // already released
      }
      return Promise.resolve();
    }
    this.#ended = true;
    return this.#reader.cancel().catch(() => {});
  }
}

/**
 * Connects a read pipe: the implementation of `loop.connectReadPipe()`.
 * Resolves once `connectionMade` has been called.
 */
export async function connectReadPipe<P extends BaseProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  pipe: ReadPipe,
): Promise<[ReadTransport, P]> {
  checkCallable(factory, "connectReadPipe(): protocolFactory");
  const stream = readableOf(pipe, "connectReadPipe()");
  if (stream.locked) {
    throw new TypeError("connectReadPipe(): the pipe's ReadableStream is locked by another reader");
  }
  const protocol = factory();
  const transport = new ReadPipeTransport(loop, protocol, pipe, stream);
  await connectedOrUndo(afterScheduledCallbacks(loop), () => transport.close());
  return [transport, protocol];
}
