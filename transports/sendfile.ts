// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The loop's `sendfile()`: Deno has no zero-copy sendfile, so the file is read in chunks and
// written through the transport with flow control. Internal: users call `loop.sendfile()`.
import { RuntimeError, SendfileNotAvailableError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { SendfileSource } from "../loop/io.ts";
import type { Transport } from "./transport.ts";
import { awaitIo, show } from "./_net.ts";
import { StreamTransport } from "./_stream_transport.ts";

const CHUNK = 65536;

/** `loop.sendfile()`. */
export async function sendfile(
  loop: EventLoop,
  transport: Transport,
  file: SendfileSource,
  offset = 0,
  count: number | null = null,
  options: { fallback?: boolean } = {},
): Promise<number> {
  const what = "sendfile()";
  if (!(transport instanceof StreamTransport)) {
    throw new TypeError(
      `${what}: expected a stream transport of this library, got ${show(transport)}`,
    );
  }
  if (transport.isClosing()) throw new RuntimeError(`${what}: the transport is closing`);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`${what}: expected offset to be an integer >= 0, got ${show(offset)}`);
  }
  if (count !== null && count !== undefined && (!Number.isInteger(count) || count <= 0)) {
    throw new RangeError(
      `${what}: expected count to be a positive integer or null, got ${show(count)}`,
    );
  }
  if (typeof file?.read !== "function" || typeof file?.seek !== "function") {
    throw new TypeError(`${what}: expected file to be a Deno.FsFile, got ${show(file)}`);
  }
  if (options.fallback === false) {
    throw new SendfileNotAvailableError(
      `${what}: zero-copy sendfile is not available in Deno; pass { fallback: true } to read and write the file in chunks`,
    );
  }
  await awaitIo(loop, file.seek(offset, Deno.SeekMode.Start));
  // As Python's fallback: the protocol receives nothing while the file goes out (what arrives
  // meanwhile is delivered afterwards), so nothing it writes in answer lands inside the file.
  const resumeReading = transport.isReading();
  if (resumeReading) transport.pauseReading();
  let total = 0;
  try {
    while (count === null || count === undefined || total < count) {
      const size = count === null || count === undefined ? CHUNK : Math.min(CHUNK, count - total);
      const buf = new Uint8Array(size);
      const n = await awaitIo(loop, file.read(buf));
      if (n === null) break;
      transport.write(buf.subarray(0, n));
      total += n;
      await transport._drained();
    }
  } finally {
    try {
      // through the loop (awaitIo), so that what follows runs as one task step with the caller's
      // code after `await sendfile()`, before the loop delivers the data held meanwhile
      if (total > 0) await awaitIo(loop, file.seek(offset + total, Deno.SeekMode.Start));
    } finally {
      if (resumeReading && !transport.isClosing()) transport.resumeReading();
    }
  }
  return total;
}
