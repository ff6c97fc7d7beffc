// Copyright 2026 the @denoio/asyncio authors. MIT license.
// The streams layer alone, without sockets: a task reads 1 KiB and writes it back; the fake
// transport hands every write back to the same reader on the next loop iteration (as a socket read
// completing would). Measures the per-round-trip cost of StreamReader.read + StreamWriter.write +
// drain + one data delivery.
//   deno run -A bench/streams_pingpong.ts [roundTrips]
// Prints wall time and process CPU time per round trip (CPU time is the figure to compare on a
// busy machine).
import {
  getRunningLoop,
  type Protocol,
  run,
  StreamReader,
  StreamReaderProtocol,
  StreamWriter,
  type Transport,
} from "../mod.ts";

const N = Number(Deno.args[0] ?? 200_000);

/** User + system CPU seconds of this process (Linux), or NaN. */
function cpuSeconds(): number {
  try {
    const fields = Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

await run(async () => {
  const loop = getRunningLoop();
  const reader = new StreamReader();
  const protocol = new StreamReaderProtocol(reader);
  const deliver = (data: Uint8Array) => protocol.dataReceived(data);
  const transport = {
    write(data: Uint8Array) {
      loop.callSoon(deliver, data.slice());
    },
    isClosing: () => false,
    getExtraInfo: () => undefined,
    pauseReading() {},
    resumeReading() {},
  } as unknown as Transport;
  (protocol as Protocol).connectionMade!(transport);
  const writer = new StreamWriter(transport, protocol, reader, loop);
  writer.write(new Uint8Array(1024).fill(120));
  const c0 = cpuSeconds();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const data = await reader.read(65536);
    writer.write(data);
    await writer.drain();
  }
  const dt = performance.now() - t0;
  const cpu = cpuSeconds() - c0;
  console.log(
    `${N} round trips: wall ${(dt * 1000 / N).toFixed(3)} us, cpu ${
      (cpu * 1e6 / N).toFixed(3)
    } us each`,
  );
});
