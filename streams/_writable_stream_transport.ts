// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A WriteTransport over a web WritableStream, and the protocol a StreamWriter needs on it.
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import type { BaseProtocol } from "../protocols/protocols.ts";
import type { WriteTransport } from "../transports/transport.ts";
import { LOG_THRESHOLD_FOR_CONNLOST_WRITES, toBytes } from "../transports/_net.ts";
import { FlowControlMixin } from "./flow_control_mixin.ts";

/** The protocol of a writable-stream writer: flow control plus a close waiter. */
export class WritableStreamProtocol extends FlowControlMixin {
  #closed: Future<void>;

  constructor(loop: EventLoop) {
    super(loop);
    this.#closed = loop.createFuture<void>();
  }

  override connectionLost(exc: Error | null): void {
    if (!this.#closed.done()) {
      if (exc === null) {
        this.#closed.setResult(undefined);
      } else {
        this.#closed.setException(exc);
        this.#closed.exception(); // nobody has to wait for it
      }
    }
    super.connectionLost(exc);
  }

  override getCloseWaiter(_stream: unknown): PromiseLike<void> {
    return this.#closed;
  }
}

const DEFAULT_HIGH = 65536;

function asError(e: unknown): Error {
  return e instanceof Error ? e : new Error(`The stream errored: ${String(e)}`, { cause: e });
}

/**
 * Writes into a `WritableStream`. Every stream event reaches the protocol
 * through `loop.callSoon()`. Writing pauses while the stream's `desiredSize`
 * is at most 0 and resumes when its `ready` promise resolves.
 */
export class WritableStreamTransport implements WriteTransport {
  #stream: WritableStream<Uint8Array>;
  #sink: WritableStreamDefaultWriter<Uint8Array>;
  #protocol: BaseProtocol;
  #loop: EventLoop;
  #closing = false;
  #aborted = false;
  #lost = false;
  #paused = false;
  #droppedWrites = 0;
  #buffered = 0;
  #high = DEFAULT_HIGH;
  #low = DEFAULT_HIGH / 4;

  constructor(stream: WritableStream<Uint8Array>, protocol: BaseProtocol, loop: EventLoop) {
    this.#stream = stream;
    this.#sink = stream.getWriter();
    this.#protocol = protocol;
    this.#loop = loop;
    protocol.connectionMade?.(this);
    // A stream that errors on its own (not through us) loses the connection.
    this.#sink.closed.then(undefined, (e) => {
      if (!this.#aborted) this.#toLoop(this.#connectionLost, asError(e));
    });
  }

  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return name === "pipe" ? this.#stream : defaultValue;
  }

  isClosing(): boolean {
    return this.#closing;
  }

  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#sink.close().then(
      () => this.#toLoop(this.#connectionLost, null),
      (e) => this.#toLoop(this.#connectionLost, asError(e)),
    );
  }

  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol;
  }

  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) data = toBytes(data, "write()"); // as the other transports
    if (this.#closing) {
      // as Python's pipe transport: dropped, with a warning after a few such writes
      if (++this.#droppedWrites >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        console.warn("stream closed or failed; data written after close() was dropped");
      }
      return;
    }
    const n = data.length;
    if (n === 0) return;
    this.#buffered += n;
    const sink = this.#sink;
    // a copy: the stream may queue the chunk, and the caller may reuse `data` once write() returns
    sink.write(data.slice()).then(
      () => {
        if (!this.#aborted) this.#buffered -= n;
      },
      (e) => {
        // the writes abort() dropped fail too: that is the abort's doing, not an error
        if (!this.#aborted) this.#toLoop(this.#connectionLost, asError(e));
      },
    );
    const desired = sink.desiredSize;
    if (!this.#paused && desired !== null && desired <= 0) {
      this.#paused = true;
      this.#protocol.pauseWriting?.();
      sink.ready.then(() => this.#toLoop(this.#resume, null), () => {});
    }
  }

  writelines(list: Iterable<Uint8Array>): void {
    for (const data of list) this.write(data);
  }

  writeEof(): void {
    this.close();
  }

  canWriteEof(): boolean {
    return true;
  }

  abort(): void {
    if (this.#lost || this.#aborted) return;
    this.#closing = true;
    this.#aborted = true;
    this.#buffered = 0; // dropped, as Python's abort() clears the buffer
    const lost = () => this.#toLoop(this.#connectionLost, null);
    this.#sink.abort().then(lost, lost);
  }

  getWriteBufferSize(): number {
    return this.#buffered;
  }

  getWriteBufferLimits(): [number, number] {
    return [this.#low, this.#high];
  }

  setWriteBufferLimits(high?: number, low?: number): void {
    const h = high ?? (low !== undefined ? 4 * low : DEFAULT_HIGH);
    const l = low ?? h / 4;
    if (!(h >= l && l >= 0)) {
      throw new RangeError(`setWriteBufferLimits(): need high (${h}) >= low (${l}) >= 0`);
    }
    this.#high = h;
    this.#low = l;
  }

  toString(): string {
    return `<WritableStreamTransport${this.#closing ? " closing" : ""}>`;
  }

  #toLoop(fn: (arg: Error | null) => void, arg: unknown): void {
    if (this.#loop.isClosed()) return;
    this.#loop.callSoon(fn, arg as Error | null);
  }

  #resume = (): void => {
    if (!this.#paused || this.#lost) return;
    this.#paused = false;
    this.#protocol.resumeWriting?.();
  };

  #connectionLost = (exc: Error | null): void => {
    if (this.#lost) return;
    this.#lost = true;
    this.#closing = true;
    if (exc !== null && !this.#aborted) {
      this.#aborted = true;
      this.#sink.abort(exc).catch(() => {});
    }
    this.#protocol.connectionLost?.(exc);
  };
}
