// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The write pipe transport: a `WritableStream<Uint8Array>` written through a
 * transport with asyncio's buffering and flow control, and
 * `connectWritePipe()`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { checkCallable, Step } from "../loop/_internal.ts";
import type { WritePipe } from "../loop/io.ts";
import { afterScheduledCallbacks } from "../loop/io.ts";
import type { BaseProtocol, ProtocolFactory } from "../protocols/protocols.ts";
import type { WriteTransport } from "./transport.ts";
import { connectedOrUndo, LOG_THRESHOLD_FOR_CONNLOST_WRITES, toBytes } from "./_net.ts";
import {
  callProtocol,
  isOsError,
  type LoopResource,
  NO_ARGS,
  track,
  untrack,
  writableOf,
} from "./_pipe_common.ts";

const DEFAULT_HIGH = 64 * 1024;
const MIN_BUFFER = 4096;
const MAX_SPARE = 1024 * 1024;
const PIPE_CAPACITY = 64 * 1024;

/** `transport[WRITE_OWNED](data)`: write without copying (the caller leaves `data` alone). */
export const WRITE_OWNED: unique symbol = Symbol("writeOwned");

/**
 * Writes to a `WritableStream` without ever blocking the caller: `write()`
 * copies the data into a buffer that a pump hands to the stream's writer,
 * coalescing whatever accumulated while the previous write was in flight.
 * `pauseWriting()` / `resumeWriting()` are called on the protocol when the
 * buffer crosses the high / low water marks. `writeEof()` and `close()`
 * flush, then close the stream; `abort()` drops the buffer. A failed write
 * (e.g. `BrokenPipe` when the reader went away) closes the transport with
 * `connectionLost(exc)`.
 *
 * Mirrors Python's `_UnixWritePipeTransport`. Internal: obtained from
 * `loop.connectWritePipe()`.
 */
export class WritePipeTransport implements WriteTransport, Disposable, LoopResource {
  #loop: EventLoop;
  #protocol: BaseProtocol;
  #extra: Record<string, unknown>;
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #pending: Uint8Array | null = null; // accepted, not yet handed to the writer
  #pendingStart = 0; // pending bytes are #pending[#pendingStart, #pendingStart + #pendingLen)
  #pendingLen = 0;
  #maxWrite: number; // the most bytes handed to the writer at once
  #inFlightBuf: Uint8Array | null = null;
  #spare: Uint8Array | null = null; // a written buffer to fill again (#reuse only)
  #reuse: boolean;
  #inFlight = false;
  #inFlightLen = 0; // bytes of the write in flight
  #kernelCredit: number; // bytes of an in-flight write counted as handed to the OS
  #high = DEFAULT_HIGH;
  #low = DEFAULT_HIGH / 4;
  #protocolPaused = false;
  #closing = false; // no more writes accepted
  #closed = false; // the writer was closed or aborted
  #lost = false; // connectionLost was scheduled
  #connLostWrites = 0;
  #peerGone = false;

  /**
   * Creates the transport; `connectionMade` is called soon.
   *
   * @param loop The loop whose callbacks deliver the events.
   * @param protocol The protocol to notify.
   * @param pipe The pipe (reported as extra info `"pipe"`).
   * @param stream The stream to write.
   * @param reuseBuffers Whether the stream is done with a chunk once its write
   * resolved (true of Deno's own resource streams), so its buffer can be filled again.
   */
  constructor(
    loop: EventLoop,
    protocol: BaseProtocol,
    pipe: unknown,
    stream: WritableStream<Uint8Array>,
    reuseBuffers = false,
  ) {
    this.#reuse = reuseBuffers;
    this.#kernelCredit = reuseBuffers ? PIPE_CAPACITY : 0;
    this.#maxWrite = reuseBuffers ? PIPE_CAPACITY : Infinity;
    this.#loop = loop;
    this.#protocol = protocol;
    this.#extra = { pipe };
    this.#writer = stream.getWriter();
    // The reading side went away (the stream errored, e.g. its readable end was cancelled): as
    // Python's pipe transport watching its fd, lose the connection even with nothing to write.
    // A write in flight reports that itself (#onWriteError); our own close/abort is no news.
    this.#writer.closed.catch((e) => {
      if (this.#closed || this.#lost || this.#inFlight || this.#loop.isClosed()) return;
      this.#loop.callSoon(() => {
        if (this.#closed || this.#lost || this.#inFlight) return;
        this.#fail(this.#pendingLen > 0 ? (e instanceof Error ? e : new Error(String(e))) : null);
      });
    });
    track(loop, this);
    loop.callSoon(() => {
      if (this.#lost) return;
      callProtocol(loop, this.#protocol, "connectionMade", [this], this);
    });
  }

  /** Extra info: `"pipe"` is the pipe given to `connectWritePipe()`. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return name in this.#extra ? this.#extra[name] : defaultValue;
  }

  /** Whether the transport is closing or closed. */
  isClosing(): boolean {
    return this.#closing;
  }

  /** Switches to another protocol. */
  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol;
  }

  /** The current protocol. */
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  /**
   * Queues `data` (copied) for writing; never blocks. Empty data is ignored;
   * data written after `close()`, `writeEof()` or a lost connection is
   * dropped (with a warning after a few such writes), as in Python.
   *
   * @throws {TypeError} If `data` is not a `Uint8Array` (or other `ArrayBufferView`).
   */
  write(data: Uint8Array): void {
    this.#write(data, true);
  }

  /**
   * `write()` without the copy when the data can go out at once: the caller
   * promises not to modify `data` until the transport is done with it. Internal.
   */
  [WRITE_OWNED](data: Uint8Array): void {
    this.#write(data, false);
  }

  #write(data: Uint8Array, copy: boolean): void {
    if (!(data instanceof Uint8Array)) data = toBytes(data, "write()");
    if (data.byteLength === 0) return;
    if (this.#closing || this.#lost) {
      if (++this.#connLostWrites >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        console.warn("pipe closed by peer or write to the pipe failed; data dropped");
      }
      return;
    }
    if (!copy && !this.#inFlight && this.#pendingLen === 0) {
      this.#send(data, null);
    } else {
      this.#append(data);
      if (!this.#inFlight) this.#pump();
    }
    this.#maybePauseProtocol();
  }

  /** Writes each buffer in order. */
  writelines(list: Iterable<Uint8Array>): void {
    for (const data of list) this.write(data);
  }

  /** Closes the pipe once the buffer is flushed; `connectionLost(null)` follows. */
  writeEof(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (!this.#inFlight && this.#pendingLen === 0) this.#closeWriter();
  }

  /** `true`: `writeEof()` closes the pipe after flushing. */
  canWriteEof(): boolean {
    return true;
  }

  /** Flushes, then closes (same as {@linkcode WritePipeTransport.writeEof}). */
  close(): void {
    this.writeEof();
  }

  /** Same as {@linkcode WritePipeTransport.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Closes at once, dropping buffered data; `connectionLost(null)` follows. */
  abort(): void {
    this.#fail(null);
  }

  /** Bytes accepted by `write()` and not yet written to the stream. */
  getWriteBufferSize(): number {
    return this.#size();
  }

  /** `[low, high]` water marks in bytes. */
  getWriteBufferLimits(): [number, number] {
    return [this.#low, this.#high];
  }

  /**
   * Sets the water marks. Defaults: `high` 64 KiB (or `4 * low`), `low` `high / 4`.
   *
   * @throws {RangeError} Unless `high >= low >= 0`.
   */
  setWriteBufferLimits(high?: number, low?: number): void {
    if (high === undefined || high === null) {
      high = low === undefined || low === null ? DEFAULT_HIGH : 4 * low;
    }
    if (low === undefined || low === null) low = Math.floor(high / 4);
    if (!(high >= low && low >= 0)) {
      throw new RangeError(`high (${high}) must be >= low (${low}) must be >= 0`);
    }
    this.#high = high;
    this.#low = low;
    this.#maybePauseProtocol();
  }

  /** @ignore */
  releaseOnLoopClose(): void {
    this.#lost = true;
    this.#closing = true;
    this.#pending = null;
    this.#pendingStart = 0;
    this.#pendingLen = 0;
    this.#abortWriter();
  }

  /**
   * The reader of the pipe is known to be gone (the child exited): close the
   * transport once nothing is left to write. Internal.
   */
  peerGone(): void {
    this.#peerGone = true;
    if (!this.#inFlight && this.#pendingLen === 0 && !this.#lost) {
      this.#closing = true;
      this.#closeWriter();
    }
  }

  /** `<WritePipeTransport open|closing bufsize=N>`. */
  toString(): string {
    return `<WritePipeTransport ${this.#closing ? "closing" : "open"} bufsize=${this.#size()}>`;
  }

  #append(data: Uint8Array): void {
    const live = this.#pendingLen;
    const need = live + data.byteLength;
    let pending = this.#pending;
    let end = this.#pendingStart + live;
    if (pending === null || pending.byteLength < end + data.byteLength) {
      // (The part before #pendingStart may be in flight: never written over.)
      const spare = this.#spare;
      let grown: Uint8Array;
      if (spare !== null && spare.byteLength >= need) {
        grown = spare;
        this.#spare = null;
      } else {
        let cap = pending === null ? MIN_BUFFER : pending.byteLength * 2;
        while (cap < need) cap *= 2;
        grown = new Uint8Array(live === 0 ? Math.max(need, MIN_BUFFER) : cap);
      }
      if (pending !== null && live > 0) {
        grown.set(pending.subarray(this.#pendingStart, end));
      }
      pending = this.#pending = grown;
      this.#pendingStart = 0;
      end = live;
    }
    pending.set(data, end);
    this.#pendingLen = need;
  }

  /**
   * Hands the pending bytes to the writer. Over an OS pipe, at most one pipe buffer at a time:
   * a larger write only fills the pipe and then waits for the reader to make room, which costs
   * more wake-ups than writing the rest once the pipe has room (measured: 128 KiB writes into
   * `cat` run ~10 % slower than 64 KiB ones).
   */
  #pump(): void {
    const buf = this.#pending!;
    const start = this.#pendingStart;
    const len = this.#pendingLen;
    if (len > this.#maxWrite) {
      const n = this.#maxWrite;
      this.#pendingStart = start + n;
      this.#pendingLen = len - n;
      this.#send(buf.subarray(start, start + n), null); // the buffer stays pending
      return;
    }
    this.#pending = null;
    this.#pendingStart = 0;
    this.#pendingLen = 0;
    this.#send(buf.subarray(start, start + len), buf);
  }

  #send(data: Uint8Array, buf: Uint8Array | null): void {
    this.#inFlight = true;
    this.#inFlightBuf = buf;
    this.#inFlightLen = data.byteLength;
    this.#writer.write(data).then(this.#onWritten, this.#onWriteError);
  }

  #onWritten = (): void => {
    this.#inFlight = false;
    this.#inFlightLen = 0;
    const buf = this.#inFlightBuf;
    this.#inFlightBuf = null;
    if (buf !== null && this.#reuse && buf.byteLength <= MAX_SPARE) {
      if (this.#pending === null) {
        this.#pending = buf;
        this.#pendingStart = 0;
      } else this.#spare = buf;
    }
    if (this.#lost) return;
    if (this.#pendingLen > 0) this.#pump();
    else if (this.#closing || this.#peerGone) {
      this.#closing = true;
      this.#closeWriter();
    }
    // Only a paused protocol whose buffer is down to the low-water mark has anything to hear
    // (resumeWriting(), from the loop); above it, a later completion checks again.
    if (
      this.#protocolPaused && this.#size() <= this.#low && !this.#loop.isClosed()
    ) this.#ackItem.scheduleOn(this.#loop);
  };

  #onWriteError = (error: unknown): void => {
    this.#inFlight = false;
    this.#inFlightLen = 0;
    if (this.#lost || this.#loop.isClosed()) return;
    this.#loop.callSoon(() =>
      this.#fail(this.#fatal(error, "Fatal write error on pipe transport"))
    );
  };

  #ack = (): void => {
    if (this.#lost) return;
    this.#maybeResumeProtocol();
  };

  /** `#ack` as an item of the loop's ready queue (no handle per call). */
  #ackItem = new Step("WritePipeTransport #ack", this.#ack);

  /**
   * Bytes not yet handed to the OS. Over an OS pipe, up to one pipe buffer
   * (64 KiB) of the write in flight counts as handed over, as Python's
   * `os.write()` into an empty pipe would have done.
   */
  #size(): number {
    const inFlight = this.#inFlightLen;
    return this.#pendingLen + (inFlight > this.#kernelCredit ? inFlight - this.#kernelCredit : 0);
  }

  #maybePauseProtocol(): void {
    if (this.#protocolPaused || this.#size() <= this.#high) return;
    this.#protocolPaused = true;
    callProtocol(this.#loop, this.#protocol, "pauseWriting", NO_ARGS, this);
  }

  #maybeResumeProtocol(): void {
    if (!this.#protocolPaused || this.#size() > this.#low) return;
    this.#protocolPaused = false;
    callProtocol(this.#loop, this.#protocol, "resumeWriting", NO_ARGS, this);
  }

  #closeWriter(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#writer.close().then(
      () => this.#lostSoon(null),
      // as a failed write: connectionLost(exc), and a non-OS error is reported too
      (e) => this.#lostSoon(this.#fatal(e, "Fatal error closing pipe transport")),
    );
  }

  /** `error` as an Error; one that is not the OS's (a stream's own) goes to the exception handler. */
  #fatal(error: unknown, message: string): Error {
    const exc = error instanceof Error ? error : new Error(String(error));
    if (!isOsError(exc) && !this.#loop.isClosed()) {
      this.#loop.callExceptionHandler({
        message,
        exception: exc,
        transport: this,
        protocol: this.#protocol,
      });
    }
    return exc;
  }

  #abortWriter(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#writer.abort().catch(() => {});
  }

  #fail(exc: Error | null): void {
    if (this.#lost) return;
    this.#closing = true;
    this.#pending = null;
    this.#pendingStart = 0;
    this.#pendingLen = 0;
    this.#inFlightLen = 0;
    this.#abortWriter();
    this.#lostSoon(exc);
  }

  #lostSoon(exc: Error | null): void {
    if (this.#lost) return;
    this.#lost = true;
    untrack(this.#loop, this);
    if (this.#loop.isClosed()) return;
    this.#loop.callSoon(() => {
      callProtocol(this.#loop, this.#protocol, "connectionLost", [exc], this);
    });
  }
}

/**
 * Connects a write pipe: the implementation of `loop.connectWritePipe()`.
 * Resolves once `connectionMade` has been called.
 */
export async function connectWritePipe<P extends BaseProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  pipe: WritePipe,
): Promise<[WriteTransport, P]> {
  checkCallable(factory, "connectWritePipe(): protocolFactory");
  const stream = writableOf(pipe, "connectWritePipe()");
  if (stream.locked) {
    throw new TypeError(
      "connectWritePipe(): the pipe's WritableStream is locked by another writer",
    );
  }
  const protocol = factory();
  // Deno's own resource streams are done with a chunk once its write resolved.
  const denoOwned = pipe === Deno.stdout || pipe === Deno.stderr || pipe instanceof Deno.FsFile;
  const transport = new WritePipeTransport(loop, protocol, pipe, stream, denoOwned);
  await connectedOrUndo(afterScheduledCallbacks(loop), () => transport.abort());
  return [transport, protocol];
}
