// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  createDefaultContext,
  getRunningLoop,
  type Protocol,
  run,
  RuntimeError,
  socketpair,
  type SSLContext,
  TimeoutError,
  type Transport,
} from "../../mod.ts";
import {
  decode,
  echoProtocol,
  encode,
  portOf,
  Recorder,
  unixChildReport,
  within,
} from "./_helpers.ts";

const data = (name: string) =>
  Deno.readTextFileSync(new URL(`../testdata/${name}`, import.meta.url));
const CA = data("ca_cert.pem");
const OTHER_CA = data("other_ca_cert.pem");
const SERVER: SSLContext = { cert: data("tls_cert.pem"), key: data("tls_key.pem") };

async function tlsEcho(ssl: SSLContext = SERVER, options = {}) {
  return await getRunningLoop().createServer(echoProtocol, "127.0.0.1", 0, { ssl, ...options });
}

Deno.test("TLS: echo over TLS, verified against caCerts; TLS extra info", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await tlsEcho();
    const ctx = createDefaultContext({ caCerts: [CA] });
    for (const host of ["localhost", "127.0.0.1"]) {
      const client = new Recorder();
      const [transport] = await loop.createConnection(() => client, host, portOf(server), {
        ssl: ctx,
      });
      transport.write(encode(`secret via ${host}`));
      await within(client.received(11 + host.length));
      assert.equal(decode(client.data), `secret via ${host}`);
      assert.equal(transport.getExtraInfo("sslcontext"), ctx);
      assert.equal(transport.getExtraInfo("peercert"), null);
      const sslObject = transport.getExtraInfo("ssl_object") as {
        serverSide: boolean;
        selectedAlpnProtocol(): string | null;
      };
      assert.equal(sslObject.serverSide, false);
      assert.equal(sslObject.selectedAlpnProtocol(), null);
      assert.deepEqual(transport.getExtraInfo("peername"), ["127.0.0.1", portOf(server)]);
      transport.close();
      assert.equal(await within(client.lost), null);
    }
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("TLS: ALPN is negotiated; serverHostname verifies another name than the host", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await tlsEcho({ ...SERVER, alpnProtocols: ["h2", "http/1.1"] });
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", portOf(server), {
      ssl: { caCerts: [CA], alpnProtocols: ["http/1.1"] },
      serverHostname: "localhost",
    });
    const sslObject = transport.getExtraInfo("ssl_object") as {
      selectedAlpnProtocol(): string | null;
      serverHostname: string;
    };
    assert.equal(sslObject.selectedAlpnProtocol(), "http/1.1");
    assert.equal(sslObject.serverHostname, "localhost");
    transport.write(encode("alpn"));
    await within(client.received(4));
    transport.close();
    await within(client.lost);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("TLS: an unknown CA or a wrong name fails the handshake with a clear error", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await tlsEcho();
    await assert.rejects(
      loop.createConnection(() => ({}), "localhost", portOf(server), {
        ssl: { caCerts: [OTHER_CA] },
      }),
      (e) => e instanceof Deno.errors.InvalidData && /UnknownIssuer/.test(e.message),
    );
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", portOf(server), {
        ssl: { caCerts: [CA] },
        serverHostname: "example.com",
      }),
      (e) => e instanceof Deno.errors.InvalidData && /not valid for name/.test(e.message),
    );
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("TLS: a handshake the server never answers times out after sslHandshakeTimeout", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    // a plain TCP server that reads and never answers
    const silent = await loop.createServer(() => ({}), "127.0.0.1", 0);
    const t0 = loop.time();
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", portOf(silent), {
        ssl: { caCerts: [CA] },
        sslHandshakeTimeout: 0.2,
      }),
      (e) => e instanceof TimeoutError && /longer than 0.2 seconds/.test(e.message),
    );
    assert.ok(loop.time() - t0 >= 0.19);
    // Deno keeps the TCP socket of a TLS connection closed mid-handshake until the peer
    // closes it (the TLS resource itself is closed): the silent server hangs up here
    silent.abortClients();
    silent.close();
    await within(silent.waitClosed());
  });
});

Deno.test("TLS server: a client that never starts the handshake is dropped after sslHandshakeTimeout", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    let made = 0;
    const server = await loop.createServer(
      () => {
        made++;
        return {};
      },
      "127.0.0.1",
      0,
      { ssl: SERVER, sslHandshakeTimeout: 0.1 },
    );
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", portOf(server));
    server.close();
    // waitClosed() counts connections in their handshake: it resolves once the timeout dropped it
    const t0 = loop.time();
    await within(server.waitClosed());
    assert.ok(loop.time() - t0 >= 0.09);
    assert.equal(made, 0);
    transport.close();
    await within(client.lost);
  });
});

Deno.test("TLS: writeEof() half-closes a TLS connection", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(
      () => {
        const r = new Recorder();
        r.keepOpenOnEof = true;
        r.eof.then(() => {
          r.transport!.write(r.data);
          r.transport!.close();
        });
        return r;
      },
      "127.0.0.1",
      0,
      { ssl: SERVER },
    );
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "localhost", portOf(server), {
      ssl: { caCerts: [CA] },
    });
    assert.equal(transport.canWriteEof(), true);
    transport.write(encode("half"));
    transport.writeEof();
    assert.equal(await within(client.lost), null);
    assert.equal(decode(client.data), "half");
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("startTls(): a plain connection is upgraded on both sides (STARTTLS)", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const serverDone = loop.createFuture<string>();
    const server = await loop.createServer(
      (): Protocol => {
        let transport: Transport;
        const p: Protocol = {
          connectionMade(t) {
            transport = t as Transport;
          },
          dataReceived(d) {
            if (decode(d) !== "STARTTLS") return;
            transport.write(encode("GO"));
            const secure: Protocol = {
              dataReceived(d2) {
                tls.write(d2);
              },
              connectionLost(exc) {
                serverDone.setResult(exc === null ? "clean" : String(exc));
              },
            };
            let tls: Transport;
            loop.startTls(transport, secure, SERVER, { serverSide: true }).then((t) => tls = t);
          },
        };
        return p;
      },
      "127.0.0.1",
      0,
    );
    const plain = new Recorder();
    const [transport] = await loop.createConnection(() => plain, "127.0.0.1", portOf(server));
    transport.write(encode("STARTTLS"));
    await within(plain.received(2));
    assert.equal(decode(plain.data), "GO");
    const secure = new Recorder();
    const tls = await within(
      loop.startTls(transport, secure, { caCerts: [CA] }, { serverHostname: "localhost" }),
      10,
    );
    assert.deepEqual(secure.events, []); // connectionMade is not called again, as in Python
    tls.write(encode("now encrypted"));
    await within(secure.received(13));
    assert.equal(decode(secure.data), "now encrypted");
    assert.ok(Array.isArray(tls.getExtraInfo("cipher")));
    tls.close();
    assert.equal(await within(secure.lost), null);
    assert.equal(await within(serverDone), "clean");
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("startTls(): a certificate for another name fails; the old transport is closed", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await tlsEcho();
    const plain = new Recorder();
    const [transport] = await loop.createConnection(() => plain, "127.0.0.1", portOf(server));
    await assert.rejects(
      loop.startTls(transport, {}, { caCerts: [CA] }, { serverHostname: "example.com" }),
      /example\.com/,
    );
    assert.equal(transport.isClosing(), true);
    await assert.rejects(loop.startTls(transport, {}, SERVER, { serverSide: true }), RuntimeError);
    await assert.rejects(loop.startTls({} as never, {}, true), TypeError);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("TLS options: clear errors for what Deno cannot do", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await assert.rejects(
      loop.createUnixServer(() => ({}), "/nonexistent.sock", { ssl: true }),
      { name: "TypeError", message: /cert and key/ },
    );
    await assert.rejects(loop.createServer(() => ({}), "127.0.0.1", 0, { ssl: { cert: "x" } }), {
      name: "TypeError",
      message: /cert and key/,
    });
    assert.throws(() => createDefaultContext({ cert: "only" }), TypeError);
  });
});

Deno.test("connectAcceptedSocket({ ssl }) serves TLS on an accepted socket", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [a, b] = await socketpair();
    const client = new Recorder();
    const server = new Recorder();
    const [[tc], [ts]] = await Promise.all([
      loop.createConnection(() => client, null, null, {
        sock: a,
        ssl: createDefaultContext({ caCerts: [CA] }),
        serverHostname: "localhost",
      }),
      loop.connectAcceptedSocket(() => server, b, { ssl: SERVER }),
    ]);
    assert.equal((ts.getExtraInfo("ssl_object") as { serverSide: boolean }).serverSide, true);
    assert.equal(ts.getExtraInfo("sslcontext"), SERVER);
    tc.write(encode("hello over TLS"));
    await within(server.received(14));
    assert.equal(decode(server.data), "hello over TLS");
    ts.write(encode("and back"));
    await within(client.received(8));
    assert.equal(decode(client.data), "and back");
    tc.close();
    await within(server.lost);
    ts.close();
    await within(client.lost);
  });
});

Deno.test("connectAcceptedSocket({ ssl }): a failed handshake rejects and closes the socket", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [a, b] = await socketpair();
    const server = new Recorder();
    const [clientResult, serverResult] = await Promise.allSettled([
      loop.createConnection(() => new Recorder(), null, null, {
        sock: a,
        ssl: createDefaultContext({ caCerts: [OTHER_CA] }), // does not trust the server
        serverHostname: "localhost",
      }),
      loop.connectAcceptedSocket(() => server, b, { ssl: SERVER }),
    ]);
    assert.equal(clientResult.status, "rejected");
    assert.equal(serverResult.status, "rejected");
    assert.ok(!server.made.done(), "the protocol never saw the connection");
  });
});

Deno.test("TLS over a Unix socket: createUnixServer({ ssl }), createUnixConnection({ ssl }), connectAcceptedSocket({ ssl })", async () => {
  assert.deepEqual(await unixChildReport("unixtls", "tls.sock"), {
    echo: "tls over unix",
    peername: "<path>",
    serverSide: true,
    untrustedRejected: true,
    fileGone: true,
  });
});
