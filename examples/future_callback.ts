#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A Future completed by another task, with a done callback that stops runForever().
import * as asyncio from "../mod.ts";

async function slowOperation(future: asyncio.Future<string>): Promise<void> {
  await asyncio.sleep(1);
  future.setResult("Future is done!");
}

function gotResult(future: asyncio.Future<string>): void {
  console.log(future.result());
  future.getLoop().stop();
}

const loop = asyncio.newEventLoop();
const future = loop.createFuture<string>();
loop.createTask(() => slowOperation(future));
future.addDoneCallback(gotResult);
try {
  await loop.runForever();
} finally {
  loop.close();
}
