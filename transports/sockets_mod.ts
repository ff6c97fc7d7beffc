// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * UDP endpoints, the `Socket` stand-in, DNS and readiness: installs the
 * loop's `createDatagramEndpoint()`, `getaddrinfo()`, `getnameinfo()`,
 * `addReader()` / `addWriter()` and `sock*()` operations, and exports
 * `Socket`, `socketpair()`, `GaiError` and the socket constants.
 *
 * UDP needs `--unstable-net` (or `"unstable": ["net"]` in deno.json). Name
 * lookups need `--allow-net` for the name looked up (IP literals and
 * `localhost` are answered without a lookup). A datagram handed to
 * `datagramReceived()` is a view into a shared 128 KiB receive block (one
 * allocation per block, not per datagram): keep it as long as you like, but
 * `slice()` it if you keep many small datagrams for long.
 *
 * @module
 */
import { provideIo } from "../loop/io.ts";
import { createDatagramEndpoint } from "./datagram.ts";
import { getaddrinfo, getnameinfo } from "./dns.ts";
import { addReader, addWriter, removeReader, removeWriter } from "./readiness.ts";
import {
  sockAccept,
  sockConnect,
  sockRecv,
  sockRecvfrom,
  sockRecvInto,
  sockSendall,
  sockSendfile,
  sockSendto,
} from "./sock_ops.ts";

export * from "./constants.ts";
export * from "./gai_error.ts";
export { Socket } from "./socket.ts";
export * from "./socketpair.ts";

provideIo({
  createDatagramEndpoint,
  getaddrinfo,
  getnameinfo,
  addReader,
  removeReader,
  addWriter,
  removeWriter,
  sockRecv,
  sockRecvInto,
  sockRecvfrom,
  sockSendall,
  sockSendto,
  sockConnect,
  sockAccept,
  sockSendfile,
});
