// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Symbols through which the loop's socket operations reach a Socket's
// internals without making them public API.

/** `sock[WATCH](kind, listener)`: calls `listener` on each state change; returns the unsubscribe function. */
export const WATCH: unique symbol = Symbol("watch");
/** `sock[READY](kind)`: whether a read (or accept) / a send would not block now; a read interest starts a read. */
export const READY: unique symbol = Symbol("ready");
/** `sock[DRAINED]()`: whether everything sent so far reached the Deno socket. */
export const DRAINED: unique symbol = Symbol("drained");
/** `sock[CONNECT](target, signal)`: connects a stream socket (resolved address or Unix path). */
export const CONNECT: unique symbol = Symbol("connect");
/** `sock[CONNECT_DGRAM](peer)`: records a UDP socket's peer, binding it if needed. */
export const CONNECT_DGRAM: unique symbol = Symbol("connectDgram");
/** `sock[TAKE_DATAGRAM]()`: hands a UDP socket's Deno connection to a transport. */
export const TAKE_DATAGRAM: unique symbol = Symbol("takeDatagram");
/** `Socket[ADOPT](conn, family)`: wraps a connected Deno.Conn. */
export const ADOPT: unique symbol = Symbol("adopt");
/** `Socket[VIEW](conn, family, peer)`: a Socket that describes a transport's DatagramConn. */
export const VIEW: unique symbol = Symbol("view");

/** What a watcher waits for. */
export type ReadyKind = "read" | "write";
