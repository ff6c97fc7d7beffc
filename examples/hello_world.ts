#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Hello World with callSoon(): Python docs, "Event Loop" examples.
import * as asyncio from "../mod.ts";

function helloWorld(loop: asyncio.EventLoop): void {
  console.log("Hello World");
  loop.stop();
}

const loop = asyncio.newEventLoop();
loop.callSoon(helloWorld, loop);
try {
  await loop.runForever();
} finally {
  loop.close();
}
