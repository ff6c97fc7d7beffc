#!/usr/bin/env -S deno run --allow-net=127.0.0.1:8888
// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * TCP echo client using a protocol: a port of the Python docs' "TCP Echo
 * Client" example (asyncio-protocol.html). Start `examples/tcp_echo_server.ts`
 * first.
 *
 *     deno run --allow-net=127.0.0.1:8888 examples/tcp_echo_client.ts
 *
 * @module
 */
import * as asyncio from "../mod.ts";

await asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  const onConLost = loop.createFuture<void>();
  const message = "Hello World!";

  const [transport] = await loop.createConnection(
    (): asyncio.Protocol => ({
      connectionMade(t) {
        (t as asyncio.Transport).write(new TextEncoder().encode(message));
        console.log("Data sent:", JSON.stringify(message));
      },
      dataReceived(data) {
        console.log("Data received:", JSON.stringify(new TextDecoder().decode(data)));
      },
      connectionLost() {
        console.log("The server closed the connection");
        onConLost.setResult();
      },
    }),
    "127.0.0.1",
    8888,
  );

  try {
    await onConLost;
  } finally {
    transport.close();
  }
});
