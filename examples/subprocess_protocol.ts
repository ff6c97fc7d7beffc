#!/usr/bin/env -S deno run --allow-run=/bin/sh
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The low-level API: loop.subprocessExec() with a SubprocessProtocol that prints the child's
// output line by line as it arrives (Python docs: "Subprocess Transports and Protocols").
import * as asyncio from "../mod.ts";

class LineProtocol implements asyncio.SubprocessProtocol {
  #pending = "";
  #decoder = new TextDecoder();
  constructor(readonly exited: asyncio.Future<number>) {}

  connectionMade(transport: asyncio.BaseTransport): void {
    console.log(`started pid ${(transport as asyncio.SubprocessTransport).getPid()}`);
  }

  pipeDataReceived(fd: number, data: Uint8Array): void {
    const lines = (this.#pending + this.#decoder.decode(data, { stream: true })).split("\n");
    this.#pending = lines.pop()!;
    for (const line of lines) console.log(`${fd === 1 ? "out" : "err"}| ${line}`);
  }

  pipeConnectionLost(fd: number): void {
    console.log(`fd ${fd} closed`);
  }

  processExited(): void {
    console.log("process exited");
  }

  connectionLost(): void {
    this.exited.setResult(0);
  }
}

await asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  const done = loop.createFuture<number>();
  const script = 'for i in 1 2 3; do echo "tick $i"; sleep 0.2; done; echo "bye" >&2';
  const [transport] = await loop.subprocessExec(
    () => new LineProtocol(done),
    "/bin/sh",
    "-c",
    script,
    { stdin: asyncio.DEVNULL },
  );
  await done; // every pipe closed and the process exited
  console.log(`return code: ${transport.getReturncode()}`);
  transport.close();
});
