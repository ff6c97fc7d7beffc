// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Protocol contracts: plain objects (or classes) with optional callbacks that
 * a transport calls from the loop, in order.
 *
 * Call order for a stream connection: `connectionMade(transport)`, then
 * `dataReceived(data)` any number of times, then at most one `eofReceived()`,
 * then exactly one `connectionLost(exc | null)`. `pauseWriting()` and
 * `resumeWriting()` alternate, starting with `pauseWriting()`.
 *
 * @module
 */
import type { BaseTransport } from "../transports/transport.ts";

/**
 * Callbacks every protocol may have.
 *
 * Mirrors Python's `asyncio.BaseProtocol`.
 *
 * @example
 * ```ts
 * import type { BaseProtocol } from "@denoio/asyncio";
 * const p: BaseProtocol = { connectionLost(exc) { if (exc) console.error(exc); } };
 * ```
 */
export interface BaseProtocol {
  /** The connection is up; `transport` is how to talk back. */
  connectionMade?(transport: BaseTransport): void;
  /** The connection is closed: `null` for a clean close (EOF or `close()`), else the error. */
  connectionLost?(exc: Error | null): void;
  /** The transport's write buffer went over the high-water mark. */
  pauseWriting?(): void;
  /** The transport's write buffer drained to the low-water mark. */
  resumeWriting?(): void;
}

/**
 * A stream protocol: the transport hands it the bytes it reads.
 *
 * Mirrors Python's `asyncio.Protocol`.
 *
 * @example
 * ```ts
 * import type { Protocol, Transport } from "@denoio/asyncio";
 * const echo = (): Protocol => {
 *   let transport: Transport;
 *   return {
 *     connectionMade(t) { transport = t as Transport; },
 *     dataReceived(data) { transport.write(data); },
 *   };
 * };
 * ```
 */
export interface Protocol extends BaseProtocol {
  /**
   * Bytes arrived. The array is the protocol's to keep (and to change): no
   * later read touches it. It may be a view into a larger `ArrayBuffer`
   * (at most 72 KiB, shared with other chunks or left over from the read, as
   * a chunk of Deno's own `conn.readable` sits in a 64 KiB one);
   * `data.slice()` makes a compact copy for long keeping.
   */
  dataReceived?(data: Uint8Array): void;
  /**
   * The peer will send no more (half-close). Return `true` to keep the
   * transport open for writing; anything else closes it.
   */
  eofReceived?(): boolean | void;
}

/**
 * A stream protocol that owns its receive buffer: the transport reads straight
 * into the array `getBuffer()` returns (no copy).
 *
 * Mirrors Python's `asyncio.BufferedProtocol`.
 *
 * @example
 * ```ts
 * import type { BufferedProtocol } from "@denoio/asyncio";
 * const buf = new Uint8Array(65536);
 * let total = 0;
 * const p: BufferedProtocol = {
 *   getBuffer: () => buf,
 *   bufferUpdated(n) { total += n; },
 * };
 * ```
 */
export interface BufferedProtocol extends BaseProtocol {
  /** A buffer to read into; `sizeHint` is a suggestion (-1: any size). Must not be empty. */
  getBuffer(sizeHint: number): Uint8Array;
  /** `n` bytes were written at the start of the last buffer. */
  bufferUpdated(n: number): void;
  /** As {@linkcode Protocol.eofReceived}. */
  eofReceived?(): boolean | void;
}

/**
 * A datagram (UDP) protocol.
 *
 * Mirrors Python's `asyncio.DatagramProtocol`.
 *
 * @example
 * ```ts
 * import type { DatagramProtocol, DatagramTransport } from "@denoio/asyncio";
 * let transport: DatagramTransport;
 * const p: DatagramProtocol = {
 *   connectionMade(t) { transport = t as DatagramTransport; },
 *   datagramReceived(data, addr) { transport.sendto(data, addr); },
 * };
 * ```
 */
export interface DatagramProtocol extends BaseProtocol {
  /**
   * A datagram arrived from `addr` (`[host, port]`). `data` is the
   * protocol's to keep; a small one may be a view into a 64 KiB
   * `ArrayBuffer` shared with other datagrams (`data.slice()` makes a
   * compact copy).
   */
  datagramReceived?(data: Uint8Array, addr: [string, number]): void;
  /** A send or receive failed (the endpoint stays open). */
  errorReceived?(exc: Error): void;
}

/**
 * A subprocess protocol: events from the child's pipes and its exit.
 *
 * Mirrors Python's `asyncio.SubprocessProtocol`.
 *
 * @example
 * ```ts
 * import type { SubprocessProtocol } from "@denoio/asyncio";
 * const out: Uint8Array[] = [];
 * const p: SubprocessProtocol = {
 *   pipeDataReceived(fd, data) { if (fd === 1) out.push(data); },
 *   processExited() {},
 * };
 * ```
 */
export interface SubprocessProtocol extends BaseProtocol {
  /** The child wrote `data` to its stdout (`fd` 1) or stderr (`fd` 2). */
  pipeDataReceived?(fd: number, data: Uint8Array): void;
  /** One of the child's pipes closed (`fd` 0, 1 or 2). */
  pipeConnectionLost?(fd: number, exc: Error | null): void;
  /** The child exited. */
  processExited?(): void;
}

/** A factory: called once per connection, returns the protocol. */
export type ProtocolFactory<P extends BaseProtocol = BaseProtocol> = () => P;
