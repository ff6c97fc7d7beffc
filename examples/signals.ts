#!/usr/bin/env -S deno run
// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Port of the Python docs' "Set signal handlers for SIGINT and SIGTERM"
 * example: both signals stop the loop.
 *
 * To end by itself, the demo sends itself SIGTERM after half a second
 * (`Deno.kill(Deno.pid, ...)` needs no permission). Run it with `--wait` to
 * send the signal yourself (Ctrl+C, or `kill -TERM <pid>`) within 60 seconds.
 *
 *     deno run examples/signals.ts [--wait]
 *
 * @module
 */
import { type EventLoop, newEventLoop } from "../mod.ts";

function askExit(signame: string, loop: EventLoop): void {
  console.log(`got signal ${signame}: exit`);
  loop.stop();
}

const wait = Deno.args.includes("--wait");
const loop = newEventLoop();
for (const signame of ["SIGINT", "SIGTERM"] as const) {
  loop.addSignalHandler(signame, askExit, signame, loop);
}
if (wait) {
  console.log("Event loop running for 60 seconds, press Ctrl+C to interrupt.");
  console.log(`pid ${Deno.pid}: send SIGINT or SIGTERM to exit.`);
  loop.callLater(60, () => {
    console.log("no signal within 60 seconds: exit");
    loop.stop();
  });
} else {
  console.log(`pid ${Deno.pid}: sending myself SIGTERM in 0.5 seconds.`);
  loop.callLater(0.5, () => Deno.kill(Deno.pid, "SIGTERM"));
}
await loop.runForever();
loop.close(); // also removes the signal handlers
