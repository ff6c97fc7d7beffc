// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Transports over Deno's networking: TCP, Unix sockets and TLS streams, and
 * the `Server` that `createServer()` returns. Importing this module installs
 * them as the loop's I/O operations.
 *
 * @module
 */
import { provideIo } from "../loop/io.ts";
import {
  connectAcceptedSocket,
  createConnection,
  createUnixConnection,
} from "./create_connection.ts";
import { createServer, createUnixServer } from "./create_server.ts";
import { sendfile } from "./sendfile.ts";
import { startTls } from "./start_tls.ts";

provideIo({
  createConnection,
  createUnixConnection,
  createServer,
  createUnixServer,
  connectAcceptedSocket,
  sendfile,
  startTls,
});

export * from "./server.ts";
export * from "./transport_socket.ts";
export * from "./ssl_context.ts";
