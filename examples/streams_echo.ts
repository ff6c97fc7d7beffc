#!/usr/bin/env -S deno run --allow-net=127.0.0.1:8888
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The Python docs' TCP echo server and client, written with streams: the server echoes one
// message back, the client prints the reply; the server handles one client, then exits.
import * as asyncio from "../mod.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function handleEcho(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {
  const data = await reader.read(100);
  const message = decoder.decode(data);
  const addr = writer.getExtraInfo("peername");
  console.log(`Received ${JSON.stringify(message)} from ${JSON.stringify(addr)}`);

  console.log(`Send: ${JSON.stringify(message)}`);
  writer.write(data);
  await writer.drain();

  console.log("Close the connection");
  writer.close();
  await writer.waitClosed();
}

async function tcpEchoClient(message: string) {
  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);

  console.log(`Send: ${JSON.stringify(message)}`);
  writer.write(encoder.encode(message));
  await writer.drain();

  const data = await reader.read(100);
  console.log(`Received: ${JSON.stringify(decoder.decode(data))}`);

  console.log("Close the connection");
  writer.close();
  await writer.waitClosed();
}

await asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  const served = loop.createFuture<void>();
  const server = await asyncio.startServer(
    async (reader, writer) => {
      try {
        await handleEcho(reader, writer);
      } finally {
        served.setResult(undefined);
      }
    },
    "127.0.0.1",
    8888,
  );
  const addrs = server.sockets.map((sock) => JSON.stringify(sock.getsockname())).join(", ");
  console.log(`Serving on ${addrs}`);

  await tcpEchoClient("Hello World!");
  await served; // one client, then stop serving
  server.close();
  await server.waitClosed();
});
