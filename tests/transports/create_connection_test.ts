// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { AF_INET, getRunningLoop, run, SOCK_DGRAM, Socket, socketpair } from "../../mod.ts";
import {
  decode,
  echoOnce,
  echoProtocol,
  encode,
  freePort,
  portOf,
  Recorder,
  within,
} from "./_helpers.ts";

Deno.test("createConnection(): a refused connection rejects with Deno.errors.ConnectionRefused", async () => {
  await run(async () => {
    let made = 0;
    await assert.rejects(
      getRunningLoop().createConnection(
        () => {
          made++;
          return {};
        },
        "127.0.0.1",
        freePort(),
      ),
      Deno.errors.ConnectionRefused,
    );
    assert.equal(made, 0);
  });
});

Deno.test("createConnection(): bad arguments fail with clear errors", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await assert.rejects(loop.createConnection(() => ({}), "127.0.0.1", 70000), {
      name: "RangeError",
      message: /port.*70000/,
    });
    await assert.rejects(loop.createConnection(() => ({}), "127.0.0.1", -1), RangeError);
    await assert.rejects(loop.createConnection(() => ({})), {
      name: "TypeError",
      message: /host and port was not specified/,
    });
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", 1, { serverHostname: "x" }),
      { name: "TypeError", message: /serverHostname is only meaningful with ssl/ },
    );
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", 1, { family: 10 }),
      Deno.errors.AddrNotAvailable,
    );
    await assert.rejects(
      loop.createConnection(() => ({}), null, null, { sock: {} as never }),
      { name: "TypeError", message: /sock must be a stream Socket of this library/ },
    );
    {
      // a datagram Socket: said plainly, as Python's "A Stream Socket was expected"
      using udp = new Socket(AF_INET, SOCK_DGRAM);
      await assert.rejects(
        loop.createConnection(() => ({}), null, null, { sock: udp }),
        {
          name: "TypeError",
          message: /a stream Socket was expected, got <Socket fd=\d+, family=2, type=2>/,
        },
      );
    }
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", 1, { ssl: "yes" as never }),
      TypeError,
    );
  });
});

Deno.test("createConnection(): family and happyEyeballsDelay with an IP literal", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(echoProtocol, "127.0.0.1", 0);
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", portOf(server), {
      family: 2,
      happyEyeballsDelay: 0.25,
    });
    transport.write(encode("he"));
    await within(client.received(2));
    assert.equal(decode(client.data), "he");
    transport.close();
    await within(client.lost);
    // a name is resolved through loop.getaddrinfo() for the family
    const named = new Recorder();
    const [byName] = await loop.createConnection(() => named, "localhost", portOf(server), {
      family: 2,
    });
    assert.deepEqual(byName.getExtraInfo("peername"), ["127.0.0.1", portOf(server)]);
    byName.close();
    await within(named.lost);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("createConnection(): Happy Eyeballs over a name's addresses reaches the one that accepts", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    // Only ::1 accepts; "localhost" resolves to 127.0.0.1 first (refused), then ::1.
    const server = await loop.createServer(echoProtocol, "::1", 0);
    const addresses = (await loop.getaddrinfo("localhost", portOf(server), { type: 1 }))
      .map((info) => info[4][0]);
    assert.deepEqual(addresses.toSorted(), ["127.0.0.1", "::1"]);
    for (const options of [{ happyEyeballsDelay: 0.25 }, { interleave: 1 }, { interleave: 2 }]) {
      const client = new Recorder();
      const [transport] = await loop.createConnection(
        () => client,
        "localhost",
        portOf(server),
        options,
      );
      assert.deepEqual((transport.getExtraInfo("peername") as unknown[]).slice(0, 2), [
        "::1",
        portOf(server),
      ]);
      transport.close();
      await within(client.lost);
    }
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("createConnection(): when every address fails, one error for alike failures", async () => {
  await run(async () => {
    const port = freePort();
    await assert.rejects(
      getRunningLoop().createConnection(() => ({}), "localhost", port, {
        happyEyeballsDelay: 0.1,
      }),
      Deno.errors.ConnectionRefused, // both addresses refuse alike: the first error, not an AggregateError
    );
  });
});

Deno.test("createConnection(): a protocol factory that throws rejects, and closes the connection", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const lost = loop.createFuture<void>();
    const server = await loop.createServer(
      () => ({ connectionLost: () => lost.setResult() }),
      "127.0.0.1",
      0,
    );
    const boom = new Error("factory");
    await assert.rejects(
      loop.createConnection(
        () => {
          throw boom;
        },
        "127.0.0.1",
        portOf(server),
      ),
      (e) => e === boom,
    );
    await within(lost);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("Without --allow-net, Deno.errors.NotCapable passes through unchanged", async () => {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", new URL("./_child.ts", import.meta.url).pathname, "nonet", "9"],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, decode(out.stderr));
  assert.match(decode(out.stdout), /^NotCapable: Requires net access to "127\.0\.0\.1:9"/);
});

Deno.test("connectAcceptedSocket(): a non-Socket fails clearly; ssl needs a certificate", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const peerRecorder = new Recorder();
    await assert.rejects(loop.connectAcceptedSocket(() => ({}), {} as never), {
      name: "TypeError",
      message: /sock must be a stream Socket of this library/,
    });
    const [a, b] = await socketpair();
    // ssl: true is a client context: the server side of a connection needs cert and key. The
    // socket is closed at once (the peer sees EOF), not left open.
    await assert.rejects(loop.connectAcceptedSocket(() => ({}), a, { ssl: true }), {
      message: /connectAcceptedSocket\(\)/,
    });
    const [peer] = await loop.createConnection(() => peerRecorder, null, null, { sock: b });
    await within(peerRecorder.lost);
    peer.close();
  });
});

Deno.test("sock: createConnection({ sock }), connectAcceptedSocket() and createServer({ sock }) take a library Socket", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const [a, b] = await socketpair();
    const left = new Recorder();
    const right = new Recorder();
    const [ta] = await loop.createConnection(() => left, null, null, { sock: a });
    const [tb] = await loop.connectAcceptedSocket(() => right, b);
    ta.write(encode("to the right"));
    tb.write(encode("to the left"));
    await within(right.received(12));
    await within(left.received(11));
    assert.equal(decode(right.data), "to the right");
    assert.equal(decode(left.data), "to the left");
    ta.close();
    tb.close();
    await within(left.lost);
    await within(right.lost);

    const listening = new Socket();
    listening.bind(["127.0.0.1", 0]);
    listening.listen();
    const server = await loop.createServer(echoProtocol, null, null, { sock: listening });
    assert.equal(await echoOnce(portOf(server)), "ping");
    server.close();
    await within(server.waitClosed());
  });
});
