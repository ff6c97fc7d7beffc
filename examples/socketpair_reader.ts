#!/usr/bin/env -S deno run --allow-net=127.0.0.1
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Python docs' "Watch a file descriptor for read events": a socketpair, a
// reader callback registered with loop.addReader(), and a write that wakes it.
// (socketpair() is a loopback TCP pair here, hence --allow-net=127.0.0.1.)
import * as asyncio from "../mod.ts";

async function waitForData() {
  // Get a reference to the current event loop because
  // we want to access low-level APIs.
  const loop = asyncio.getRunningLoop();

  // Create a pair of connected sockets.
  const [rsock, wsock] = await asyncio.socketpair();
  rsock.setblocking(false);

  // Create a new Future object.
  const fut = loop.createFuture<void>();

  function reader() {
    const data = rsock.recv(100);
    console.log("Received:", new TextDecoder().decode(data));

    // We are done: unregister the file descriptor.
    loop.removeReader(rsock);

    // Set the future's result to wake up the waiter.
    fut.setResult();
  }

  // Register the socket to wait for data.
  loop.addReader(rsock, reader);

  // Simulate the reception of data from the network.
  loop.callSoon(() => wsock.send(new TextEncoder().encode("abc")));

  try {
    // Wait until the reader has run.
    await fut;
  } finally {
    // Close the sockets.
    rsock.close();
    wsock.close();
  }
}

await asyncio.run(waitForData);
