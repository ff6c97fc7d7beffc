// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Transport contracts: what protocols and streams may call.
 *
 * @module
 */
import type { BaseProtocol } from "../protocols/protocols.ts";

/**
 * What every transport offers.
 *
 * Mirrors Python's `asyncio.BaseTransport`.
 *
 * @example
 * ```ts
 * import type { BaseTransport } from "@denoio/asyncio";
 * function peer(t: BaseTransport): unknown {
 *   return t.getExtraInfo("peername");
 * }
 * ```
 */
export interface BaseTransport {
  /**
   * Optional information: `"peername"`, `"sockname"`, `"socket"`,
   * `"sslcontext"`, `"peercert"`, `"cipher"`, `"ssl_object"`, `"pipe"`,
   * `"subprocess"`.
   */
  getExtraInfo(name: string, defaultValue?: unknown): unknown;
  /** Whether the transport is closing or closed. */
  isClosing(): boolean;
  /** Closes after flushing buffered data; `connectionLost(null)` follows. */
  close(): void;
  /** Switches to another protocol. */
  setProtocol(protocol: BaseProtocol): void;
  /** The current protocol. */
  getProtocol(): BaseProtocol;
}

/**
 * The read side of a transport.
 *
 * Mirrors Python's `asyncio.ReadTransport`.
 *
 * @example
 * ```ts
 * import type { ReadTransport } from "@denoio/asyncio";
 * function throttle(t: ReadTransport) {
 *   if (t.isReading()) t.pauseReading();
 * }
 * ```
 */
export interface ReadTransport extends BaseTransport {
  /** Whether the read pump is running. */
  isReading(): boolean;
  /** Stops reading until `resumeReading()` (back-pressure onto the peer). */
  pauseReading(): void;
  /** Restarts reading. */
  resumeReading(): void;
}

/**
 * The write side of a transport.
 *
 * Mirrors Python's `asyncio.WriteTransport`.
 *
 * @example
 * ```ts
 * import type { WriteTransport } from "@denoio/asyncio";
 * function send(t: WriteTransport, text: string) {
 *   t.write(new TextEncoder().encode(text));
 * }
 * ```
 */
export interface WriteTransport extends BaseTransport {
  /**
   * Queues `data`; never blocks, never loses data. The bytes are taken
   * before it returns (copied into the transport's buffers, as Python copies
   * into its `bytearray`), so the caller may reuse `data` at once.
   */
  write(data: Uint8Array): void;
  /** Writes each buffer in order. */
  writelines(list: Iterable<Uint8Array>): void;
  /** Half-closes after the buffered data is sent. */
  writeEof(): void;
  /** Whether `writeEof()` is supported. */
  canWriteEof(): boolean;
  /** Closes at once, dropping buffered data; `connectionLost(null)` follows. */
  abort(): void;
  /** Bytes buffered and not yet sent. */
  getWriteBufferSize(): number;
  /** `[low, high]` water marks in bytes. */
  getWriteBufferLimits(): [number, number];
  /** Sets the water marks (defaults: 64 KiB high, high / 4 low). */
  setWriteBufferLimits(high?: number, low?: number): void;
}

/**
 * A bidirectional stream transport (TCP, Unix socket, TLS).
 *
 * Mirrors Python's `asyncio.Transport`.
 *
 * @example
 * ```ts
 * import type { Transport } from "@denoio/asyncio";
 * function hangUp(t: Transport) {
 *   t.write(new TextEncoder().encode("bye\n"));
 *   t.close();
 * }
 * ```
 */
export interface Transport extends ReadTransport, WriteTransport {}

/**
 * A datagram (UDP) transport.
 *
 * Mirrors Python's `asyncio.DatagramTransport`.
 *
 * @example
 * ```ts
 * import type { DatagramTransport } from "@denoio/asyncio";
 * function ping(t: DatagramTransport) {
 *   t.sendto(new Uint8Array([1]), ["127.0.0.1", 9999]);
 * }
 * ```
 */
export interface DatagramTransport extends BaseTransport {
  /**
   * Sends one datagram to `addr` (or the connected remote address). The
   * bytes are taken (copied) before it returns, so `data` may be reused.
   */
  sendto(data: Uint8Array, addr?: [string, number] | null): void;
  /** Closes at once, dropping queued datagrams. */
  abort(): void;
  /** Bytes queued and not yet sent. */
  getWriteBufferSize(): number;
}

/**
 * A running child process and its pipes.
 *
 * Mirrors Python's `asyncio.SubprocessTransport`.
 *
 * @example
 * ```ts
 * import type { SubprocessTransport } from "@denoio/asyncio";
 * function stop(t: SubprocessTransport) {
 *   if (t.getReturncode() === null) t.terminate();
 * }
 * ```
 */
export interface SubprocessTransport extends BaseTransport {
  /** The child's process id. */
  getPid(): number;
  /** The exit code, minus the signal number if signalled, or `null` while running. */
  getReturncode(): number | null;
  /** The transport of pipe `fd` (0, 1 or 2), or `null` if it is not piped. */
  getPipeTransport(fd: number): WriteTransport | ReadTransport | null;
  /** Sends `signal` (a name such as `"SIGTERM"` or a number). */
  sendSignal(signal: Deno.Signal | number): void;
  /** Sends SIGTERM. */
  terminate(): void;
  /** Sends SIGKILL. */
  kill(): void;
}
