#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Copy stdin to stdout with connectReadPipe() / connectWritePipe(), with flow control: reading
// pauses while the output is backed up. Try: `echo hello | deno task example:stdin-to-stdout`.
import * as asyncio from "../mod.ts";

await asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  const finished = loop.createFuture<number>();
  let total = 0;

  const [writer] = await loop.connectWritePipe(() => ({
    pauseWriting: () => reader.pauseReading(),
    resumeWriting: () => reader.resumeReading(),
    connectionLost: () => finished.done() || finished.setResult(total),
  }), Deno.stdout);

  // `reader` is used by the callbacks above only once data flows, after it is set.
  const [reader] = await loop.connectReadPipe((): asyncio.Protocol => ({
    dataReceived(data) {
      total += data.length;
      writer.write(data);
    },
    eofReceived() {
      writer.close(); // flushes, then closes stdout
    },
  }), Deno.stdin);

  const copied = await finished;
  console.error(`copied ${copied} bytes`);
});
