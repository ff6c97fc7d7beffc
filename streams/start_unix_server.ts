// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `startUnixServer()`: a Unix-socket server that hands each client a reader and a writer.
 *
 * @module
 */
import type { AbstractServer, CreateUnixServerOptions } from "../loop/io.ts";
import { checkCallable } from "../loop/_internal.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import { StreamReader } from "./stream_reader.ts";
import { type ClientConnectedCallback, StreamReaderProtocol } from "./stream_reader_protocol.ts";

/** Options of {@linkcode startUnixServer}: `limit` plus `createUnixServer()`'s options. */
export interface StartUnixServerOptions extends CreateUnixServerOptions {
  /** Each reader's limit in bytes (default 64 KiB). */
  limit?: number;
}

/**
 * Listens on the Unix socket `path`; for each client, calls
 * `clientConnected(reader, writer)` (sync or async) in a new task. Requires
 * `--allow-read` and `--allow-write` for `path`; Deno 2.9 also asks for
 * `--allow-net=unix:<path>`.
 *
 * Mirrors Python's `asyncio.start_unix_server()`.
 *
 * @param clientConnected The per-client handler.
 * @param path The socket's path.
 * @param options `limit` for the readers, and `createUnixServer()`'s options.
 * @returns The listening server.
 *
 * @example
 * ```ts ignore
 * import { run, startUnixServer } from "@denoio/asyncio";
 * await run(async () => {
 *   const server = await startUnixServer(async (reader, writer) => {
 *     writer.write(await reader.readline());
 *     writer.close();
 *   }, "/tmp/echo.sock");
 *   await server.serveForever();
 * });
 * ```
 */
export function startUnixServer(
  clientConnected: ClientConnectedCallback,
  path: string,
  options: StartUnixServerOptions = {},
): Promise<AbstractServer> {
  try {
    checkCallable(clientConnected, "startUnixServer(): clientConnected");
    const loop = getRunningLoop();
    const { limit, ...rest } = options;
    new StreamReader({ limit, loop }); // validate limit before listening
    const factory = () =>
      new StreamReaderProtocol(new StreamReader({ limit, loop }), clientConnected, loop);
    return loop.createUnixServer(factory, path, rest);
  } catch (e) {
    return Promise.reject(e);
  }
}
