// Copyright 2026 the @denoio/asyncio authors. MIT license.
// openConnection() / startServer() over real loopback TCP.
import assert from "node:assert/strict";
import {
  type AbstractServer,
  type ExceptionContext,
  getRunningLoop,
  openConnection,
  run,
  sleep,
  startServer,
  type StreamReader,
  type StreamWriter,
} from "../../mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function portOf(server: AbstractServer): number {
  return (server.sockets[0].getsockname() as [string, number])[1];
}

async function echoLine(reader: StreamReader, writer: StreamWriter): Promise<void> {
  const data = await reader.readline();
  writer.write(data);
  await writer.drain();
  writer.close();
  await writer.waitClosed();
}

async function client(port: number, message: string): Promise<string> {
  const [reader, writer] = await openConnection("127.0.0.1", port);
  writer.write(enc(message));
  const back = await reader.readline();
  writer.close();
  await writer.waitClosed();
  return dec(back);
}

Deno.test("startServer() + openConnection(): a line echoes back (async handler)", async () => {
  const messages: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_l, ctx) => messages.push(ctx));
    await using server = await startServer(echoLine, "127.0.0.1", 0);
    assert.equal(await client(portOf(server), "hello world!\n"), "hello world!\n");
  });
  assert.deepEqual(messages, []);
});

Deno.test("startServer(): a sync handler may start its own task", async () => {
  const messages: ExceptionContext[] = [];
  await run(async () => {
    const loop = getRunningLoop();
    loop.setExceptionHandler((_l, ctx) => messages.push(ctx));
    await using server = await startServer(
      (reader, writer) => {
        loop.createTask(() => echoLine(reader, writer));
      },
      "127.0.0.1",
      0,
    );
    assert.equal(await client(portOf(server), "sync cb\n"), "sync cb\n");
  });
  assert.deepEqual(messages, []);
});

Deno.test("openConnection(): the peer's data then EOF; closing our side feeds EOF to our reader", async () => {
  await run(async () => {
    await using server = await startServer(
      async (_reader, writer) => {
        writer.write(enc("HTTP/1.0 200 OK\r\n\r\nTest message"));
        await writer.drain();
        writer.close();
        await writer.waitClosed();
      },
      "127.0.0.1",
      0,
    );
    const [reader, writer] = await openConnection("127.0.0.1", portOf(server));
    assert.equal(dec(await reader.readline()), "HTTP/1.0 200 OK\r\n");
    assert.equal(dec(await reader.read()), "\r\nTest message");
    assert.equal(reader.atEof(), true);
    assert.equal(writer.isClosing(), false);
    writer.close();
    assert.equal(writer.isClosing(), true);
    await writer.waitClosed();
    assert.equal((await reader.read()).length, 0);
  });
});

Deno.test("openConnection(): write + drain after close rejects with ConnectionReset", async () => {
  await run(async () => {
    await using server = await startServer(
      async (reader, writer) => {
        await reader.read();
        writer.close();
      },
      "127.0.0.1",
      0,
    );
    const [, writer] = await openConnection("127.0.0.1", portOf(server));
    writer.close();
    let tries = 0;
    await assert.rejects(async () => {
      for (; tries < 100; tries++) {
        writer.write(enc("data"));
        await writer.drain();
      }
    }, Deno.errors.ConnectionReset);
    assert.ok(tries < 3, `drain() kept succeeding after close() (${tries} tries)`);
    await writer.waitClosed();
  });
});

Deno.test("openConnection(): a write/drain loop to a peer that hung up ends with a connection error", async () => {
  await run(async () => {
    await using server = await startServer(
      (_reader, writer) => {
        writer.transport.abort();
      },
      "127.0.0.1",
      0,
    );
    const [, writer] = await openConnection("127.0.0.1", portOf(server));
    const chunk = new Uint8Array(4096);
    await assert.rejects(
      async () => {
        for (let i = 0; i < 100_000; i++) {
          writer.write(chunk);
          await writer.drain();
        }
      },
      (e) =>
        e instanceof Deno.errors.ConnectionReset || e instanceof Deno.errors.BrokenPipe ||
        e instanceof Deno.errors.ConnectionAborted,
    );
    writer.close();
    await writer.waitClosed().catch(() => {});
  });
});

Deno.test("drain() holds a fast writer back until the slow reader catches up", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const go = loop.createFuture<void>();
    const received = loop.createFuture<number>();
    await using server = await startServer(
      async (reader, writer) => {
        await go; // do not read until the client has felt back-pressure
        let total = 0;
        for (let b; (b = await reader.read(65536)).length > 0;) total += b.length;
        received.setResult(total);
        writer.close();
      },
      "127.0.0.1",
      0,
    );
    const [, writer] = await openConnection("127.0.0.1", portOf(server));
    const chunk = new Uint8Array(65536);
    const [, high] = writer.transport.getWriteBufferLimits();
    let sent = 0;
    let sawPause = false;
    while (!sawPause && sent < 256 * 1024 * 1024) {
      writer.write(chunk);
      sent += chunk.length;
      const drained = loop.createTask(() => writer.drain());
      for (let i = 0; i < 5; i++) await sleep(0);
      if (!drained.done()) {
        // drain() waits: the transport paused writing, its buffer is above the high-water mark.
        sawPause = true;
        assert.ok(writer.transport.getWriteBufferSize() > high / 4);
        go.setResult(undefined);
      }
      await drained;
    }
    assert.ok(sawPause, "the transport never paused writing");
    writer.writeEof();
    assert.equal(await received, sent);
    writer.close();
    await writer.waitClosed();
  });
});

Deno.test("openConnection({ limit }) applies the limit to the reader", async () => {
  await run(async () => {
    await using server = await startServer(
      async (_reader, writer) => {
        writer.write(enc("a very long line\nshort\n"));
        await writer.drain();
        writer.close();
      },
      "127.0.0.1",
      0,
    );
    const [reader, writer] = await openConnection("127.0.0.1", portOf(server), { limit: 8 });
    await reader.readexactly(1); // wait until data is there
    await assert.rejects(reader.readline(), /chunk is longer than limit|exceed the limit/);
    assert.equal(dec(await reader.readline()), "short\n");
    writer.close();
    await writer.waitClosed();
  });
});

Deno.test("startServer(): a failing handler is reported and its connection closed", async () => {
  const messages: ExceptionContext[] = [];
  await run(async () => {
    const loop = getRunningLoop();
    loop.setExceptionHandler((_l, ctx) => messages.push(ctx));
    const failure = new Error("handler failed");
    const server = await startServer(
      () => {
        throw failure;
      },
      "127.0.0.1",
      0,
    );
    try {
      const [reader, writer] = await openConnection("127.0.0.1", portOf(server));
      assert.equal((await reader.read()).length, 0); // the server closed the connection
      writer.close();
      await writer.waitClosed();
    } finally {
      server.close();
      await server.waitClosed();
    }
    assert.equal(messages.length, 1);
    assert.equal(messages[0].message, "Unhandled exception in client_connected_cb");
    assert.equal(messages[0].exception, failure);
  });
});

Deno.test("openConnection() to a closed port rejects with ConnectionRefused", async () => {
  await run(async () => {
    const server = await startServer(() => {}, "127.0.0.1", 0);
    const port = portOf(server);
    server.close();
    await server.waitClosed();
    await assert.rejects(openConnection("127.0.0.1", port), Deno.errors.ConnectionRefused);
  });
});

Deno.test("startServer() and openConnection() reject a bad limit before touching the network", async () => {
  await run(async () => {
    await assert.rejects(startServer(() => {}, "127.0.0.1", 0, { limit: 0 }), RangeError);
    await assert.rejects(openConnection("127.0.0.1", 1, { limit: -5 }), RangeError);
    // deno-lint-ignore no-explicit-any
    await assert.rejects(startServer(null as any, "127.0.0.1", 0), TypeError);
  });
});

Deno.test("StreamWriter over TCP: await using closes the connection", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const got = loop.createFuture<string>();
    await using server = await startServer(
      async (reader, writer) => {
        got.setResult(dec(await reader.read()));
        writer.close(); // else the half-closed connection keeps server.waitClosed() waiting
      },
      "127.0.0.1",
      0,
    );
    {
      const [, writer] = await openConnection("127.0.0.1", portOf(server));
      await using w = writer;
      w.write(enc("all of it"));
    }
    assert.equal(await got, "all of it");
  });
});

/** The test certificate, its key and the CA that signed it (`tests/testdata`). */
async function tlsFiles(): Promise<{ cert: string; key: string; ca: string }> {
  const testdata = new URL("../testdata/", import.meta.url);
  const read = (name: string) => Deno.readTextFile(new URL(name, testdata));
  return {
    cert: await read("tls_cert.pem"),
    key: await read("tls_key.pem"),
    ca: await read("ca_cert.pem"),
  };
}

Deno.test("Streams over TLS half-close: the server answers after the client's writeEof()", async () => {
  const { cert, key, ca } = await tlsFiles();
  const messages: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_l, ctx) => messages.push(ctx));
    await using server = await startServer(
      async (reader, writer) => {
        const all = await reader.read(); // until the client's EOF
        writer.write(enc(`got ${all.length} bytes`));
        await writer.drain();
        writer.close();
        await writer.waitClosed();
      },
      "127.0.0.1",
      0,
      { ssl: { cert, key } },
    );
    const [reader, writer] = await openConnection("127.0.0.1", portOf(server), {
      ssl: { caCerts: [ca] },
      serverHostname: "localhost",
    });
    assert.equal(writer.canWriteEof(), true);
    writer.write(enc("hello"));
    writer.writeEof();
    assert.equal(dec(await reader.read()), "got 5 bytes");
    writer.close();
    await writer.waitClosed();
  });
  assert.deepEqual(messages, []);
});

Deno.test("StreamWriter.startTls() upgrades both sides of a streams connection", async () => {
  const { cert, key, ca } = await tlsFiles();
  const messages: ExceptionContext[] = [];
  await run(async () => {
    getRunningLoop().setExceptionHandler((_l, ctx) => messages.push(ctx));
    await using server = await startServer(
      async (reader, writer) => {
        writer.write(await reader.readline());
        await writer.drain();
        assert.equal(writer.getExtraInfo("sslcontext") ?? null, null);
        await writer.startTls({ cert, key }, { sslHandshakeTimeout: 5 });
        assert.notEqual(writer.getExtraInfo("sslcontext") ?? null, null);
        writer.write(await reader.readline());
        await writer.drain();
        writer.close();
        await writer.waitClosed();
      },
      "127.0.0.1",
      0,
    );
    const [reader, writer] = await openConnection("127.0.0.1", portOf(server));
    writer.write(enc("hello world 1!\n"));
    await writer.drain();
    assert.equal(dec(await reader.readline()), "hello world 1!\n");
    await writer.startTls({ caCerts: [ca] }, {
      serverHostname: "localhost",
      sslHandshakeTimeout: 5,
    });
    assert.notEqual(writer.getExtraInfo("sslcontext") ?? null, null);
    writer.write(enc("hello world 2!\n"));
    await writer.drain();
    assert.equal(dec(await reader.readline()), "hello world 2!\n");
    writer.close();
    await writer.waitClosed();
  });
  assert.deepEqual(messages, []);
});
