// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `openUnixConnection()`: a Unix-socket connection as a reader and a writer.
 *
 * @module
 */
import type { CreateUnixConnectionOptions } from "../loop/io.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import { StreamReader } from "./stream_reader.ts";
import { StreamReaderProtocol } from "./stream_reader_protocol.ts";
import { StreamWriter } from "./stream_writer.ts";

/** Options of {@linkcode openUnixConnection}: `limit` plus `createUnixConnection()`'s options. */
export interface OpenUnixConnectionOptions extends CreateUnixConnectionOptions {
  /** The reader's limit in bytes (default 64 KiB). */
  limit?: number;
}

/**
 * Connects to the Unix socket at `path` and returns `[reader, writer]`.
 * Requires `--allow-read` and `--allow-write` for `path`; Deno 2.9 also asks for
 * `--allow-net=unix:<path>`.
 *
 * Mirrors Python's `asyncio.open_unix_connection()`.
 *
 * @param path The socket's path.
 * @param options `limit` for the reader, and `createUnixConnection()`'s options.
 * @returns The connection's reader and writer.
 *
 * @example
 * ```ts ignore
 * import { openUnixConnection, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const [reader, writer] = await openUnixConnection("/tmp/echo.sock");
 *   writer.write(new TextEncoder().encode("ping\n"));
 *   console.log(new TextDecoder().decode(await reader.readline()));
 *   writer.close();
 *   await writer.waitClosed();
 * });
 * ```
 */
export async function openUnixConnection(
  path: string,
  options: OpenUnixConnectionOptions = {},
): Promise<[StreamReader, StreamWriter]> {
  const loop = getRunningLoop();
  const { limit, ...rest } = options;
  const reader = new StreamReader({ limit, loop });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  const [transport] = await loop.createUnixConnection(() => protocol, path, rest);
  return [reader, new StreamWriter(transport, protocol, reader, loop)];
}
