// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Symbols the stream classes use to reach each other's internals without making them public API.

/** Swaps the transport of a reader or protocol after `startTls()`. */
export const REPLACE_TRANSPORT: unique symbol = Symbol("replaceTransport");
/** Whether a protocol serves a server-side connection (it has a client-connected callback). */
export const IS_SERVER_SIDE: unique symbol = Symbol("isServerSide");
