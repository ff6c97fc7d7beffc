// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Streams: `StreamReader` / `StreamWriter` over transports, and the
 * high-level `openConnection()`, `startServer()`, `openUnixConnection()`,
 * `startUnixServer()`; Web Streams interop both ways.
 *
 * @module
 */
export * from "./flow_control_mixin.ts";
export * from "./open_connection.ts";
export * from "./open_unix_connection.ts";
export * from "./start_server.ts";
export * from "./start_unix_server.ts";
export * from "./stream_reader.ts";
export * from "./stream_reader_protocol.ts";
export * from "./stream_writer.ts";
