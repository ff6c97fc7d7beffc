#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Display the current date every second for five seconds with callLater().
import * as asyncio from "../mod.ts";

function displayDate(endTime: number, loop: asyncio.EventLoop): void {
  console.log(new Date().toISOString());
  if (loop.time() + 1.0 < endTime) loop.callLater(1, displayDate, endTime, loop);
  else loop.stop();
}

const loop = asyncio.newEventLoop();
const endTime = loop.time() + 5.0;
loop.callSoon(displayDate, endTime, loop);
try {
  await loop.runForever();
} finally {
  loop.close();
}
