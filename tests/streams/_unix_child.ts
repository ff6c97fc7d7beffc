// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Child process of start_unix_server_test.ts (Deno 2.9 needs --allow-net=unix:PATH for Unix
// sockets): echoes lines over startUnixServer()/openUnixConnection() at PATH and prints a JSON report.
import {
  type ExceptionContext,
  getRunningLoop,
  openUnixConnection,
  run,
  startUnixServer,
} from "../../mod.ts";

const path = Deno.args[0];
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const messages: ExceptionContext[] = [];
const report = await run(async () => {
  getRunningLoop().setExceptionHandler((_l, ctx) => messages.push(ctx));
  const server = await startUnixServer(async (reader, writer) => {
    for await (const line of reader) {
      writer.write(line);
      await writer.drain();
    }
    writer.close();
    await writer.waitClosed();
  }, path);
  try {
    const [reader, writer] = await openUnixConnection(path, { limit: 1024 });
    const echoed: string[] = [];
    for (const text of ["hello world!\n", "second\n"]) {
      writer.write(enc(text));
      echoed.push(dec(await reader.readline()));
    }
    writer.writeEof();
    const rest = (await reader.read()).length;
    writer.close();
    await writer.waitClosed();
    return { echoed, rest };
  } finally {
    server.close();
    await server.waitClosed();
  }
});
console.log(JSON.stringify({ ...report, messages: messages.map((m) => m.message) }));
