// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  AF_INET,
  AF_INET6,
  CancelledError,
  type ExceptionContext,
  getRunningLoop,
  run,
  RuntimeError,
  sleep,
  type Transport,
} from "../../mod.ts";
import { decode, echoProtocol, encode, portOf, Recorder, within } from "./_helpers.ts";

function hasIpv6(): boolean {
  try {
    Deno.listen({ hostname: "::1", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}

async function echoOnce(port: number, host = "127.0.0.1"): Promise<string> {
  const client = new Recorder();
  const [transport] = await getRunningLoop().createConnection(() => client, host, port);
  transport.write(encode("ping"));
  await within(client.received(4));
  transport.close();
  await within(client.lost);
  return decode(client.data);
}

Deno.test("createServer(): port 0 picks a free port; sockets report [host, port]", async () => {
  await run(async () => {
    const server = await getRunningLoop().createServer(echoProtocol, "127.0.0.1", 0);
    assert.equal(server.isServing(), true);
    assert.equal(server.sockets.length, 1);
    const [host, port] = server.sockets[0].getsockname() as [string, number];
    assert.equal(host, "127.0.0.1");
    assert.ok(port > 0);
    assert.equal(await echoOnce(port), "ping");
    server.close();
    assert.equal(server.isServing(), false);
    assert.deepEqual(server.sockets, []);
    await within(server.waitClosed());
  });
});

Deno.test("createServer(): a port in use fails with Deno.errors.AddrInUse", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(echoProtocol, "127.0.0.1", 0);
    await assert.rejects(
      loop.createServer(echoProtocol, "127.0.0.1", portOf(server)),
      Deno.errors.AddrInUse,
    );
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("createServer(): bad arguments fail with clear errors", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await assert.rejects(loop.createServer(echoProtocol, "127.0.0.1", 70000), {
      name: "RangeError",
      message: /port.*70000/,
    });
    await assert.rejects(
      loop.createServer(echoProtocol, "127.0.0.1", 0, { backlog: -1 }),
      RangeError,
    );
    await assert.rejects(loop.createServer(echoProtocol, [], 0), TypeError);
    await assert.rejects(loop.createServer(echoProtocol, "127.0.0.1", 0, { ssl: true }), TypeError);
    await assert.rejects(
      loop.createServer(echoProtocol, "127.0.0.1", 0, { sslHandshakeTimeout: 1 }),
      TypeError,
    );
    await assert.rejects(
      loop.createServer(null as unknown as () => object, "127.0.0.1", 0),
      TypeError,
    );
  });
});

Deno.test("createServer(): a list of hosts listens on each (127.0.0.1 and ::1)", async () => {
  await run(async () => {
    const hosts = hasIpv6() ? ["127.0.0.1", "::1"] : ["127.0.0.1"];
    const server = await getRunningLoop().createServer(echoProtocol, hosts, 0);
    assert.equal(server.sockets.length, hosts.length);
    for (const [i, host] of hosts.entries()) {
      const [bound, port] = server.sockets[i].getsockname() as [string, number];
      assert.equal(bound, host);
      assert.equal(await echoOnce(port, host), "ping");
    }
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("createServer(): family restricts the hosts: a literal of another family fails, a name binds its addresses of that family", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    await assert.rejects(
      loop.createServer(echoProtocol, "127.0.0.1", 0, { family: AF_INET6 }),
      {
        name: "AddrNotAvailable",
        message: "createServer(): 127.0.0.1 is not an address of family 10",
      },
    );
    await assert.rejects(
      loop.createServer(echoProtocol, "::1", 0, { family: AF_INET }),
      /::1 is not an address of family 2/,
    );
    await assert.rejects(
      loop.createServer(echoProtocol, "127.0.0.1", 0, { family: 99 }),
      RangeError,
    );
    const server = await loop.createServer(echoProtocol, "localhost", 0, { family: AF_INET });
    assert.deepEqual(server.sockets.map((s) => (s.getsockname() as [string, number])[0]), [
      "127.0.0.1",
    ]);
    server.close();
    await within(server.waitClosed());
    if (hasIpv6()) {
      const v6 = await loop.createServer(echoProtocol, "localhost", 0, { family: AF_INET6 });
      assert.deepEqual(v6.sockets.map((s) => (s.getsockname() as [string, number])[0]), ["::1"]);
      v6.close();
      await within(v6.waitClosed());
    }
  });
});

Deno.test("startServing: false accepts nothing until startServing()", async () => {
  await run(async () => {
    let made = 0;
    const server = await getRunningLoop().createServer(
      () => {
        made++;
        return echoProtocol();
      },
      "127.0.0.1",
      0,
      { startServing: false },
    );
    assert.equal(server.isServing(), false);
    const client = new Recorder();
    // the kernel completes the connection from the backlog; no protocol is made yet
    const [transport] = await getRunningLoop().createConnection(
      () => client,
      "127.0.0.1",
      portOf(server),
    );
    transport.write(encode("early"));
    await sleep(0.02);
    assert.equal(made, 0);
    await server.startServing();
    assert.equal(server.isServing(), true);
    await within(client.received(5));
    assert.equal(decode(client.data), "early");
    assert.equal(made, 1);
    transport.close();
    await within(client.lost);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("close() keeps live connections; waitClosed() resolves once they are gone", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(echoProtocol, "127.0.0.1", 0);
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", portOf(server));
    server.close();
    let closed = false;
    const waiting = loop.createTask(async () => {
      await server.waitClosed();
      closed = true;
    });
    transport.write(encode("still here"));
    await within(client.received(10));
    assert.equal(decode(client.data), "still here");
    assert.equal(closed, false);
    transport.close();
    await within(waiting);
    assert.equal(closed, true);
  });
});

Deno.test("closeClients() closes and abortClients() aborts the server's connections", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const serverSide: Transport[] = [];
    const server = await loop.createServer(
      () => {
        const p = echoProtocol();
        const made = p.connectionMade!;
        p.connectionMade = (t) => {
          serverSide.push(t as Transport);
          made(t);
        };
        return p;
      },
      "127.0.0.1",
      0,
    );
    const a = new Recorder();
    const b = new Recorder();
    const [ta] = await loop.createConnection(() => a, "127.0.0.1", portOf(server));
    const [tb] = await loop.createConnection(() => b, "127.0.0.1", portOf(server));
    ta.write(encode("a"));
    tb.write(encode("b"));
    await within(a.received(1));
    await within(b.received(1));
    assert.equal(serverSide.length, 2);
    server.closeClients();
    assert.ok(serverSide.every((t) => t.isClosing()));
    assert.equal(await within(a.lost), null);
    assert.equal(await within(b.lost), null);
    assert.deepEqual(a.events.slice(-2), ["eof", "lost"]);
    const c = new Recorder();
    const [tc] = await loop.createConnection(() => c, "127.0.0.1", portOf(server));
    tc.write(encode("c"));
    await within(c.received(1));
    server.abortClients();
    await within(c.lost);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("serveForever(): cancelling it closes the server", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(echoProtocol, "127.0.0.1", 0, { startServing: false });
    const task = loop.createTask(() => server.serveForever());
    await sleep(0);
    assert.equal(server.isServing(), true);
    await assert.rejects(server.serveForever(), RuntimeError);
    assert.equal(await echoOnce(portOf(server)), "ping");
    task.cancel();
    await assert.rejects(within(task), CancelledError);
    assert.equal(server.isServing(), false);
    assert.deepEqual(server.sockets, []);
    await within(server.waitClosed());
    await assert.rejects(server.serveForever(), RuntimeError);
  });
});

Deno.test("serveForever(): close() from elsewhere ends it with CancelledError", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(echoProtocol, "127.0.0.1", 0);
    const task = loop.createTask(() => server.serveForever());
    await sleep(0);
    server.close();
    await assert.rejects(within(task), CancelledError);
    await within(server.waitClosed());
  });
});

Deno.test("await using closes the server and waits for it", async () => {
  await run(async () => {
    let kept;
    {
      await using server = await getRunningLoop().createServer(echoProtocol, "127.0.0.1", 0);
      kept = server;
      assert.equal(await echoOnce(portOf(server)), "ping");
    }
    assert.equal(kept.isServing(), false);
    assert.deepEqual(kept.sockets, []);
  });
});

Deno.test("A protocol factory that throws is reported; the connection is closed", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const contexts: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => contexts.push(ctx));
    const boom = new Error("no protocol");
    const server = await loop.createServer(
      () => {
        throw boom;
      },
      "127.0.0.1",
      0,
    );
    const client = new Recorder();
    await loop.createConnection(() => client, "127.0.0.1", portOf(server));
    await within(client.lost);
    assert.equal(contexts.length, 1);
    assert.equal(contexts[0].exception, boom);
    assert.match(contexts[0].message, /transport creation/);
    server.close();
    await within(server.waitClosed());
  });
});

Deno.test("keepAlive and reusePort options are accepted", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(echoProtocol, "127.0.0.1", 0, {
      keepAlive: true,
      reusePort: true,
    });
    const twin = await loop.createServer(echoProtocol, "127.0.0.1", portOf(server), {
      reusePort: true,
    });
    assert.equal(await echoOnce(portOf(server)), "ping");
    server.close();
    twin.close();
    await within(server.waitClosed());
    await within(twin.waitClosed());
  });
});

Deno.test("Closing the loop closes servers and connections left open", async () => {
  let port = 0;
  await run(async () => {
    const loop = getRunningLoop();
    const server = await loop.createServer(echoProtocol, "127.0.0.1", 0);
    port = portOf(server);
    const client = new Recorder();
    const [transport] = await loop.createConnection(() => client, "127.0.0.1", port);
    transport.write(encode("left open"));
    await within(client.received(9));
  });
  // the listener is gone: its port refuses (or resets) connections
  await assert.rejects(
    Deno.connect({ hostname: "127.0.0.1", port }),
    (e) => e instanceof Deno.errors.ConnectionRefused || e instanceof Deno.errors.ConnectionReset,
  );
});
