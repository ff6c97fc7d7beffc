// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { getRunningLoop, run, SendfileNotAvailableError } from "../../mod.ts";
import { portOf, Recorder, within } from "./_helpers.ts";

Deno.test("sendfile(): sends the file (or a slice of it) through the transport", async () => {
  const path = await Deno.makeTempFile();
  const content = new Uint8Array(300_000).map((_, i) => i % 253);
  await Deno.writeFile(path, content);
  try {
    await run(async () => {
      const loop = getRunningLoop();
      const sink = new Recorder();
      const server = await loop.createServer(() => sink, "127.0.0.1", 0);
      const client = new Recorder();
      const [transport] = await loop.createConnection(() => client, "127.0.0.1", portOf(server));
      using file = await Deno.open(path);
      assert.equal(await loop.sendfile(transport, file), content.length);
      assert.equal(await loop.sendfile(transport, file, 1000, 5000), 5000);
      assert.equal(await file.seek(0, Deno.SeekMode.Current), 6000);
      await within(sink.received(content.length + 5000));
      assert.deepEqual(sink.data.subarray(0, content.length), content);
      assert.deepEqual(sink.data.subarray(content.length), content.subarray(1000, 6000));
      await assert.rejects(
        loop.sendfile(transport, file, 0, null, { fallback: false }),
        SendfileNotAvailableError,
      );
      await assert.rejects(loop.sendfile(transport, file, -1), RangeError);
      transport.close();
      await within(client.lost);
      await assert.rejects(loop.sendfile(transport, file), { message: /closing/ });
      server.close();
      await within(sink.lost);
      await within(server.waitClosed());
    });
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("sendfile(): the protocol receives nothing while the file goes out, then what arrived meanwhile", async () => {
  const path = await Deno.makeTempFile();
  const content = new Uint8Array(4 * 1024 * 1024).fill(7);
  await Deno.writeFile(path, content);
  try {
    await run(async () => {
      const loop = getRunningLoop();
      // the server answers "hello" as soon as the file's first bytes arrive
      const sink = new Recorder();
      sink.received(1).then(() => sink.transport!.write(new TextEncoder().encode("hello")));
      const server = await loop.createServer(() => sink, "127.0.0.1", 0);
      const events: string[] = [];
      const client = new Recorder();
      client.dataReceived = (data) => {
        events.push(`data ${data.length}`);
        Recorder.prototype.dataReceived.call(client, data);
      };
      const [transport] = await loop.createConnection(() => client, "127.0.0.1", portOf(server));
      using file = await Deno.open(path);
      assert.equal(await loop.sendfile(transport, file), content.length);
      events.push("sent");
      assert.equal(transport.isReading(), true);
      await within(client.received(5));
      assert.equal(events[0], "sent");
      await within(sink.received(content.length));
      transport.close();
      await within(client.lost);
      server.close();
      await within(sink.lost);
      await within(server.waitClosed());
    });
  } finally {
    await Deno.remove(path);
  }
});
