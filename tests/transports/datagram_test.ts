// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import * as asyncio from "../../mod.ts";
import type { DatagramProtocol, DatagramTransport, EventLoop, Future } from "../../mod.ts";

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

const HAS_IPV6 = (() => {
  try {
    Deno.listenDatagram({ transport: "udp", hostname: "::1", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
})();

type Addr = [string, number];

/** A protocol that records its events and echoes (if `echo`). */
class Recorder implements DatagramProtocol {
  events: string[] = [];
  received: [string, Addr][] = [];
  errors: Error[] = [];
  transport!: DatagramTransport;
  lost: Future<Error | null>;
  next: Future<void> | null = null;
  constructor(loop: EventLoop, readonly echo = false) {
    this.lost = loop.createFuture();
  }
  connectionMade(t: asyncio.BaseTransport) {
    this.transport = t as DatagramTransport;
    this.events.push("made");
  }
  datagramReceived(data: Uint8Array, addr: Addr) {
    this.events.push("received");
    this.received.push([decode(data), addr]);
    if (this.echo) this.transport.sendto(data, addr);
    this.next?.setResult();
    this.next = null;
  }
  errorReceived(exc: Error) {
    this.events.push("error");
    this.errors.push(exc);
    this.next?.setResult();
    this.next = null;
  }
  connectionLost(exc: Error | null) {
    this.events.push("lost");
    this.lost.setResult(exc);
  }
  /** Runs `send`, then waits for the next datagram or error this endpoint gets. */
  async exchange(loop: EventLoop, send: () => void): Promise<void> {
    const got = this.wait(loop);
    send();
    await got;
  }
  /** Resolves at the next datagram or error. */
  wait(loop: EventLoop): Future<void> {
    return (this.next ??= loop.createFuture());
  }
}

async function echoRoundTrip(host: string) {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const server = new Recorder(loop, true);
    const client = new Recorder(loop);
    const [st] = await loop.createDatagramEndpoint(() => server, { localAddr: [host, 0] });
    const serverAddr = st.getExtraInfo("sockname") as Addr;
    assert.equal(serverAddr[0], host);
    assert.ok(serverAddr[1] > 0);
    assert.equal(st.getExtraInfo("peername"), null);
    const [ct] = await loop.createDatagramEndpoint(() => client, { remoteAddr: serverAddr });
    assert.deepEqual(client.events, ["made"], "connectionMade ran before the endpoint resolved");
    assert.deepEqual(ct.getExtraInfo("peername"), serverAddr);
    await client.exchange(loop, () => ct.sendto(encode("hello")));
    assert.equal(client.received[0][0], "hello");
    assert.deepEqual(client.received[0][1], serverAddr);
    assert.deepEqual(server.received[0][1], ct.getExtraInfo("sockname"));
    ct.close();
    st.close();
    assert.ok(ct.isClosing());
    assert.equal(await client.lost, null);
    assert.equal(await server.lost, null);
    assert.deepEqual(client.events, ["made", "received", "lost"]);
    assert.deepEqual(server.events, ["made", "received", "lost"]);
  });
}

Deno.test("createDatagramEndpoint() echoes on 127.0.0.1 in order made, received, lost", async () => {
  await echoRoundTrip("127.0.0.1");
});

Deno.test("Debug mode names a datagram's delivery as a handle in slow-callback warnings", async () => {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (msg: string) => warnings.push(String(msg));
  try {
    await asyncio.run(async () => {
      const loop = asyncio.getRunningLoop();
      loop.slowCallbackDuration = 0;
      const server = new Recorder(loop, true);
      const client = new Recorder(loop);
      const [st] = await loop.createDatagramEndpoint(() => server, { localAddr: ["127.0.0.1", 0] });
      const serverAddr = st.getExtraInfo("sockname") as Addr;
      const [ct] = await loop.createDatagramEndpoint(() => client, { remoteAddr: serverAddr });
      await client.exchange(loop, () => ct.sendto(encode("ping")));
      assert.equal(client.received[0][0], "ping");
      ct.close();
      st.close();
      await client.lost;
      await server.lost;
    }, { debug: true });
  } finally {
    console.warn = original;
  }
  assert.ok(warnings.some((w) => /^Executing <Handle #deliver> took \d+\.\d{3} seconds/.test(w)));
});

Deno.test({
  name: "createDatagramEndpoint() echoes on ::1",
  ignore: !HAS_IPV6,
  fn: () => echoRoundTrip("::1"),
});

Deno.test("sendto() with remoteAddr takes no address or the same one, and filters other senders", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const server = new Recorder(loop, true);
    const client = new Recorder(loop);
    const [st] = await loop.createDatagramEndpoint(() => server, { localAddr: ["127.0.0.1", 0] });
    const serverAddr = st.getExtraInfo("sockname") as Addr;
    const [ct] = await loop.createDatagramEndpoint(() => client, {
      localAddr: ["127.0.0.1", 0],
      remoteAddr: serverAddr,
    });
    assert.throws(
      () => ct.sendto(encode("x"), ["127.0.0.1", serverAddr[1] + 1]),
      (e) => e instanceof TypeError && /invalid address/.test(e.message),
    );
    // A stranger's datagram is dropped: the client is "connected" to the server.
    const stranger = Deno.listenDatagram({ transport: "udp", hostname: "127.0.0.1", port: 0 });
    const clientAddr = ct.getExtraInfo("sockname") as Addr;
    await stranger.send(encode("stranger"), {
      transport: "udp",
      hostname: clientAddr[0],
      port: clientAddr[1],
    });
    stranger.close();
    await client.exchange(loop, () => ct.sendto(encode("one"), [...serverAddr]));
    await client.exchange(loop, () => ct.sendto(encode("two"), null));
    assert.deepEqual(client.received.map(([text]) => text), ["one", "two"]);
    ct.close();
    st.close();
    await Promise.all([client.lost, server.lost]);
  });
});

Deno.test("a failed send goes to errorReceived() and the endpoint stays open", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const server = new Recorder(loop, true);
    const client = new Recorder(loop);
    const [st] = await loop.createDatagramEndpoint(() => server, { localAddr: ["127.0.0.1", 0] });
    const serverAddr = st.getExtraInfo("sockname") as Addr;
    const [ct] = await loop.createDatagramEndpoint(() => client, { localAddr: ["127.0.0.1", 0] });
    // larger than any UDP datagram
    await client.exchange(loop, () => ct.sendto(new Uint8Array(70_000), serverAddr));
    assert.equal(client.errors.length, 1);
    assert.match(client.errors[0].message, /too long|message/i);
    // Without permission for 127.0.0.2 (as in `deno task test`), Deno's NotCapable passes through.
    if (Deno.permissions.querySync({ name: "net", host: "127.0.0.2:9" }).state !== "granted") {
      await client.exchange(loop, () => ct.sendto(encode("x"), ["127.0.0.2", 9]));
      assert.ok(client.errors[1] instanceof Deno.errors.NotCapable);
    }
    await client.exchange(loop, () => ct.sendto(encode("still open"), serverAddr));
    assert.deepEqual(client.received.map(([text]) => text), ["still open"]);
    assert.ok(!ct.isClosing());
    ct.close();
    st.close();
    await Promise.all([client.lost, server.lost]);
  });
});

Deno.test("close() sends the queued datagrams first; abort() drops them", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const server = new Recorder(loop);
    const [st] = await loop.createDatagramEndpoint(() => server, { localAddr: ["127.0.0.1", 0] });
    const serverAddr = st.getExtraInfo("sockname") as Addr;
    const client = new Recorder(loop);
    const [ct] = await loop.createDatagramEndpoint(() => client, { remoteAddr: serverAddr });
    for (let i = 0; i < 5; i++) ct.sendto(encode(`m${i}`));
    assert.ok(ct.getWriteBufferSize() > 0, "datagrams were queued behind the first");
    ct.close();
    ct.sendto(encode("late")); // queued while flushing, as Python does
    assert.equal(await client.lost, null);
    while (server.received.length < 6) await server.wait(loop);
    assert.deepEqual(server.received.map(([t]) => t), ["m0", "m1", "m2", "m3", "m4", "late"]);

    const aborter = new Recorder(loop);
    const [at] = await loop.createDatagramEndpoint(() => aborter, { remoteAddr: serverAddr });
    for (let i = 0; i < 5; i++) at.sendto(encode(`a${i}`));
    at.abort();
    assert.equal(at.getWriteBufferSize(), 0);
    at.sendto(encode("dropped")); // after abort: silently dropped
    assert.equal(await aborter.lost, null);
    assert.deepEqual(aborter.events, ["made", "lost"]);
    st.close();
    await server.lost;
    assert.ok(server.received.length <= 6 + 1, "at most the datagram in flight got out");
  });
});

Deno.test("a full send queue calls pauseWriting() then resumeWriting()", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const sink = new Recorder(loop);
    const [st] = await loop.createDatagramEndpoint(() => sink, { localAddr: ["127.0.0.1", 0] });
    const calls: string[] = [];
    const resumed = loop.createFuture<void>();
    const [ct] = await loop.createDatagramEndpoint(() => ({
      pauseWriting: () => calls.push("pause"),
      resumeWriting: () => {
        calls.push("resume");
        resumed.setResult();
      },
    }), { remoteAddr: st.getExtraInfo("sockname") as Addr });
    for (let i = 0; i < 100; i++) ct.sendto(new Uint8Array(1000));
    assert.deepEqual(calls, ["pause"]);
    await resumed;
    assert.deepEqual(calls, ["pause", "resume"]);
    ct.close();
    st.close();
    await sink.lost;
  });
});

Deno.test("getExtraInfo('socket') is a Socket view owned by the transport", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const p = new Recorder(loop);
    await using t = (await loop.createDatagramEndpoint(() =>
      p, { localAddr: ["127.0.0.1", 0] }))[0] as
        & DatagramTransport
        & AsyncDisposable;
    const sock = t.getExtraInfo("socket") as asyncio.Socket;
    assert.ok(sock instanceof asyncio.Socket);
    assert.deepEqual(sock.getsockname(), t.getExtraInfo("sockname"));
    assert.equal(sock.type, asyncio.SOCK_DGRAM);
    assert.equal(sock.family, asyncio.AF_INET);
    assert.throws(() => sock.close(), /belongs to a datagram transport/);
    assert.equal(t.getExtraInfo("nonexistent", 7), 7);
  });
});

Deno.test("createDatagramEndpoint({ sock }) takes over a bound UDP Socket", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const sock = new asyncio.Socket(asyncio.AF_INET, asyncio.SOCK_DGRAM);
    sock.bind(["127.0.0.1", 0]);
    const addr = sock.getsockname();
    const server = new Recorder(loop, true);
    const [st] = await loop.createDatagramEndpoint(() => server, { sock });
    assert.equal(st.getExtraInfo("socket"), sock);
    assert.deepEqual(st.getExtraInfo("sockname"), addr);
    const client = new Recorder(loop);
    const [ct] = await loop.createDatagramEndpoint(() => client, { remoteAddr: addr as Addr });
    await client.exchange(loop, () => ct.sendto(encode("via sock")));
    assert.equal(client.received[0][0], "via sock");
    ct.close();
    st.close();
    await Promise.all([client.lost, server.lost]);
  });
});

Deno.test("createDatagramEndpoint() rejects bad input with clear errors", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const factory = () => ({});
    await assert.rejects(
      loop.createDatagramEndpoint(factory, { localAddr: ["127.0.0.1", 70000] }),
      (e) =>
        e instanceof RangeError &&
        /port must be an integer in 0-65535, got number 70000/.test(e.message),
    );
    await assert.rejects(
      loop.createDatagramEndpoint(factory, { family: 99, localAddr: ["127.0.0.1", 0] }),
      (e) => e instanceof RangeError && /unsupported address family number 99/.test(e.message),
    );
    await assert.rejects(
      loop.createDatagramEndpoint(factory, {}),
      (e) => e instanceof TypeError && /unexpected address family/.test(e.message),
    );
    await assert.rejects(
      loop.createDatagramEndpoint(factory, { localAddr: ["127.0.0.1", 0], remoteAddr: ["::1", 9] }),
      (e) => e instanceof TypeError && /no address family in common/.test(e.message),
    );
    const sock = new asyncio.Socket(asyncio.AF_INET, asyncio.SOCK_DGRAM);
    await assert.rejects(
      loop.createDatagramEndpoint(factory, { sock, localAddr: ["127.0.0.1", 0] }),
      (e) => e instanceof TypeError && /cannot be used with sock: localAddr/.test(e.message),
    );
    const stream = new asyncio.Socket();
    await assert.rejects(
      loop.createDatagramEndpoint(factory, { sock: stream }),
      (e) => e instanceof TypeError && /a datagram socket was expected/.test(e.message),
    );
    sock.close();
    stream.close();
    const [t] = await loop.createDatagramEndpoint(factory, { localAddr: ["127.0.0.1", 0] });
    assert.throws(() => t.sendto(encode("x")), /addr is required/);
    assert.throws(() => t.sendto(encode("x"), ["127.0.0.1", 70000]), RangeError);
    assert.throws(() => t.sendto("text" as unknown as Uint8Array, ["127.0.0.1", 9]), TypeError);
    t.close();
  });
});

Deno.test("an exception in datagramReceived() goes to the loop's exception handler", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const reported = loop.createFuture<asyncio.ExceptionContext>();
    loop.setExceptionHandler((_loop, context) => reported.setResult(context));
    const [st] = await loop.createDatagramEndpoint(() => ({
      datagramReceived() {
        throw new Error("boom");
      },
    }), { localAddr: ["127.0.0.1", 0] });
    const [ct] = await loop.createDatagramEndpoint(() => ({}), {
      remoteAddr: st.getExtraInfo("sockname") as Addr,
    });
    ct.sendto(encode("x"));
    const context = await reported;
    assert.match(context.message, /datagramReceived/);
    assert.equal((context.exception as Error).message, "boom");
    assert.equal(context.transport, st);
    ct.close();
    st.close();
  });
});

Deno.test("without --unstable-net, UDP fails with an error naming the flag", async () => {
  const script = `
    import * as asyncio from ${JSON.stringify(new URL("../../mod.ts", import.meta.url).href)};
    await asyncio.run(async () => {
      try {
        await asyncio.getRunningLoop().createDatagramEndpoint(() => ({}), { localAddr: ["127.0.0.1", 0] });
      } catch (e) {
        console.log(e.message);
      }
    });`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  assert.match(text, /--unstable-net/);
  assert.match(text, /"unstable": \["net"\]/);
});

Deno.test("reusePort lets two endpoints share a port; without it AddrInUse passes through", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const [a] = await loop.createDatagramEndpoint(() => ({}), {
      localAddr: ["127.0.0.1", 0],
      reusePort: true,
    });
    const addr = a.getExtraInfo("sockname") as Addr;
    const [b] = await loop.createDatagramEndpoint(() => ({}), { localAddr: addr, reusePort: true });
    assert.deepEqual(b.getExtraInfo("sockname"), addr);
    await assert.rejects(
      loop.createDatagramEndpoint(() => ({}), { localAddr: addr }),
      Deno.errors.AddrInUse,
    );
    a.close();
    b.close();
  });
});

Deno.test("an endpoint with only a family binds the wildcard (NotCapable without permission)", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const endpoint = loop.createDatagramEndpoint(() => ({}), { family: asyncio.AF_INET });
    if (Deno.permissions.querySync({ name: "net", host: "0.0.0.0" }).state !== "granted") {
      await assert.rejects(endpoint, Deno.errors.NotCapable); // as in `deno task test`
      return;
    }
    const [transport] = await endpoint;
    assert.equal((transport.getExtraInfo("sockname") as Addr)[0], "0.0.0.0");
    transport.close();
  });
});

Deno.test("each datagram belongs to the protocol: later ones never change a kept one", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const kept: Uint8Array[] = [];
    let want = { count: 0, future: loop.createFuture<void>() };
    const [st] = await loop.createDatagramEndpoint((): DatagramProtocol => ({
      datagramReceived(data) {
        kept.push(data);
        if (kept.length % 2 === 0) data.fill(0xee); // the protocol's to change
        if (kept.length >= want.count && !want.future.done()) want.future.setResult();
      },
    }), { localAddr: ["127.0.0.1", 0] });
    const [ct] = await loop.createDatagramEndpoint(() => ({}), {
      remoteAddr: st.getExtraInfo("sockname") as Addr,
    });
    // small datagrams (copied into shared storage) and big ones (a buffer each), one at a time
    const sizes = [10, 1000, 20_000, 3, 30_000, 500];
    for (let i = 0; i < sizes.length; i++) {
      want = { count: i + 1, future: loop.createFuture<void>() };
      ct.sendto(new Uint8Array(sizes[i]).fill(i + 1));
      await want.future;
    }
    assert.deepEqual(kept.map((d) => d.length), sizes);
    kept.forEach((d, i) => {
      const fill = i % 2 === 1 ? 0xee : i + 1;
      assert.ok(d.every((b) => b === fill), `datagram ${i} changed after delivery`);
    });
    ct.close();
    st.close();
  });
});
