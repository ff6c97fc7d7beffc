// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `openConnection()`: a TCP (or TLS) connection as a reader and a writer.
 *
 * @module
 */
import type { CreateConnectionOptions } from "../loop/io.ts";
import { getRunningLoop } from "../loop/running_loop.ts";
import { StreamReader } from "./stream_reader.ts";
import { StreamReaderProtocol } from "./stream_reader_protocol.ts";
import { StreamWriter } from "./stream_writer.ts";

/** Options of {@linkcode openConnection}: the reader's `limit` plus `createConnection()`'s options. */
export interface OpenConnectionOptions extends CreateConnectionOptions {
  /** The reader's limit in bytes (default 64 KiB). */
  limit?: number;
}

/**
 * Connects to `host`:`port` and returns `[reader, writer]`. Requires
 * `--allow-net`.
 *
 * Mirrors Python's `asyncio.open_connection()`.
 *
 * @param host The host name or address.
 * @param port The port.
 * @param options `limit` for the reader, and `createConnection()`'s options
 * (`ssl`, `serverHostname`, `localAddr`, `happyEyeballsDelay`, ...).
 * @returns The connection's reader and writer.
 * @throws {Deno.errors.ConnectionRefused} And the other errors of `createConnection()`.
 *
 * @example
 * ```ts ignore
 * import { openConnection, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const [reader, writer] = await openConnection("example.com", 80);
 *   writer.write(new TextEncoder().encode("HEAD / HTTP/1.0\r\n\r\n"));
 *   console.log(new TextDecoder().decode(await reader.readline()));
 *   writer.close();
 *   await writer.waitClosed();
 * });
 * ```
 */
export async function openConnection(
  host: string | null,
  port: number | null,
  options: OpenConnectionOptions = {},
): Promise<[StreamReader, StreamWriter]> {
  const loop = getRunningLoop();
  const { limit, ...rest } = options;
  const reader = new StreamReader({ limit, loop });
  const protocol = new StreamReaderProtocol(reader, null, loop);
  const [transport] = await loop.createConnection(() => protocol, host, port, rest);
  return [reader, new StreamWriter(transport, protocol, reader, loop)];
}
