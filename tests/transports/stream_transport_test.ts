// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  type AbstractServer,
  type BufferedProtocol,
  type ExceptionContext,
  getRunningLoop,
  type Protocol,
  run,
  RuntimeError,
  sleep,
  type Transport,
} from "../../mod.ts";
import {
  decode,
  echoOnce,
  echoProtocol,
  encode,
  portOf,
  Recorder,
  unixChildReport,
  within,
} from "./_helpers.ts";

const MiB = 1024 * 1024;

/** A server whose protocol is `make()`; returns the server, its port and the protocols made. */
async function serve<P extends Protocol | BufferedProtocol>(make: () => P) {
  const made: P[] = [];
  const first = getRunningLoop().createFuture<P>();
  const server = await getRunningLoop().createServer(
    () => {
      const p = make();
      made.push(p);
      if (!first.done()) first.setResult(p);
      return p;
    },
    "127.0.0.1",
    0,
  );
  return { server, port: portOf(server), made, first };
}

async function shutdown(server: AbstractServer) {
  server.close();
  await within(server.waitClosed(), 5, "server.waitClosed()");
}

/** Counts bytes; pauses reading from the start when `paused`. */
class Sink extends Recorder {
  count = 0;
  override connectionMade(t: Parameters<Recorder["connectionMade"]>[0]) {
    super.connectionMade(t);
    if (this.startPaused) this.transport!.pauseReading();
  }
  override dataReceived(data: Uint8Array) {
    this.count += data.length;
    if (this.target > 0 && this.count >= this.target) this.reached.setResult(undefined);
  }
  startPaused = false;
  target = 0;
  reached = getRunningLoop().createFuture<void>();
}

Deno.test("TCP: a protocol echo round trip, then a clean close", async () => {
  await run(async () => {
    const { server, port } = await serve(echoProtocol);
    const loop = getRunningLoop();
    const client = new Recorder();
    const [transport, protocol] = await loop.createConnection(() => client, "127.0.0.1", port);
    assert.equal(protocol, client);
    assert.deepEqual(client.events, ["made"]);
    transport.write(encode("hello "));
    transport.writelines([encode("world")]);
    // any view of bytes, as Python takes any bytes-like object: here the "!" of a wider buffer
    const bytes = encode("ab!cd");
    transport.write(new DataView(bytes.buffer, 2, 1) as unknown as Uint8Array);
    await within(client.received(12));
    assert.equal(decode(client.data), "hello world!");
    transport.close();
    assert.equal(transport.isClosing(), true);
    assert.equal(await within(client.lost), null);
    assert.deepEqual(client.events.filter((e) => e !== "data"), ["made", "lost"]);
    await shutdown(server);
  });
});

Deno.test("Debug mode names the transport's read deliveries as handles in slow-callback warnings", async () => {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (msg: string) => warnings.push(String(msg));
  try {
    await run(async () => {
      getRunningLoop().slowCallbackDuration = 0;
      const { server, port } = await serve(echoProtocol);
      assert.equal(await echoOnce(port), "ping");
      await shutdown(server);
    }, { debug: true });
  } finally {
    console.warn = original;
  }
  for (const name of ["#deliver", "#startReadSoon"]) {
    const pattern = new RegExp(`^Executing <Handle ${name}> took \\d+\\.\\d{3} seconds`);
    assert.ok(warnings.some((w) => pattern.test(w)), `${name} in:\n${warnings.join("\n")}`);
  }
});

Deno.test("Unix: echo over a Unix socket; peername is the path; the file goes with the server", async () => {
  assert.deepEqual(await unixChildReport("unix", "echo.sock"), {
    echo: "over unix",
    sockname: "<path>",
    peername: "<path>",
    family: 1,
    events: ["made", "lost"],
    fileGone: true,
  });
});

Deno.test("Protocol call order: connectionMade, dataReceived, eofReceived, connectionLost(null)", async () => {
  await run(async () => {
    const { server, port, made, first } = await serve(() => new Recorder());
    const [transport] = await getRunningLoop().createConnection(
      () => new Recorder(),
      "127.0.0.1",
      port,
    );
    transport.write(encode("abc"));
    transport.writeEof();
    await within((await within(first)).lost, 5, "server connectionLost");
    const events = made[0].events;
    assert.equal(events[0], "made");
    assert.deepEqual(events.slice(-2), ["eof", "lost"]);
    assert.ok(events.slice(1, -2).every((e) => e === "data"));
    assert.equal(decode(made[0].data), "abc");
    assert.equal(await made[0].lost, null);
    transport.close();
    await shutdown(server);
  });
});

Deno.test("eofReceived() returning true keeps the transport open for writing (half-close)", async () => {
  await run(async () => {
    const { server, port, made } = await serve(() => {
      const r = new Recorder();
      r.keepOpenOnEof = true;
      r.eof.then(() => {
        r.transport!.write(encode("bye"));
        r.transport!.close();
      });
      return r;
    });
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    assert.equal(transport.canWriteEof(), true);
    transport.write(encode("done"));
    transport.writeEof();
    assert.throws(() => transport.write(encode("x")), RuntimeError);
    assert.equal(await within(client.lost), null);
    assert.equal(decode(client.data), "bye");
    assert.equal(client.events.at(-2), "eof");
    assert.equal(decode(made[0].data), "done");
    await shutdown(server);
  });
});

Deno.test("pauseReading() stops the read pump: the peer's writes stop completing until resumeReading()", async () => {
  await run(async () => {
    const total = 32 * MiB;
    const { server, port, first } = await serve(() => {
      const s = new Sink();
      s.startPaused = true;
      s.target = total;
      return s;
    });
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    transport.write(new Uint8Array(total));
    assert.deepEqual(client.events, ["made", "pause"]);
    const sink = await within(first);
    await within(sink.made);
    assert.equal(sink.transport!.isReading(), false);
    // time is the subject here: the client's buffer must stay stuck while the server is paused
    await sleep(0.05);
    const stuck = transport.getWriteBufferSize();
    await sleep(0.05);
    assert.ok(stuck > 0, "the kernel buffers cannot take 32 MiB");
    assert.equal(transport.getWriteBufferSize(), stuck);
    assert.equal(sink.count, 0);
    sink.transport!.resumeReading();
    assert.equal(sink.transport!.isReading(), true);
    await within(sink.reached);
    assert.equal(sink.count, total);
    assert.equal(transport.getWriteBufferSize(), 0);
    assert.deepEqual(client.events, ["made", "pause", "resume"]);
    transport.close();
    await within(client.lost);
    await shutdown(server);
  });
});

Deno.test("Write buffer limits: Python's defaults, setWriteBufferLimits() rules", async () => {
  await run(async () => {
    const { server, port } = await serve(echoProtocol);
    const [transport] = await getRunningLoop().createConnection(
      () => new Recorder(),
      "127.0.0.1",
      port,
    );
    assert.deepEqual(transport.getWriteBufferLimits(), [16384, 65536]);
    transport.setWriteBufferLimits(1000);
    assert.deepEqual(transport.getWriteBufferLimits(), [250, 1000]);
    transport.setWriteBufferLimits(undefined, 10);
    assert.deepEqual(transport.getWriteBufferLimits(), [10, 40]);
    transport.setWriteBufferLimits(0);
    assert.deepEqual(transport.getWriteBufferLimits(), [0, 0]);
    assert.throws(() => transport.setWriteBufferLimits(100, 200), RangeError);
    assert.throws(() => transport.setWriteBufferLimits(-1), RangeError);
    assert.throws(() => transport.write("text" as unknown as Uint8Array), TypeError);
    transport.close();
    await shutdown(server);
  });
});

Deno.test("close() flushes a large buffered write before closing", async () => {
  await run(async () => {
    const total = 8 * MiB;
    const { server, port, made, first } = await serve(() => new Sink());
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    const data = new Uint8Array(total);
    data[total - 1] = 7;
    transport.write(data);
    transport.close();
    assert.equal(await within(client.lost), null);
    await within((await within(first)).lost);
    assert.equal(made[0].count, total);
    assert.deepEqual(made[0].events.slice(-2), ["eof", "lost"]);
    await shutdown(server);
  });
});

Deno.test("abort() drops the buffer and calls connectionLost(null)", async () => {
  await run(async () => {
    const total = 32 * MiB;
    const { server, port, made, first } = await serve(() => {
      const s = new Sink();
      s.startPaused = true;
      return s;
    });
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    transport.write(new Uint8Array(total));
    await within((await within(first)).made);
    transport.abort();
    assert.equal(transport.getWriteBufferSize(), 0);
    assert.equal(await within(client.lost), null);
    made[0].transport!.resumeReading();
    await within(made[0].lost);
    assert.ok(made[0].count < total, `server got ${made[0].count} of ${total} bytes`);
    await shutdown(server);
  });
});

Deno.test("write() after close() is ignored, as in Python", async () => {
  await run(async () => {
    const { server, port, made, first } = await serve(() => new Sink());
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    transport.write(encode("before"));
    transport.close();
    transport.write(encode("after"));
    await within(client.lost);
    transport.write(encode("after lost"));
    await within((await within(first)).lost);
    assert.equal(made[0].count, "before".length);
    await shutdown(server);
  });
});

Deno.test("A peer reset mid-write ends in connectionLost(error)", async () => {
  await run(async () => {
    const { server, port, made, first } = await serve(() => {
      const s = new Sink();
      s.startPaused = true;
      return s;
    });
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    transport.write(new Uint8Array(32 * MiB));
    await within((await within(first)).made);
    // closing with unread data makes the kernel send a reset
    made[0].transport!.abort();
    const exc = await within(client.lost);
    assert.ok(exc instanceof Error, `expected an error, got ${exc}`);
    assert.ok(
      exc instanceof Deno.errors.ConnectionReset || exc instanceof Deno.errors.BrokenPipe,
      `got ${exc.name}: ${exc.message}`,
    );
    await shutdown(server);
  });
});

Deno.test("A protocol callback that throws goes to the exception handler and aborts the transport", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const contexts: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => contexts.push(ctx));
    const boom = new Error("boom");
    const { server, port } = await serve(echoProtocol);
    const client = new Recorder();
    client.dataReceived = () => {
      throw boom;
    };
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", port);
    transport.write(encode("x"));
    assert.equal(await within(client.lost), boom);
    assert.equal(contexts.length, 1);
    assert.equal(contexts[0].exception, boom);
    assert.equal(contexts[0].transport, transport);
    assert.equal(contexts[0].protocol, client);
    assert.match(contexts[0].message, /dataReceived/);
    await shutdown(server);
  });
});

Deno.test("An async protocol method that rejects goes to the exception handler, not an unhandled rejection", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const reported = loop.createFuture<ExceptionContext>();
    loop.setExceptionHandler((_l, ctx) => reported.setResult(ctx));
    const boom = new Error("boom");
    const { server, port } = await serve(echoProtocol);
    const client = new Recorder();
    client.dataReceived = async () => {
      await Promise.resolve();
      throw boom;
    };
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", port);
    transport.write(encode("x"));
    const ctx = await within(reported);
    assert.equal(ctx.message, "protocol.dataReceived() rejected");
    assert.equal(ctx.exception, boom);
    assert.equal(ctx.transport, transport);
    assert.equal(ctx.protocol, client);
    transport.close();
    await within(client.lost);
    await shutdown(server);
  });
});

Deno.test("BufferedProtocol: reads go straight into the buffer getBuffer() returns", async () => {
  await run(async () => {
    const sizes: number[] = [];
    const hints: number[] = [];
    const { server, port } = await serve((): BufferedProtocol => {
      const buf = new Uint8Array(100);
      let transport: Transport;
      return {
        connectionMade(t) {
          transport = t as Transport;
        },
        getBuffer(hint) {
          hints.push(hint);
          return buf;
        },
        bufferUpdated(n) {
          sizes.push(n);
          transport.write(buf.subarray(0, n));
        },
      };
    });
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    const payload = new Uint8Array(1000).map((_, i) => i % 251);
    transport.write(payload);
    await within(client.received(1000));
    assert.deepEqual(client.data, payload);
    assert.ok(sizes.every((n) => n > 0 && n <= 100));
    assert.equal(sizes.reduce((a, b) => a + b, 0), 1000);
    assert.ok(hints.every((h) => h === -1));
    transport.close();
    await within(client.lost);
    await shutdown(server);
  });
});

Deno.test("setProtocol() switches the protocol that receives data", async () => {
  await run(async () => {
    const { server, port } = await serve(echoProtocol);
    const first = new Recorder();
    const second = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => first, "127.0.0.1", port);
    transport.write(encode("one"));
    await within(first.received(3));
    transport.setProtocol(second);
    assert.equal(transport.getProtocol(), second);
    transport.write(encode("two"));
    await within(second.received(3));
    assert.equal(decode(second.data), "two");
    transport.close();
    await within(second.lost);
    assert.equal(first.lost.done(), false);
    await shutdown(server);
  });
});

Deno.test("getExtraInfo(): peername, sockname, socket, defaults", async () => {
  await run(async () => {
    const { server, port } = await serve(echoProtocol);
    const [transport] = await getRunningLoop().createConnection(
      () => new Recorder(),
      "127.0.0.1",
      port,
    );
    assert.deepEqual(transport.getExtraInfo("peername"), ["127.0.0.1", port]);
    const [host, localPort] = transport.getExtraInfo("sockname") as [string, number];
    assert.equal(host, "127.0.0.1");
    assert.ok(localPort > 0);
    const sock = transport.getExtraInfo("socket") as {
      getpeername(): unknown;
      family: number;
    };
    assert.deepEqual(sock.getpeername(), ["127.0.0.1", port]);
    assert.equal(sock.family, 2);
    assert.equal(transport.getExtraInfo("peercert"), null);
    assert.equal(transport.getExtraInfo("nope", "dflt"), "dflt");
    transport.close();
    await shutdown(server);
  });
});

Deno.test("BufferedProtocol: pauseReading() in bufferUpdated() holds reads until resumeReading()", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const total = 4 * MiB;
    const got: number[] = [];
    let received = 0;
    const done = loop.createFuture<void>();
    const { server, port } = await serve((): BufferedProtocol => {
      const buf = new Uint8Array(65536);
      let transport: Transport;
      return {
        connectionMade(t) {
          transport = t as Transport;
        },
        getBuffer: () => buf,
        bufferUpdated(n) {
          for (let i = 0; i < n; i++) got.push(buf[i]);
          received += n;
          if (received === total) done.setResult();
          // pause after each read, resume on a later iteration
          transport.pauseReading();
          assert.equal(transport.isReading(), false);
          loop.callSoon(() => transport.resumeReading());
        },
      };
    });
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", port);
    const payload = new Uint8Array(total).map((_, i) => i % 241);
    transport.write(payload);
    await within(done);
    assert.ok(got.every((v, i) => v === i % 241), "bytes arrive in order");
    transport.close();
    await within(client.lost);
    await shutdown(server);
  });
});

Deno.test("Each chunk belongs to the protocol: later reads never change a kept chunk, and scribbling on one changes no other", async () => {
  await run(async () => {
    const kept: Uint8Array[] = [];
    const copies: Uint8Array[] = [];
    let got = 0;
    let want = { bytes: 0, future: getRunningLoop().createFuture<void>() };
    const { server, port, first } = await serve((): Protocol => ({
      dataReceived(data) {
        kept.push(data);
        copies.push(data.slice());
        got += data.length;
        if (got >= want.bytes && !want.future.done()) want.future.setResult(undefined);
        // the protocol owns its chunk: scribbling on the even ones must not reach any other
        if (kept.length % 2 === 0) data.fill(0xee);
      },
    }));
    const client = new Recorder();
    const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
    await within(first);
    // small chunks (copied into shared storage) and big ones (the read buffer handed over),
    // each sent once the previous one arrived, so that each is one read
    const sizes = [100, 3000, 40_000, 7, 65_536, 1000, 20_000, 1, 500, 16_384, 16_385];
    let total = 0;
    for (let i = 0; i < sizes.length; i++) {
      transport.write(new Uint8Array(sizes[i]).fill(i + 1));
      total += sizes[i];
      want = { bytes: total, future: getRunningLoop().createFuture<void>() };
      if (got < total) await within(want.future);
    }
    const joined = new Uint8Array(total);
    let at = 0;
    for (const c of copies) {
      joined.set(c, at);
      at += c.length;
    }
    at = 0;
    for (let i = 0; i < sizes.length; i++) {
      assert.ok(joined.subarray(at, at + sizes[i]).every((b) => b === i + 1), `message ${i}`);
      at += sizes[i];
    }
    for (let k = 0; k < kept.length; k++) {
      const expected = k % 2 === 1 ? copies[k].fill(0xee) : copies[k];
      assert.deepEqual(kept[k], expected, `chunk ${k} changed after delivery`);
    }
    transport.close();
    await within(client.lost);
    await shutdown(server);
  });
});
