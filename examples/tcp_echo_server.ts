#!/usr/bin/env -S deno run --allow-net=127.0.0.1:8888
// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * TCP echo server using a protocol: a port of the Python docs' "TCP Echo
 * Server" example (asyncio-protocol.html). Serves until interrupted, or with
 * `--once`, until its first client has gone.
 *
 *     deno run --allow-net=127.0.0.1:8888 examples/tcp_echo_server.ts --once
 *
 * then, in another terminal, `examples/tcp_echo_client.ts`.
 *
 * @module
 */
import * as asyncio from "../mod.ts";

const once = Deno.args.includes("--once");

await asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  const firstGone = loop.createFuture<void>();

  const server = await loop.createServer(
    (): asyncio.Protocol => {
      let transport: asyncio.Transport;
      return {
        connectionMade(t) {
          transport = t as asyncio.Transport;
          console.log("Connection from", transport.getExtraInfo("peername"));
        },
        dataReceived(data) {
          const message = new TextDecoder().decode(data);
          console.log("Data received:", JSON.stringify(message));
          console.log("Send:", JSON.stringify(message));
          transport.write(data);
          console.log("Close the client socket");
          transport.close();
        },
        connectionLost() {
          if (!firstGone.done()) firstGone.setResult();
        },
      };
    },
    "127.0.0.1",
    8888,
  );

  console.log("Serving on", server.sockets.map((s) => s.getsockname()));
  await using _ = server;
  if (once) await firstGone;
  else await server.serveForever();
});
