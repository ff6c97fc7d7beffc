#!/usr/bin/env -S deno run --unstable-net --allow-net=127.0.0.1
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Python docs' "UDP Echo Server" and "UDP Echo Client" protocols, in one
// script: the server echoes on 127.0.0.1:9999, the client sends one message,
// prints the echo and closes, then the server closes.
//
// (The server's replies go to the client's ephemeral port, so the permission
// is the host 127.0.0.1, not only 127.0.0.1:9999.)
import * as asyncio from "../mod.ts";
import type { DatagramProtocol, DatagramTransport } from "../mod.ts";

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

class EchoServerProtocol implements DatagramProtocol {
  transport!: DatagramTransport;

  connectionMade(transport: asyncio.BaseTransport) {
    this.transport = transport as DatagramTransport;
  }

  datagramReceived(data: Uint8Array, addr: [string, number]) {
    const message = decode(data);
    console.log(`Received ${JSON.stringify(message)} from ${JSON.stringify(addr)}`);
    console.log(`Send ${JSON.stringify(message)} to ${JSON.stringify(addr)}`);
    this.transport.sendto(data, addr);
  }
}

class EchoClientProtocol implements DatagramProtocol {
  transport!: DatagramTransport;

  constructor(readonly message: string, readonly onConLost: asyncio.Future<void>) {}

  connectionMade(transport: asyncio.BaseTransport) {
    this.transport = transport as DatagramTransport;
    console.log("Send:", this.message);
    this.transport.sendto(encode(this.message));
  }

  datagramReceived(data: Uint8Array, _addr: [string, number]) {
    console.log("Received:", decode(data));
    console.log("Close the socket");
    this.transport.close();
  }

  errorReceived(exc: Error) {
    console.log("Error received:", exc);
  }

  connectionLost(_exc: Error | null) {
    console.log("Connection closed");
    this.onConLost.setResult();
  }
}

async function main() {
  const loop = asyncio.getRunningLoop();
  console.log("Starting UDP server");
  const [serverTransport] = await loop.createDatagramEndpoint(
    () => new EchoServerProtocol(),
    { localAddr: ["127.0.0.1", 9999] },
  );
  try {
    const onConLost = loop.createFuture<void>();
    const message = "Hello World!";
    const [clientTransport] = await loop.createDatagramEndpoint(
      () => new EchoClientProtocol(message, onConLost),
      { remoteAddr: ["127.0.0.1", 9999] },
    );
    const timer = loop.callLater(5, () => {
      if (!onConLost.done()) onConLost.setException(new Error("no echo within 5 seconds"));
    });
    try {
      await onConLost;
    } finally {
      timer.cancel();
      clientTransport.close();
    }
  } finally {
    serverTransport.close();
  }
}

await asyncio.run(main);
