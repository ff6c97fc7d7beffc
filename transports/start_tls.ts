// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The loop's `startTls()`. Internal: users call `loop.startTls()`.
import type { EventLoop } from "../loop/event_loop.ts";
import type { SSLOption, StartTlsOptions } from "../loop/io.ts";
import type { BaseProtocol } from "../protocols/protocols.ts";
import type { Transport } from "./transport.ts";

/** `loop.startTls()`. */
export function startTls(
  _loop: EventLoop,
  _transport: Transport,
  _protocol: BaseProtocol,
  _sslContext: SSLOption,
  _options: StartTlsOptions = {},
): Promise<Transport> {
  return Promise.reject(new Deno.errors.NotSupported("startTls(): not yet"));
}
