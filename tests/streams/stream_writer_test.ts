// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { newEventLoop, run, sleep, StreamReaderProtocol, StreamWriter } from "../../mod.ts";
import { connectFake as connect, FakeTransport } from "./_fake_transport.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("StreamWriter passes write, writelines and writeEof to the transport", async () => {
  await run(() => {
    const { transport, writer } = connect(1024);
    writer.write(enc("a"));
    writer.writelines([enc("b"), enc("c")]);
    assert.equal(transport.text(), "abc");
    assert.equal(writer.canWriteEof(), true);
    writer.writeEof();
    assert.equal(transport.eofWritten, true);
    transport.extra.peername = ["127.0.0.1", 1];
    assert.deepEqual(writer.getExtraInfo("peername"), ["127.0.0.1", 1]);
    assert.equal(writer.getExtraInfo("nope", 7), 7);
    assert.equal(writer.transport, transport);
    assert.match(String(writer), /^<StreamWriter transport=.* reader=<StreamReader/);
    writer.close();
  });
});

Deno.test("StreamWriter.drain() resolves at once when writing is not paused (no loop needed)", async () => {
  const loop = newEventLoop(); // never runs
  try {
    const protocol = new StreamReaderProtocol(null, null, loop);
    const transport = new FakeTransport(loop, protocol, { high: 1024 }).connect();
    const writer = new StreamWriter(transport, protocol, null, loop);
    writer.write(enc("hello"));
    await writer.drain();
  } finally {
    loop.close();
  }
});

Deno.test("StreamWriter.drain() waits while the transport paused writing", async () => {
  await run(async () => {
    const { loop, transport, writer } = connect(16);
    writer.write(new Uint8Array(20)); // above the high-water mark: pauseWriting()
    const drained = loop.createTask(() => writer.drain());
    for (let i = 0; i < 3; i++) await sleep(0);
    assert.equal(drained.done(), false);
    transport.flush(); // resumeWriting()
    await drained;
    await writer.drain(); // not paused any more
    writer.close();
  });
});

Deno.test("StreamWriter.drain() while paused rejects with the error the connection is lost with", async () => {
  await run(async () => {
    const { loop, transport, writer } = connect(4);
    writer.write(enc("0123456789"));
    const drained = loop.createTask(() => writer.drain());
    await sleep(0);
    const exc = new Deno.errors.ConnectionReset("peer reset");
    transport.lose(exc);
    await assert.rejects(async () => await drained, (e) => e === exc);
    // The reader got the error too, and drain() reports it from now on.
    await assert.rejects(writer.drain(), (e) => e === exc);
    await assert.rejects(writer.waitClosed(), (e) => e === exc);
  });
});

Deno.test("StreamWriter.drain() while paused resolves when the connection closes cleanly", async () => {
  await run(async () => {
    const { loop, transport, writer } = connect(4);
    writer.write(enc("0123456789"));
    const drained = loop.createTask(() => writer.drain());
    await sleep(0);
    transport.lose(null);
    await drained;
    await assert.rejects(writer.drain(), Deno.errors.ConnectionReset);
  });
});

Deno.test("StreamWriter.drain() after close() rejects with ConnectionReset once the connection is lost", async () => {
  await run(async () => {
    const { transport, writer } = connect(1024);
    writer.close();
    assert.equal(writer.isClosing(), true);
    writer.write(enc("data"));
    // drain() yields one iteration, in which the transport delivers connectionLost().
    await assert.rejects(
      writer.drain(),
      (e) => e instanceof Deno.errors.ConnectionReset && e.message === "Connection lost",
    );
    assert.equal(transport.isClosing(), true);
  });
});

Deno.test("StreamWriter.drain() throws the reader's exception", async () => {
  await run(async () => {
    const { reader, writer } = connect();
    const exc = new Error("read side failed");
    reader.setException(exc);
    await assert.rejects(writer.drain(), (e) => e === exc);
    writer.close();
  });
});

Deno.test("StreamWriter.waitClosed() resolves after close(), and the reader sees EOF", async () => {
  await run(async () => {
    const { reader, writer } = connect();
    assert.equal(writer.isClosing(), false);
    writer.close();
    assert.equal(writer.isClosing(), true);
    await writer.waitClosed();
    assert.equal(reader.atEof(), true);
    assert.equal((await reader.read()).length, 0);
  });
});

Deno.test("StreamWriter: await using closes and waits until closed", async () => {
  await run(async () => {
    const { transport, writer } = connect();
    {
      await using w = writer;
      w.write(enc("bye"));
    }
    assert.equal(transport.isClosing(), true);
    assert.equal(transport.text(), "bye");
  });
});

Deno.test("StreamWriter.startTls() upgrades through loop.startTls() and keeps the streams working", async () => {
  const { io, provideIo } = await import("../../loop/io.ts");
  let original: unknown;
  try {
    original = io("startTls");
  } catch {
    original = undefined;
  }
  try {
    await run(async () => {
      const { loop, protocol, reader, transport, writer } = connect(1024);
      let seen: unknown[] = [];
      let tlsTransport: FakeTransport | null = null;
      provideIo({
        startTls(l, t, p, ctx, options) {
          seen = [l, t, p, ctx, options];
          tlsTransport = new FakeTransport(loop, p, { high: 1024 });
          tlsTransport.extra.sslcontext = ctx;
          return Promise.resolve(tlsTransport);
        },
      });
      const ctx = { caCerts: ["PEM"] };
      await writer.startTls(ctx, { serverHostname: "example.test", sslHandshakeTimeout: 5 });
      assert.equal(seen[0], loop);
      assert.equal(seen[1], transport);
      assert.equal(seen[2], protocol);
      assert.equal(seen[3], ctx);
      assert.deepEqual(seen[4], {
        serverSide: false,
        serverHostname: "example.test",
        sslHandshakeTimeout: 5,
      });
      assert.equal(writer.transport, tlsTransport);
      assert.equal(writer.getExtraInfo("sslcontext"), ctx);
      writer.write(enc("secret"));
      assert.equal(tlsTransport!.text(), "secret");
      protocol.dataReceived(enc("reply\n"));
      assert.equal(new TextDecoder().decode(await reader.readline()), "reply\n");
      tlsTransport!.canWriteEof = () => false;
      assert.equal(protocol.eofReceived(), false); // asks the new transport whether it half-closes
      writer.close();
      await writer.waitClosed();
    });
  } finally {
    provideIo({ startTls: original as never });
  }
});
