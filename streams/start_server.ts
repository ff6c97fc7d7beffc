// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `startServer()`: a TCP (or TLS) server that hands each client a reader and a writer.
 *
 * @module
 */
import type { AbstractServer, CreateServerOptions } from "../loop/io.ts";
import { checkCallable } from "../loop/_internal.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import { StreamReader } from "./stream_reader.ts";
import { type ClientConnectedCallback, StreamReaderProtocol } from "./stream_reader_protocol.ts";

/** Options of {@linkcode startServer}: the readers' `limit` plus `createServer()`'s options. */
export interface StartServerOptions extends CreateServerOptions {
  /** Each reader's limit in bytes (default 64 KiB). */
  limit?: number;
}

/**
 * Listens on `host`:`port`; for each client, calls `clientConnected(reader,
 * writer)` (sync or async) in a new task. If it fails, the error goes to the
 * loop's exception handler and the connection is closed. Requires
 * `--allow-net`.
 *
 * Mirrors Python's `asyncio.start_server()`.
 *
 * @param clientConnected The per-client handler.
 * @param host A host, a list of hosts, or `null`/`""` for all interfaces.
 * @param port The port; 0 picks a free one (see `server.sockets`).
 * @param options `limit` for the readers, and `createServer()`'s options.
 * @returns The listening server.
 *
 * @example
 * ```ts ignore
 * import { run, startServer } from "@denoio/asyncio";
 * await run(async () => {
 *   const server = await startServer(async (reader, writer) => {
 *     writer.write(await reader.readline());
 *     await writer.drain();
 *     writer.close();
 *   }, "127.0.0.1", 8888);
 *   await server.serveForever();
 * });
 * ```
 */
export function startServer(
  clientConnected: ClientConnectedCallback,
  host?: string | string[] | null,
  port?: number | null,
  options: StartServerOptions = {},
): Promise<AbstractServer> {
  try {
    checkCallable(clientConnected, "startServer(): clientConnected");
    const loop = getRunningLoop();
    const { limit, ...rest } = options;
    new StreamReader({ limit, loop }); // validate limit before listening
    const factory = () =>
      new StreamReaderProtocol(new StreamReader({ limit, loop }), clientConnected, loop);
    return loop.createServer(factory, host, port, rest);
  } catch (e) {
    return Promise.reject(e);
  }
}
