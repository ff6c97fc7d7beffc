// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  type ExceptionContext,
  getRunningLoop,
  type Protocol,
  type ReadTransport,
  run,
  sleep,
} from "../../mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A protocol that records its events and resolves `lost` on connectionLost. */
function recorder() {
  const events: string[] = [];
  const data: Uint8Array[] = [];
  const loop = getRunningLoop();
  const lost = loop.createFuture<Error | null>();
  let transport: ReadTransport | null = null;
  const protocol: Protocol & { onData?: (d: Uint8Array) => void } = {
    connectionMade(t) {
      transport = t as ReadTransport;
      events.push("made");
    },
    dataReceived(d) {
      events.push("data");
      data.push(d);
      protocol.onData?.(d);
    },
    eofReceived() {
      events.push("eof");
    },
    connectionLost(exc) {
      events.push("lost");
      lost.setResult(exc);
    },
  };
  return { events, data, lost, protocol, transport: () => transport! };
}

Deno.test("connectReadPipe() delivers connectionMade, every chunk in order, eofReceived, connectionLost(null)", () =>
  run(async () => {
    const r = recorder();
    const stream = ReadableStream.from([enc("a"), enc("bc"), enc("def")]);
    const [transport, protocol] = await getRunningLoop().connectReadPipe(() => r.protocol, stream);
    assert.equal(protocol, r.protocol);
    assert.equal(r.transport(), transport);
    assert.equal(transport.getExtraInfo("pipe"), stream);
    assert.equal(transport.getExtraInfo("nope", 7), 7);
    assert.equal(await r.lost, null);
    assert.deepEqual(r.data.map(dec), ["a", "bc", "def"]);
    assert.deepEqual(r.events, ["made", "data", "data", "data", "eof", "lost"]);
    assert.equal(transport.isClosing(), true);
    assert.equal(transport.isReading(), false);
  }));

Deno.test("connectReadPipe() accepts anything with a .readable stream", () =>
  run(async () => {
    const r = recorder();
    const pipe = { readable: ReadableStream.from([enc("x")]) };
    const [transport] = await getRunningLoop().connectReadPipe(() => r.protocol, pipe);
    assert.equal(transport.getExtraInfo("pipe"), pipe);
    await r.lost;
    assert.deepEqual(r.data.map(dec), ["x"]);
  }));

Deno.test("connectReadPipe() rejects a non-stream and a locked stream with a TypeError", () =>
  run(async () => {
    const loop = getRunningLoop();
    await assert.rejects(
      // deno-lint-ignore no-explicit-any
      loop.connectReadPipe(() => ({}), 42 as any),
      (e) => e instanceof TypeError && /ReadableStream.*got number 42/.test(e.message),
    );
    const stream = ReadableStream.from([enc("x")]);
    const reader = stream.getReader();
    await assert.rejects(
      loop.connectReadPipe(() => ({}), stream),
      (e) => e instanceof TypeError && /locked/.test(e.message),
    );
    reader.releaseLock();
    await stream.cancel();
  }));

Deno.test("pauseReading() stops pulling from the stream; resumeReading() delivers everything in order", () =>
  run(async () => {
    const r = recorder();
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        if (pulls > 20) controller.close();
        else controller.enqueue(enc(String(pulls % 10)));
      },
    }, { highWaterMark: 0 });
    r.protocol.onData = () => {
      if (r.data.length === 3) r.transport().pauseReading();
    };
    const [transport] = await getRunningLoop().connectReadPipe(() => r.protocol, stream);
    while (r.data.length < 3) await sleep(0);
    assert.equal(transport.isReading(), false);
    const pullsAtPause = pulls;
    for (let i = 0; i < 20; i++) await sleep(0); // many loop iterations: nothing may be pulled
    assert.equal(pulls, pullsAtPause);
    assert.equal(r.data.length, 3);
    assert.ok(pulls <= 3 + 2, `read ahead at most 2 chunks, pulled ${pulls}`);
    transport.pauseReading(); // idempotent
    transport.resumeReading();
    assert.equal(transport.isReading(), true);
    assert.equal(await r.lost, null);
    assert.equal(r.data.map(dec).join(""), "12345678901234567890");
    assert.deepEqual(r.events.slice(-2), ["eof", "lost"]);
  }));

Deno.test("close() cancels the stream and calls connectionLost(null) once, without eofReceived", () =>
  run(async () => {
    const r = recorder();
    const cancelled = Promise.withResolvers<unknown>();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(enc("first"));
      },
      cancel(reason) {
        cancelled.resolve(reason);
      },
    });
    r.protocol.onData = () => r.transport().close();
    const [transport] = await getRunningLoop().connectReadPipe(() => r.protocol, stream);
    assert.equal(await r.lost, null);
    await cancelled.promise;
    transport.close(); // idempotent
    await sleep(0);
    assert.deepEqual(r.events, ["made", "data", "lost"]);
  }));

Deno.test("a stream error is reported and ends the transport with connectionLost(error)", () =>
  run(async () => {
    const loop = getRunningLoop();
    const reported: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => reported.push(ctx));
    const r = recorder();
    const boom = new Error("boom");
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(boom);
      },
    });
    await loop.connectReadPipe(() => r.protocol, stream);
    assert.equal(await r.lost, boom);
    assert.equal(reported.length, 1);
    assert.equal(reported[0].exception, boom);
    assert.match(reported[0].message, /Fatal read error on pipe transport/);
    assert.deepEqual(r.events, ["made", "lost"]);
  }));

Deno.test("an exception in dataReceived goes to the exception handler and reading continues", () =>
  run(async () => {
    const loop = getRunningLoop();
    const reported: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => reported.push(ctx));
    const r = recorder();
    r.protocol.onData = (d) => {
      if (dec(d) === "b") throw new Error("bad chunk");
    };
    await loop.connectReadPipe(
      () => r.protocol,
      ReadableStream.from([enc("a"), enc("b"), enc("c")]),
    );
    await r.lost;
    assert.deepEqual(r.data.map(dec), ["a", "b", "c"]);
    assert.equal(reported.length, 1);
    assert.match(String(reported[0].exception), /bad chunk/);
  }));
