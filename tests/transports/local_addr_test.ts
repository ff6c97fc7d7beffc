// Copyright 2026 the @denoio/asyncio authors. MIT license.
// createConnection({ localAddr }): the connection is bound before it connects (through node:net,
// as Deno.connect() cannot bind), over TCP and TLS, and through openConnection().
import assert from "node:assert/strict";
import {
  createDefaultContext,
  getRunningLoop,
  openConnection,
  run,
  type Transport,
} from "../../mod.ts";
import { decode, echoProtocol, encode, freePort, portOf, Recorder, within } from "./_helpers.ts";

const data = (name: string) =>
  Deno.readTextFileSync(new URL(`../testdata/${name}`, import.meta.url));

/** An echo server that records the peer address of each connection it accepts. */
async function echoServerSeeingPeers(options = {}) {
  const loop = getRunningLoop();
  const peers: unknown[] = [];
  const server = await loop.createServer(
    () => {
      const echo = echoProtocol();
      return {
        ...echo,
        connectionMade(t: Transport) {
          peers.push(t.getExtraInfo("peername"));
          echo.connectionMade?.(t);
        },
      };
    },
    "127.0.0.1",
    0,
    options,
  );
  return { server, peers };
}

Deno.test("localAddr: the connection is bound to the local address before connecting", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, peers } = await echoServerSeeingPeers();
    const fixed = freePort();
    for (const port of [0, fixed]) {
      const client = new Recorder();
      const [transport] = await loop.createConnection(
        () => client,
        "127.0.0.1",
        portOf(server),
        { localAddr: ["127.0.0.1", port] },
      );
      const sockname = transport.getExtraInfo("sockname") as [string, number];
      assert.equal(sockname[0], "127.0.0.1");
      if (port !== 0) assert.equal(sockname[1], fixed);
      assert.deepEqual(transport.getExtraInfo("peername"), ["127.0.0.1", portOf(server)]);
      transport.write(encode("bound"));
      await within(client.received(5));
      assert.equal(decode(client.data), "bound");
      assert.deepEqual(peers.at(-1), sockname);
      transport.close();
      assert.equal(await within(client.lost), null);
    }
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("localAddr: openConnection() passes it on", async () => {
  await run(async () => {
    const { server, peers } = await echoServerSeeingPeers();
    const [reader, writer] = await openConnection("127.0.0.1", portOf(server), {
      localAddr: ["127.0.0.1", 0],
    });
    writer.write(encode("line\n"));
    assert.equal(decode(await reader.readline()), "line\n");
    assert.deepEqual(peers, [writer.getExtraInfo("sockname")]);
    writer.close();
    await writer.waitClosed();
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("localAddr: TLS runs over the bound connection", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const { server, peers } = await echoServerSeeingPeers({
      ssl: { cert: data("tls_cert.pem"), key: data("tls_key.pem") },
    });
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "localhost", portOf(server), {
      ssl: createDefaultContext({ caCerts: [data("ca_cert.pem")] }),
      localAddr: ["127.0.0.1", 0],
    });
    transport.write(encode("secret"));
    await within(client.received(6));
    assert.equal(decode(client.data), "secret");
    assert.deepEqual(peers, [transport.getExtraInfo("sockname")]);
    assert.equal(
      (transport.getExtraInfo("ssl_object") as { serverSide: boolean }).serverSide,
      false,
    );
    transport.close();
    assert.equal(await within(client.lost), null);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("localAddr: faults are Deno.errors, and bad input fails clearly", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    // nobody listens
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", freePort(), {
        localAddr: ["127.0.0.1", 0],
      }),
      Deno.errors.ConnectionRefused,
    );
    // the local port is taken
    using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const taken = (listener.addr as Deno.NetAddr).port;
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", taken, { localAddr: ["127.0.0.1", taken] }),
      Deno.errors.AddrInUse,
    );
    // no local address of the remote address's family
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", taken, { localAddr: ["::1", 0] }),
      { name: "AddrNotAvailable", message: /no local address of family 2 in \["::1",0\]/ },
    );
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", taken, { localAddr: "127.0.0.1" as never }),
      { name: "TypeError", message: /localAddr: expected a \[host, port\] array/ },
    );
    await assert.rejects(
      loop.createConnection(() => ({}), "127.0.0.1", taken, { localAddr: ["127.0.0.1", -1] }),
      RangeError,
    );
  });
});

Deno.test("localAddr: without --allow-net for the local address, NotCapable names the flag", async () => {
  const port = freePort();
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      `--allow-net=127.0.0.1:${port}`,
      new URL("./_child.ts", import.meta.url).pathname,
      "bindperm",
      String(port),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(out.code, 0, decode(out.stderr));
  assert.equal(
    decode(out.stdout).trim(),
    'NotCapable: Requires net access to "127.0.0.1:0", run again with the --allow-net flag',
  );
});
