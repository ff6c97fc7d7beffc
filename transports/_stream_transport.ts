// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The stream transport: one class for TCP, Unix and TLS connections over a Deno.Conn. Internal;
// users see it through the `Transport` interface.
//
// Read pump: one `conn.read()` in flight at a time into the connection's own reusable buffer
// (2 KiB, so an idle connection costs little, doubling up to 72 KiB while reads fill it, halving
// after a few small reads); each chunk reaches the protocol through one callback on the loop's
// ready queue (`#queueDelivery`), and the next read starts once the answer to it went out (see
// `#deliverNow`). The protocol owns the chunk it gets: small reads are copied into a shared
// slab, big ones hand the buffer over (see `takeChunk`). A `BufferedProtocol` gets reads straight
// into its own buffer.
// Write pump: `write()` copies into a pooled buffer and starts `conn.write()` at once when nothing
// is in flight, otherwise appends to one growable buffer that the next write sends whole.
import { RuntimeError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import type { SSLContext } from "../loop/io.ts";
import type { BaseProtocol, BufferedProtocol, Protocol } from "../protocols/protocols.ts";
import type { Transport } from "./transport.ts";
import { track, untrack } from "./_live.ts";
import {
  closeQuietly,
  isConnectionError,
  LOG_THRESHOLD_FOR_CONNLOST_WRITES,
  reportRejection,
  show,
  toBytes,
} from "./_net.ts";
import { TransportSocket } from "./transport_socket.ts";
import { SMALL_CHUNK, takeChunk } from "./_chunks.ts";
import { Step } from "../loop/_internal.ts";

const MIN_READ = 2048;
// A little over 64 KiB: a 64 KiB burst then reads short, which tells Deno (tokio) that the socket
// is drained, so the next read waits for readiness instead of failing with EAGAIN first (measured:
// one recv syscall per 64 KiB echo instead of 1.6, 13 % less CPU).
const MAX_READ = 65536 + 8192;

// Write buffers come from one process-wide pool, so that writing allocates nothing in the steady
// state and idle connections hold no write buffer. A buffer returns to the pool only once Deno's
// write on it settled.
const POOL_BUFFER = 65536;
const POOL_MAX = 64;
const pool: Uint8Array[] = [];

function takeBuffer(min: number): Uint8Array {
  if (min <= POOL_BUFFER) return pool.pop() ?? new Uint8Array(POOL_BUFFER);
  return new Uint8Array(min);
}

function giveBuffer(buf: Uint8Array): void {
  if (buf.length === POOL_BUFFER && pool.length < POOL_MAX) pool.push(buf);
}

/** What a server needs to know about its connections. Internal. */
export interface ConnectionOwner {
  /** A connection was made. */
  attach(transport: StreamTransport): void;
  /** A connection is gone (after `connectionLost`). */
  detach(transport: StreamTransport): void;
}

/** TLS details a transport reports through `getExtraInfo()`. Internal. */
export interface TlsInfo {
  /** The context it was made with. */
  context: SSLContext | null;
  /** Whether this is the server side. */
  serverSide: boolean;
  /** The name the peer was verified against. */
  serverHostname: string | null;
  /** The negotiated ALPN protocol. */
  alpnProtocol: string | null;
}

/** Options of the transport's constructor. Internal. */
export interface StreamTransportOptions {
  /** The server the connection belongs to. */
  server?: ConnectionOwner | null;
  /** Resolved once `connectionMade()` ran. */
  waiter?: Future<void> | null;
  /** TLS details, for TLS connections. */
  tls?: TlsInfo | null;
  /** Extra `getExtraInfo()` entries. */
  extra?: Record<string, unknown>;
  /** Whether to call `connectionMade()` (not after `startTls()`, as in Python). */
  connectionMade?: boolean;
}

/** A read that finished into a `BufferedProtocol`'s buffer, waiting while reading is paused. */
class BufferedRead {
  constructor(readonly n: number, readonly buf: Uint8Array) {}
}

const EOF = null;
type Held = Uint8Array | BufferedRead | typeof EOF;

/** A stream transport over a `Deno.Conn`. Internal. */
export class StreamTransport implements Transport {
  #loop: EventLoop;
  #conn: Deno.Conn;
  #protocol: BaseProtocol;
  #buffered: boolean;
  #server: ConnectionOwner | null;
  #tls: TlsInfo | null;
  #extra: Record<string, unknown> | undefined;
  #socket: TransportSocket | null = null;

  #protocolConnected = false;
  #closing = false;
  #connLost = 0;
  #ignoredWrites = 0;
  #finishing = false;
  #lostExc: Error | null = null;
  #lostCalled = false;
  #ops = 0;

  // read side
  #paused = false;
  #readInFlight = false;
  #readEof = false;
  #readBuf: Uint8Array | null = null;
  #readSize = MIN_READ;
  #smallReads = 0;
  #held: Held[] = [];
  /** What `#arrivalItem` delivers while it is on the loop's ready queue. */
  #arrival: Held = EOF;
  #arrivalItem = new Step("#deliver", () => {
    const item = this.#arrival;
    this.#arrival = EOF;
    this.#deliver(item);
  });
  #readSoonItem = new Step("#startReadSoon", () => this.#startRead());

  // write side
  #writes = 0; // write() calls that queued data
  #inflight: Uint8Array | null = null;
  #inflightBacking: Uint8Array | null = null;
  #pending: Uint8Array | null = null;
  #pendingLen = 0;
  #bufferSize = 0;
  #eof = false;
  #eofSent = false;
  #high = 65536;
  #low = 16384;
  #protocolPaused = false;
  #drainWaiters: Future<void>[] | null = null;

  /**
   * Wraps `conn`; `connectionMade` is called on the next loop iteration, then reading starts.
   */
  constructor(
    loop: EventLoop,
    conn: Deno.Conn,
    protocol: BaseProtocol,
    options: StreamTransportOptions = {},
  ) {
    this.#loop = loop;
    this.#conn = conn;
    this.#protocol = protocol;
    this.#buffered = typeof (protocol as BufferedProtocol).getBuffer === "function";
    this.#server = options.server ?? null;
    this.#tls = options.tls ?? null;
    this.#extra = options.extra;
    this.#server?.attach(this);
    track(loop, this);
    if (options.connectionMade === false) {
      this.#protocolConnected = true;
      loop.callSoon(() => this.#startRead());
    } else {
      loop.callSoon(this.#connectionMade, options.waiter ?? null);
    }
  }

  #connectionMade = (waiter: Future<void> | null): void => {
    if (this.#closing) {
      if (waiter !== null && !waiter.done()) {
        waiter.setException(new Deno.errors.ConnectionAborted("The transport closed at once"));
      }
      return;
    }
    this.#protocolConnected = true;
    try {
      const result = this.#protocol.connectionMade?.(this);
      if (result !== undefined) this.#watch(result, "connectionMade");
    } catch (e) {
      if (waiter !== null && !waiter.done()) waiter.setException(e);
      this.#fatalError(e, "Fatal error: protocol.connectionMade() call failed.");
      return;
    }
    if (waiter !== null && !waiter.done()) waiter.setResult(undefined);
    this.#startRead();
  };

  // ---- BaseTransport ----

  /**
   * Optional information: `peername`, `sockname`, `socket`, and for TLS
   * `sslcontext`, `peercert`, `cipher`, `ssl_object`.
   */
  getExtraInfo(name: string, defaultValue: unknown = null): unknown {
    if (this.#extra !== undefined && name in this.#extra) return this.#extra[name];
    switch (name) {
      case "peername":
        return this.#socketView().getpeername();
      case "sockname":
        return this.#socketView().getsockname();
      case "socket":
        return this.#socketView();
    }
    const tls = this.#tls;
    if (tls === null) return defaultValue;
    switch (name) {
      case "sslcontext":
        return tls.context;
      case "peercert":
      case "cipher":
        return null;
      case "ssl_object":
        return {
          serverSide: tls.serverSide,
          serverHostname: tls.serverHostname,
          selectedAlpnProtocol: () => tls.alpnProtocol,
        };
    }
    return defaultValue;
  }

  #socketView(): TransportSocket {
    return this.#socket ??= new TransportSocket(this.#conn.localAddr, this.#conn.remoteAddr);
  }

  /** Whether the transport is closing or closed. */
  isClosing(): boolean {
    return this.#closing;
  }

  /** Closes after flushing buffered data; `connectionLost(null)` follows. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#held.length = 0;
    if (this.#inflight === null) {
      this.#connLost++;
      this.#finish(null);
    }
  }

  /** Switches to another protocol. */
  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol;
    this.#buffered = typeof (protocol as BufferedProtocol).getBuffer === "function";
    this.#protocolConnected = true;
  }

  /** The current protocol. */
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  // ---- reading ----

  /** Whether the read pump runs. */
  isReading(): boolean {
    return !this.#paused && !this.#closing;
  }

  /** Stops delivering data and stops reading (back-pressure onto the peer). */
  pauseReading(): void {
    if (this.#closing || this.#paused) return;
    this.#paused = true;
  }

  /** Restarts reading. */
  resumeReading(): void {
    if (this.#closing || !this.#paused) return;
    this.#paused = false;
    if (this.#held.length > 0) this.#loop.callSoon(this.#flushHeld);
    else if (this.#protocolConnected) this.#startRead();
  }

  #startRead(): void {
    if (this.#readInFlight || this.#paused || this.#closing || this.#readEof) return;
    if (this.#buffered) return this.#startBufferedRead();
    let buf = this.#readBuf;
    if (buf === null) buf = this.#readBuf = new Uint8Array(this.#readSize);
    this.#readInFlight = true;
    this.#ops++;
    this.#conn.read(buf).then(this.#onRead, this.#onReadError);
  }

  #onRead = (n: number | null): void => {
    this.#readInFlight = false;
    if (this.#loop.isClosed()) return this.#orphan();
    if (--this.#ops === 0 && this.#finishing) return this.#scheduleLost();
    if (this.#closing) return;
    if (n === null) {
      this.#readEof = true;
      this.#queueDelivery(EOF);
      return;
    }
    const buf = this.#readBuf!;
    const size = buf.length;
    // the protocol keeps its chunk
    let chunk: Uint8Array;
    if (n > SMALL_CHUNK) {
      chunk = buf.subarray(0, n);
      this.#readBuf = null;
    } else {
      chunk = takeChunk(buf, n);
    }
    if (n === size) {
      if (size < MAX_READ) {
        this.#readSize = Math.min(size * 2, MAX_READ);
        this.#readBuf = null;
      }
    } else if (n < size >>> 2 && size > MIN_READ) {
      if (++this.#smallReads >= 4) {
        this.#readSize = Math.max(MIN_READ, size >>> 1);
        this.#readBuf = null;
        this.#smallReads = 0;
      }
    } else {
      this.#smallReads = 0;
    }
    // The next read starts once the protocol has seen this chunk (as a selector loop reads when
    // it runs the reader callback): whatever it writes back goes out first, and bytes that arrive
    // meanwhile are read together, with fewer read calls.
    this.#queueDelivery(chunk);
  };

  /** Schedules `#deliver(item)`, as `callSoon` would. */
  #queueDelivery(item: Held): void {
    if (this.#arrivalItem.queued) {
      // an earlier result still waits (reading resumed before it was delivered)
      this.#loop.callSoon(this.#deliver, item);
      return;
    }
    this.#arrival = item;
    this.#arrivalItem.scheduleOn(this.#loop);
  }

  #startBufferedRead(): void {
    const protocol = this.#protocol as BufferedProtocol;
    let buf: Uint8Array;
    try {
      buf = protocol.getBuffer(-1);
      if (!(buf instanceof Uint8Array) || buf.length === 0) {
        throw new RuntimeError(
          `getBuffer() must return a non-empty Uint8Array, got ${
            buf instanceof Uint8Array ? "an empty one" : show(buf)
          }`,
        );
      }
    } catch (e) {
      this.#fatalError(e, "Fatal error: protocol.getBuffer() call failed.");
      return;
    }
    this.#readInFlight = true;
    this.#ops++;
    this.#conn.read(buf).then((n) => {
      this.#readInFlight = false;
      if (this.#loop.isClosed()) return this.#orphan();
      if (--this.#ops === 0 && this.#finishing) return this.#scheduleLost();
      if (this.#closing) return;
      if (n === null) this.#readEof = true;
      this.#queueDelivery(n === null ? EOF : new BufferedRead(n, buf));
    }, this.#onReadError);
  }

  #onReadError = (e: unknown): void => {
    this.#readInFlight = false;
    if (this.#loop.isClosed()) return this.#orphan();
    if (--this.#ops === 0 && this.#finishing) return this.#scheduleLost();
    if (this.#closing) return;
    if (this.#tls !== null && e instanceof Deno.errors.UnexpectedEof) {
      // a peer that closed without close_notify: an EOF, as Python's ssl module reports it
      this.#readEof = true;
      this.#queueDelivery(EOF);
      return;
    }
    this.#loop.callSoon(this.#fatalError, e, "Fatal read error on socket transport");
  };

  /** Hands one read result to the protocol (from the loop), or holds it while paused. */
  #deliver = (item: Held): void => {
    if (this.#closing) return;
    if (this.#paused || this.#held.length > 0) {
      this.#held.push(item);
      return;
    }
    this.#deliverNow(item);
  };

  #flushHeld = (): void => {
    const held = this.#held;
    while (held.length > 0 && !this.#paused && !this.#closing) this.#deliverNow(held.shift()!);
    if (held.length === 0 && !this.#paused) this.#startRead();
  };

  #deliverNow(item: Held): void {
    if (item === EOF) return this.#eofReceived();
    const writes = this.#writes;
    try {
      let result: unknown;
      if (item instanceof BufferedRead) {
        if (this.#buffered) result = (this.#protocol as BufferedProtocol).bufferUpdated(item.n);
        else result = (this.#protocol as Protocol).dataReceived?.(item.buf.slice(0, item.n));
      } else if (this.#buffered) {
        this.#feedBuffered(item);
      } else {
        result = (this.#protocol as Protocol).dataReceived?.(item);
      }
      if (result !== undefined) {
        this.#watch(result, this.#buffered ? "bufferUpdated" : "dataReceived");
      }
    } catch (e) {
      this.#fatalError(
        e,
        `Fatal error: protocol.${this.#buffered ? "bufferUpdated" : "dataReceived"}() call failed.`,
      );
      return;
    }
    // Read on after the answer to this chunk went out: measured cheaper than reading first. A
    // protocol that answered at once has; otherwise a task this chunk woke answers in the next
    // iteration, so the read starts after it.
    if (this.#writes !== writes) this.#startRead();
    else this.#readSoonItem.scheduleOn(this.#loop);
  }

  /** Copies a chunk read for a plain protocol into a `BufferedProtocol` that replaced it. */
  #feedBuffered(chunk: Uint8Array): void {
    const protocol = this.#protocol as BufferedProtocol;
    while (chunk.length > 0) {
      const buf = protocol.getBuffer(chunk.length);
      if (!(buf instanceof Uint8Array) || buf.length === 0) {
        throw new RuntimeError("getBuffer() must return a non-empty Uint8Array");
      }
      const n = Math.min(buf.length, chunk.length);
      buf.set(chunk.subarray(0, n));
      protocol.bufferUpdated(n);
      chunk = chunk.subarray(n);
    }
  }

  #eofReceived(): void {
    let keepOpen: unknown;
    try {
      keepOpen = (this.#protocol as Protocol).eofReceived?.();
      if (typeof keepOpen === "object") this.#watch(keepOpen, "eofReceived");
    } catch (e) {
      this.#fatalError(e, "Fatal error: protocol.eofReceived() call failed.");
      return;
    }
    if (!keepOpen) this.close();
  }

  // ---- writing ----

  /** Queues `data` (a `Uint8Array`, or any other `ArrayBufferView`); never blocks, never loses data. */
  write(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) data = toBytes(data, "write()");
    if (this.#eof) throw new RuntimeError("Cannot call write() after writeEof()");
    const len = data.length;
    if (len === 0) return;
    if (this.#closing) {
      // as Python once the connection is going: ignored, with a warning after a few tries
      if (++this.#ignoredWrites >= LOG_THRESHOLD_FOR_CONNLOST_WRITES) {
        console.warn("socket.send() raised exception.");
      }
      return;
    }
    this.#bufferSize += len;
    this.#writes++;
    if (this.#inflight === null) {
      // copy (the caller may reuse `data`) into a pooled buffer, and start writing at once
      const buf = this.#inflightBacking = takeBuffer(len);
      buf.set(data);
      this.#send(len === buf.length ? buf : new Uint8Array(buf.buffer, 0, len));
    } else {
      this.#append(data);
    }
    if (this.#bufferSize > this.#high) this.#maybePauseProtocol();
  }

  /** Writes each buffer in order. */
  writelines(list: Iterable<Uint8Array>): void {
    for (const data of list) this.write(data);
  }

  #append(data: Uint8Array): void {
    const need = this.#pendingLen + data.length;
    let pending = this.#pending;
    if (pending === null) {
      pending = this.#pending = takeBuffer(need);
    } else if (pending.length < need) {
      let cap = pending.length * 2;
      while (cap < need) cap *= 2;
      const grown = new Uint8Array(cap);
      grown.set(pending.subarray(0, this.#pendingLen));
      giveBuffer(pending);
      pending = this.#pending = grown;
    }
    pending.set(data, this.#pendingLen);
    this.#pendingLen = need;
  }

  #send(chunk: Uint8Array): void {
    this.#inflight = chunk;
    this.#ops++;
    this.#conn.write(chunk).then(this.#onWritten, this.#onWriteError);
  }

  #onWritten = (n: number): void => {
    if (this.#loop.isClosed()) return this.#orphan();
    if (--this.#ops === 0 && this.#finishing) return this.#scheduleLost();
    if (this.#finishing) return;
    this.#bufferSize -= n;
    const chunk = this.#inflight!;
    if (n < chunk.length) {
      this.#send(chunk.subarray(n));
      return;
    }
    const backing = this.#inflightBacking;
    if (backing !== null) {
      this.#inflightBacking = null;
      giveBuffer(backing);
    }
    if (this.#pendingLen > 0) {
      const pending = this.#pending!;
      this.#inflightBacking = pending;
      this.#pending = null;
      const len = this.#pendingLen;
      this.#pendingLen = 0;
      this.#send(pending.subarray(0, len));
    } else {
      this.#inflight = null;
    }
    if (this.#protocolPaused && this.#bufferSize <= this.#low) {
      this.#loop.callSoon(this.#maybeResumeProtocol);
    }
    if (this.#inflight === null) this.#writeDrained();
  };

  #writeDrained(): void {
    if (this.#drainWaiters !== null) {
      const waiters = this.#drainWaiters;
      this.#drainWaiters = null;
      for (const w of waiters) if (!w.done()) w.setResult(undefined);
    }
    if (this.#closing) {
      this.#connLost++;
      this.#finish(null);
    } else if (this.#eof && !this.#eofSent) {
      this.#shutdownWrite();
    }
  }

  #onWriteError = (e: unknown): void => {
    if (this.#loop.isClosed()) return this.#orphan();
    if (--this.#ops === 0 && this.#finishing) return this.#scheduleLost();
    if (this.#finishing) return;
    this.#loop.callSoon(this.#fatalError, e, "Fatal write error on socket transport");
  };

  #maybePauseProtocol(): void {
    if (this.#protocolPaused || this.#bufferSize <= this.#high) return;
    this.#protocolPaused = true;
    try {
      const result = this.#protocol.pauseWriting?.();
      if (result !== undefined) this.#watch(result, "pauseWriting");
    } catch (e) {
      this.#loop.callExceptionHandler({
        message: "protocol.pauseWriting() failed",
        exception: e,
        transport: this,
        protocol: this.#protocol,
      });
    }
  }

  #maybeResumeProtocol = (): void => {
    if (!this.#protocolPaused || this.#bufferSize > this.#low) return;
    this.#protocolPaused = false;
    try {
      const result = this.#protocol.resumeWriting?.();
      if (result !== undefined) this.#watch(result, "resumeWriting");
    } catch (e) {
      this.#loop.callExceptionHandler({
        message: "protocol.resumeWriting() failed",
        exception: e,
        transport: this,
        protocol: this.#protocol,
      });
    }
  };

  /** Half-closes after the buffered data is sent. */
  writeEof(): void {
    if (this.#closing || this.#eof) return;
    this.#eof = true;
    if (this.#inflight === null) this.#shutdownWrite();
  }

  #shutdownWrite(): void {
    this.#eofSent = true;
    this.#ops++;
    this.#conn.closeWrite().then(() => {
      if (--this.#ops === 0 && this.#finishing) this.#scheduleLost();
    }, this.#onWriteError);
  }

  /** Whether `writeEof()` is supported: always (Deno half-closes TCP, Unix and TLS). */
  canWriteEof(): boolean {
    return true;
  }

  /** Closes at once, dropping buffered data; `connectionLost(null)` follows. */
  abort(): void {
    this.#forceClose(null);
  }

  /** Bytes buffered and not yet sent (including a write Deno has not completed). */
  getWriteBufferSize(): number {
    return this.#bufferSize;
  }

  /** `[low, high]` water marks in bytes. */
  getWriteBufferLimits(): [number, number] {
    return [this.#low, this.#high];
  }

  /** Sets the water marks (defaults: 64 KiB high, high / 4 low). */
  setWriteBufferLimits(high?: number | null, low?: number | null): void {
    if (high === undefined || high === null) {
      high = low === undefined || low === null ? 65536 : 4 * low;
    }
    if (low === undefined || low === null) low = Math.floor(high / 4);
    if (!(typeof high === "number" && typeof low === "number" && high >= low && low >= 0)) {
      throw new RangeError(`high (${show(high)}) must be >= low (${show(low)}) must be >= 0`);
    }
    this.#high = high;
    this.#low = low;
    this.#maybePauseProtocol();
  }

  // ---- closing ----

  #fatalError = (exc: unknown, message: string): void => {
    if (!isConnectionError(exc)) {
      this.#loop.callExceptionHandler({
        message,
        exception: exc,
        transport: this,
        protocol: this.#protocol,
      });
    }
    this.#forceClose(exc instanceof Error ? exc : new Error(String(exc)));
  };

  #forceClose(exc: Error | null): void {
    if (this.#connLost > 0) return;
    this.#pending = this.#inflightBacking = null;
    this.#pendingLen = 0;
    this.#bufferSize = 0;
    this.#closing = true;
    this.#held.length = 0;
    this.#connLost++;
    this.#finish(exc);
  }

  /** Closes the Deno connection; `connectionLost` follows once its operations settled. */
  #finish(exc: Error | null): void {
    if (this.#finishing) return;
    this.#finishing = true;
    this.#lostExc = exc;
    closeQuietly(this.#conn);
    if (this.#ops === 0) this.#scheduleLost();
  }

  #scheduleLost(): void {
    if (this.#loop.isClosed()) return this.#orphan();
    this.#loop.callSoon(this.#callConnectionLost);
  }

  /** The loop closed under a live connection: closes it without calling the protocol. Internal. */
  _orphan(): void {
    this.#orphan();
  }

  /** The loop closed under a live connection: nobody can hear of it any more, so just close. */
  #orphan(): void {
    this.#closing = this.#finishing = this.#lostCalled = true;
    closeQuietly(this.#conn);
    this.#server?.detach(this);
    this.#server = null;
  }

  /** See {@linkcode reportRejection}. */
  #watch(result: unknown, name: string): void {
    reportRejection(this.#loop, result, name, this, this.#protocol);
  }

  #callConnectionLost = (): void => {
    if (this.#lostCalled) return;
    this.#lostCalled = true;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = null;
    const lostError = this.#lostExc ?? new Deno.errors.ConnectionAborted("Connection lost");
    if (waiters !== null) { for (const w of waiters) if (!w.done()) w.setException(lostError); }
    try {
      if (this.#protocolConnected) {
        const result = this.#protocol.connectionLost?.(this.#lostExc);
        if (result !== undefined) this.#watch(result, "connectionLost");
      }
    } finally {
      this.#readBuf = null;
      untrack(this.#loop, this);
      this.#server?.detach(this);
      this.#server = null;
    }
  };

  // ---- internal hooks for sendfile and startTls ----

  /** Resolves once the write buffer is empty; rejects if the connection is lost. Internal. */
  _drained(): Future<void> {
    const waiter = this.#loop.createFuture<void>();
    if (this.#lostCalled || this.#finishing) {
      waiter.setException(this.#lostExc ?? new Deno.errors.ConnectionAborted("Connection lost"));
    } else if (this.#inflight === null) {
      waiter.setResult(undefined);
    } else {
      (this.#drainWaiters ??= []).push(waiter);
    }
    return waiter;
  }

  /** Whether a read is in flight (so the connection cannot be handed over yet). Internal. */
  _readInFlight(): boolean {
    return this.#readInFlight;
  }

  /** The loop. Internal. */
  _loop(): EventLoop {
    return this.#loop;
  }

  /** Whether this is a TLS transport. Internal. */
  _isTls(): boolean {
    return this.#tls !== null;
  }

  /** A description for logs. */
  toString(): string {
    const state = this.#lostCalled ? "closed" : this.#closing ? "closing" : "open";
    let addr = "";
    try {
      addr = ` ${JSON.stringify(this.#socketView().getpeername())}`;
    } catch {
      // no peer
    }
    return `<${this.#tls !== null ? "TLS" : "Stream"}Transport ${state}${addr}>`;
  }
}
