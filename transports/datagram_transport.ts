// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The UDP transport over a Deno.DatagramConn: a receive pump that hands each
// datagram to the loop, and a send queue that never blocks the caller.
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import type { Address } from "../loop/io.ts";
import { Step } from "../loop/_internal.ts";
import type { BaseProtocol, DatagramProtocol } from "../protocols/protocols.ts";
import type { DatagramTransport } from "./transport.ts";
import { checkAddress, sameAddress } from "./_address.ts";
import { SMALL_CHUNK, takeChunk } from "./_chunks.ts";
import { closeQuietly, reportRejection, toBytes } from "./_net.ts";

/** Room for the largest datagram. */
const MAX_DATAGRAM = 65536;
const DEFAULT_HIGH = 64 * 1024;

/**
 * A UDP endpoint's transport, made by `loop.createDatagramEndpoint()`.
 * Internal class; users see it as a {@linkcode DatagramTransport}.
 */
export class UdpTransport implements DatagramTransport, Disposable, AsyncDisposable {
  #loop: EventLoop;
  #conn: Deno.DatagramConn;
  #protocol: DatagramProtocol;
  #remote: Address | null;
  #remoteDeno: Deno.NetAddr | null;
  #extra: Record<string, unknown>;
  #socketInfo: (() => unknown) | null;
  // Datagrams are received into this buffer (allocated on the first receive), then copied out:
  // small ones into a shared slab (see _chunks.ts), big ones into a buffer of their own.
  #rxBuf: Uint8Array | null = null;
  // One send is in flight at a time: the immediate path copies into this buffer.
  #txBuf = new Uint8Array(MAX_DATAGRAM);
  #receiving = false;
  #sending = false;
  #queue: (Uint8Array | Deno.NetAddr)[] = [];
  #bufferSize = 0;
  #high = DEFAULT_HIGH;
  #low = DEFAULT_HIGH / 4;
  #paused = false;
  #closing = false;
  #finishing = false;
  #lostCalled = false;
  #lostExc: Error | null = null;
  #lostWaiters: (() => void)[] = [];
  // The last peer seen by the receive pump (a frozen tuple reused while it repeats).
  #rxAddr: Address | null = null;
  #rxAccepted = true;
  /** The received datagram `#arrivalStep` delivers, while it is on the loop's ready queue. */
  #arrival: Uint8Array | null = null;
  #arrivalAddr: Address | null = null;
  #arrivalStep = new Step("#deliver", () => {
    const data = this.#arrival!, addr = this.#arrivalAddr!;
    this.#arrival = this.#arrivalAddr = null;
    this.#deliver(data, addr);
  });
  // The last `[host, port]` passed to sendto() and its Deno address.
  #txAddr: Address | null = null;
  #txDeno: Deno.NetAddr | null = null;

  /** Wraps `conn`; call {@linkcode UdpTransport.start} next. Internal. */
  constructor(
    loop: EventLoop,
    conn: Deno.DatagramConn,
    protocol: DatagramProtocol,
    remote: Address | null,
    socketInfo: (() => unknown) | null,
  ) {
    this.#loop = loop;
    this.#conn = conn;
    this.#protocol = protocol;
    this.#remote = remote;
    this.#remoteDeno = remote === null
      ? null
      : { transport: "udp", hostname: remote[0], port: remote[1] };
    const local = conn.addr as Deno.NetAddr;
    this.#extra = { sockname: [local.hostname, local.port], peername: remote };
    this.#socketInfo = socketInfo;
  }

  /** Calls `connectionMade`, starts receiving, then resolves `waiter`. Internal. */
  start(waiter: Future<void>): void {
    this.#loop.callSoon(() => {
      this.#call("connectionMade", this);
      if (!this.#closing) this.#receive();
      if (!waiter.done()) waiter.setResult(undefined);
    });
  }

  /**
   * Sends one datagram to `addr`, or to the remote address given to
   * `createDatagramEndpoint()`. Never blocks: the datagram is copied and
   * queued; a failed send is reported to the protocol's `errorReceived()`.
   *
   * @throws {TypeError} If `data` is not bytes, `addr` is missing without a
   * remote address, or differs from the remote address.
   */
  sendto(data: Uint8Array, addr: Address | null = null): void {
    if (!(data instanceof Uint8Array)) data = toBytes(data, "sendto()");
    let target: Deno.NetAddr;
    if (this.#remoteDeno !== null) {
      if (
        addr != null && addr !== this.#remote &&
        !sameAddress(checkAddress(addr, "sendto()"), this.#remote!)
      ) {
        throw new TypeError(
          `sendto(): invalid address: must be null or ${JSON.stringify(this.#remote)}, got ${
            JSON.stringify(addr)
          }`,
        );
      }
      target = this.#remoteDeno;
    } else if (addr === this.#txAddr && addr !== null) {
      target = this.#txDeno!;
    } else {
      if (addr == null) {
        throw new TypeError("sendto(): addr is required: the endpoint has no remoteAddr");
      }
      if (addr !== this.#rxAddr) checkAddress(addr, "sendto()");
      target = { transport: "udp", hostname: addr[0], port: addr[1] };
      this.#txAddr = addr;
      this.#txDeno = target;
    }
    if (this.#finishing) return;
    if (!this.#sending && data.length <= MAX_DATAGRAM) {
      const copy = new Uint8Array(this.#txBuf.buffer, 0, data.length);
      copy.set(data);
      this.#send(copy, target);
      return;
    }
    const copy = data.slice();
    if (!this.#sending) {
      this.#send(copy, target);
      return;
    }
    this.#queue.push(copy, target);
    this.#bufferSize += copy.length;
    if (!this.#paused && this.#bufferSize > this.#high) {
      this.#paused = true;
      this.#call("pauseWriting");
    }
  }

  /** Bytes queued and not yet handed to the socket. */
  getWriteBufferSize(): number {
    return this.#bufferSize;
  }

  /** `[low, high]` water marks of the send queue, in bytes. */
  getWriteBufferLimits(): [number, number] {
    return [this.#low, this.#high];
  }

  /** Sets the send queue's water marks (defaults: 64 KiB high, high / 4 low). */
  setWriteBufferLimits(high?: number, low?: number): void {
    const h = high ?? (low === undefined ? DEFAULT_HIGH : low * 4);
    const l = low ?? Math.floor(h / 4);
    if (!(h >= l && l >= 0)) {
      throw new RangeError(`setWriteBufferLimits(): need high (${h}) >= low (${l}) >= 0`);
    }
    this.#high = h;
    this.#low = l;
  }

  /**
   * `"sockname"` (`[host, port]`), `"peername"` (the remote address or
   * `null`), `"socket"` (a {@linkcode Socket} view of the endpoint).
   */
  getExtraInfo(name: string, defaultValue: unknown = null): unknown {
    if (name === "socket" && this.#socketInfo !== null) return this.#socketInfo();
    const value = this.#extra[name];
    return value === undefined && !(name in this.#extra) ? defaultValue : value;
  }

  /** Whether `close()` or `abort()` was called. */
  isClosing(): boolean {
    return this.#closing;
  }

  /** Closes after sending the queued datagrams; `connectionLost(null)` follows. */
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    if (!this.#sending) this.#finish(null);
  }

  /** Closes at once, dropping queued datagrams; `connectionLost(null)` follows. */
  abort(): void {
    this.#forceClose(null);
  }

  /** Switches to another protocol. */
  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol as DatagramProtocol;
  }

  /** The current protocol. */
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  /** Closes (as `close()`). */
  [Symbol.dispose](): void {
    this.close();
  }

  /** Closes and resolves once `connectionLost()` was called. */
  [Symbol.asyncDispose](): Promise<void> {
    this.close();
    if (this.#lostCalled) return Promise.resolve();
    return new Promise((resolve) => this.#lostWaiters.push(resolve));
  }

  #receive(): void {
    this.#receiving = true;
    this.#conn.receive(this.#rxBuf ??= new Uint8Array(MAX_DATAGRAM))
      .then(this.#onReceive, this.#onReceiveError);
  }

  #onReceive = (result: [Uint8Array, Deno.Addr]): void => {
    this.#receiving = false;
    if (this.#finishing || this.#closing) return this.#settle();
    const from = result[1] as Deno.NetAddr;
    let addr = this.#rxAddr;
    if (addr === null || from.port !== addr[1] || from.hostname !== addr[0]) {
      addr = this.#rxAddr = Object.freeze([from.hostname, from.port]) as unknown as Address;
      this.#rxAccepted = this.#remote === null || sameAddress(addr, this.#remote);
    }
    if (this.#rxAccepted) {
      const got = result[0]; // a view into #rxBuf
      const n = got.length;
      const data = n <= SMALL_CHUNK ? takeChunk(got, n) : got.slice();
      // the next receive starts once the protocol had this one (fewer receive calls)
      if (this.#loop.isClosed() || this.#arrivalStep.queued) this.#post(this.#deliver, data, addr);
      else {
        // as #post(), without a handle: one receive is in flight, so one delivery waits at most
        this.#arrival = data;
        this.#arrivalAddr = addr;
        this.#arrivalStep.scheduleOn(this.#loop);
      }
      return;
    }
    this.#receive();
  };

  #onReceiveError = (error: unknown): void => {
    this.#receiving = false;
    if (this.#finishing || this.#closing) return this.#settle();
    if (error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted) {
      this.#post(this.#fatal, error as Error);
      return;
    }
    if (this.#post(this.#errorReceived, error as Error)) this.#receive();
  };

  #deliver = (data: Uint8Array, addr: Address): void => {
    if (this.#closing) return;
    try {
      const result = this.#protocol.datagramReceived?.(data, addr);
      if (result !== undefined) {
        reportRejection(this.#loop, result, "datagramReceived", this, this.#protocol);
      }
    } catch (e) {
      this.#report("datagramReceived", e);
    }
    if (!this.#closing && !this.#receiving) this.#receive();
  };

  #errorReceived = (error: Error): void => {
    if (this.#lostCalled) return;
    this.#call("errorReceived", error);
  };

  #send(data: Uint8Array, target: Deno.NetAddr): void {
    this.#sending = true;
    this.#conn.send(data, target).then(this.#onSent, this.#onSendError);
  }

  #onSent = (): void => {
    this.#sending = false;
    this.#next();
  };

  #onSendError = (error: unknown): void => {
    this.#sending = false;
    if (!this.#finishing && !this.#post(this.#errorReceived, error as Error)) return;
    this.#next();
  };

  #next(): void {
    const queue = this.#queue;
    if (queue.length > 0 && !this.#finishing) {
      const data = queue.shift() as Uint8Array;
      const target = queue.shift() as Deno.NetAddr;
      this.#bufferSize -= data.length;
      if (this.#paused && this.#bufferSize <= this.#low) {
        this.#paused = false;
        if (!this.#post(this.#resumeWriting)) return;
      }
      this.#send(data, target);
      return;
    }
    if (this.#finishing) this.#settle();
    else if (this.#closing) this.#finish(null);
  }

  #resumeWriting = (): void => {
    if (!this.#lostCalled) this.#call("resumeWriting");
  };

  #fatal = (error: Error): void => {
    this.#loop.callExceptionHandler({
      message: "Fatal error on datagram transport",
      exception: error,
      transport: this,
      protocol: this.#protocol,
    });
    this.#forceClose(error);
  };

  #forceClose(exc: Error | null): void {
    this.#closing = true;
    this.#queue.length = 0;
    this.#bufferSize = 0;
    this.#finish(exc);
  }

  /** Closes the Deno socket; `connectionLost` follows once its pending operations settled. */
  #finish(exc: Error | null): void {
    if (this.#finishing) return;
    this.#finishing = true;
    this.#lostExc = exc;
    closeQuietly(this.#conn);
    this.#settle();
  }

  #settle(): void {
    if (!this.#finishing || this.#receiving || this.#sending || this.#lostCalled) return;
    this.#lostCalled = true;
    if (this.#loop.isClosed()) return this.#wakeLostWaiters();
    this.#loop.callSoon(this.#connectionLost);
  }

  #connectionLost = (): void => {
    this.#call("connectionLost", this.#lostExc);
    this.#wakeLostWaiters();
  };

  #wakeLostWaiters(): void {
    const waiters = this.#lostWaiters;
    this.#lostWaiters = [];
    for (const wake of waiters) wake();
  }

  /** `callSoon` from a Deno callback; on a closed loop, shuts the socket instead. */
  #post<A extends unknown[]>(fn: (...args: A) => void, ...args: A): boolean {
    if (!this.#loop.isClosed()) {
      this.#loop.callSoon(fn, ...args);
      return true;
    }
    this.#closing = true;
    this.#queue.length = 0;
    this.#finish(null);
    return false;
  }

  #call(name: keyof DatagramProtocol, ...args: unknown[]): void {
    const method = this.#protocol[name] as ((...a: unknown[]) => void) | undefined;
    if (method === undefined) return;
    try {
      const result = method.apply(this.#protocol, args);
      if (result !== undefined) reportRejection(this.#loop, result, name, this, this.#protocol);
    } catch (e) {
      this.#report(name, e);
    }
  }

  #report(name: string, exception: unknown): void {
    this.#loop.callExceptionHandler({
      message: `Exception in ${name}() of the protocol of a datagram transport`,
      exception,
      transport: this,
      protocol: this.#protocol,
    });
  }
}
