#!/usr/bin/env -S deno run --allow-read --allow-write --allow-net
// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Echo over a Unix socket: server and client in one script, on a socket in a
 * temporary directory.
 *
 *     deno run --allow-read --allow-write --allow-net examples/unix_echo.ts
 *
 * Deno 2.9 asks for `--allow-net=unix:<path>` (besides read and write) for a
 * Unix socket; the path is made at run time here, hence the plain `--allow-net`.
 *
 * @module
 */
import * as asyncio from "../mod.ts";

const dir = await Deno.makeTempDir();
const path = `${dir}/echo.sock`;
try {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    await using server = await loop.createUnixServer((): asyncio.Protocol => {
      let transport: asyncio.Transport;
      return {
        connectionMade(t) {
          transport = t as asyncio.Transport;
        },
        dataReceived(data) {
          transport.write(data);
        },
      };
    }, path);
    console.log("Serving on", server.sockets[0].getsockname());

    const done = loop.createFuture<string>();
    let received = "";
    const [transport] = await loop.createUnixConnection((): asyncio.Protocol => ({
      dataReceived(data) {
        received += new TextDecoder().decode(data);
        if (received.endsWith("\n")) done.setResult(received);
      },
    }), path);
    transport.write(new TextEncoder().encode("Hello over a Unix socket\n"));
    console.log("Echoed:", JSON.stringify(await done));
    transport.close();
  });
} finally {
  await Deno.remove(dir, { recursive: true });
}
