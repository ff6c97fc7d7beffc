// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  type ExceptionContext,
  getRunningLoop,
  run,
  sleep,
  StreamReader,
  StreamReaderProtocol,
  type StreamWriter,
} from "../../mod.ts";
import { connectFake as connect, FakeTransport } from "./_fake_transport.ts";

Deno.test("StreamReaderProtocol: a lost connection's error reaches the reader and is never reported", async () => {
  const messages: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_loop, ctx) => messages.push(ctx));
    const { reader, transport, writer } = connect();
    transport.lose(new RangeError("boom"));
    await assert.rejects(reader.read(), RangeError);
    writer.close();
    await sleep(0);
  });
  assert.deepEqual(messages, []);
});

Deno.test("StreamReaderProtocol keeps the transport open on EOF when it can half-close (TLS too)", async () => {
  await run(() => {
    const loop = getRunningLoop();
    const plain = new StreamReaderProtocol(new StreamReader());
    new FakeTransport(loop, plain).connect();
    assert.equal(plain.eofReceived(), true);
    const tls = new StreamReaderProtocol(new StreamReader());
    const t = new FakeTransport(loop, tls);
    t.extra.sslcontext = {};
    t.connect();
    assert.equal(tls.eofReceived(), true); // our TLS transports half-close (Python's cannot)
    const oneWay = new StreamReaderProtocol(new StreamReader());
    const noHalfClose = new FakeTransport(loop, oneWay);
    noHalfClose.canWriteEof = () => false;
    noHalfClose.connect();
    assert.equal(oneWay.eofReceived(), false); // closes, as Python's over SSL
  });
});

Deno.test("StreamReaderProtocol runs an async client callback in a task with a reader and writer", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const done = loop.createFuture<string>();
    const protocol = new StreamReaderProtocol(new StreamReader(), async (reader, writer) => {
      const line = await reader.readline();
      writer.write(line);
      await writer.drain();
      writer.close();
      done.setResult(new TextDecoder().decode(line));
    });
    const transport = new FakeTransport(loop, protocol, { high: 1024 }).connect();
    transport.receive("hello world!\n");
    assert.equal(await done, "hello world!\n");
    assert.equal(transport.text(), "hello world!\n");
    assert.equal(transport.isClosing(), true);
  });
});

Deno.test("StreamReaderProtocol accepts a sync client callback", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const got = loop.createFuture<StreamWriter>();
    const protocol = new StreamReaderProtocol(new StreamReader(), (_reader, writer) => {
      got.setResult(writer);
    });
    const transport = new FakeTransport(loop, protocol).connect();
    const writer = await got;
    assert.equal(writer.transport, transport);
    writer.close();
  });
});

Deno.test("StreamReaderProtocol reports a failing client callback and closes the transport", async () => {
  const messages: ExceptionContext[] = [];
  await run(async () => {
    const loop = getRunningLoop();
    loop.setExceptionHandler((_loop, ctx) => messages.push(ctx));
    const failure = new TypeError("handler bug");
    const protocol = new StreamReaderProtocol(new StreamReader(), () => {
      throw failure;
    });
    const transport = new FakeTransport(loop, protocol).connect();
    await protocol.getCloseWaiter(null);
    assert.equal(transport.isClosing(), true);
    assert.equal(messages.length, 1);
    assert.equal(messages[0].message, "Unhandled exception in client_connected_cb");
    assert.equal(messages[0].exception, failure);
    assert.equal(messages[0].transport, transport);
  });
});
