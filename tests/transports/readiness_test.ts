// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import * as asyncio from "../../mod.ts";
import { Socket } from "../../mod.ts";

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("addReader() fires when data arrives and stops after removeReader()", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const [a, b] = await asyncio.socketpair();
    a.setblocking(false);
    const got: string[] = [];
    const wake = loop.createFuture<void>();
    loop.addReader(a, (tag: string) => {
      got.push(`${tag}:${decode(a.recv(100))}`);
      wake.setResult();
    }, "r");
    await asyncio.sleep(0);
    assert.deepEqual(got, [], "not readable before data arrives");
    b.send(encode("one"));
    await wake;
    assert.deepEqual(got, ["r:one"]);
    assert.equal(loop.removeReader(a), true);
    assert.equal(loop.removeReader(a), false);
    b.send(encode("two"));
    assert.equal(decode(await loop.sockRecv(a, 100)), "two");
    assert.deepEqual(got, ["r:one"], "no call after removeReader()");
    a.close();
    b.close();
  });
});

Deno.test("readiness is level-triggered: one call per loop iteration while data is unread", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const [a, b] = await asyncio.socketpair();
    a.setblocking(false);
    const done = loop.createFuture<void>();
    let calls = 0;
    let ticked = true;
    let interleaved = true;
    loop.addReader(a.fileno(), () => {
      if (!ticked) interleaved = false;
      ticked = false;
      loop.callSoon(() => (ticked = true));
      if (++calls === 3) {
        loop.removeReader(a.fileno());
        done.setResult();
      }
    });
    b.send(encode("unread"));
    await done;
    assert.equal(calls, 3);
    assert.ok(interleaved, "a callback scheduled by each call ran before the next call");
    assert.equal(decode(a.recv(100)), "unread");
    a.close();
    b.close();
  });
});

Deno.test("addWriter() fires while the send queue has room", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const [a, b] = await asyncio.socketpair();
    const done = loop.createFuture<number>();
    loop.addWriter(a, () => {
      loop.removeWriter(a);
      done.setResult(a.send(encode("w")));
    });
    assert.equal(await done, 1);
    assert.equal(decode(await loop.sockRecv(b, 10)), "w");
    a.close();
    b.close();
  });
});

Deno.test("addReader() on a listening socket fires for a pending connection", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const server = new Socket();
    server.bind(["127.0.0.1", 0]);
    server.listen();
    server.setblocking(false);
    const accepted = loop.createFuture<Socket>();
    loop.addReader(server, () => {
      loop.removeReader(server);
      accepted.setResult(server.accept()[0]);
    });
    const client = new Socket();
    await loop.sockConnect(client, server.getsockname() as [string, number]);
    const conn = await accepted;
    assert.deepEqual(conn.getpeername(), client.getsockname());
    for (const s of [conn, client, server]) s.close();
  });
});

Deno.test("addReader() replaces the previous reader; closing the socket ends the watch", async () => {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const [a, b] = await asyncio.socketpair();
    a.setblocking(false);
    const calls: string[] = [];
    loop.addReader(a, () => calls.push("first"));
    const second = loop.createFuture<void>();
    loop.addReader(a, () => {
      calls.push("second");
      a.close();
      second.setResult();
    });
    b.send(encode("x"));
    await second;
    await asyncio.sleep(0);
    await asyncio.sleep(0);
    assert.deepEqual(calls, ["second"]);
    assert.equal(loop.removeReader(a), false, "the watch ended when the socket closed");
    b.close();
  });
});

Deno.test("addReader() rejects what is not an open library Socket", async () => {
  await asyncio.run(() => {
    const loop = asyncio.getRunningLoop();
    assert.throws(
      () => loop.addReader(123456, () => {}),
      (e) =>
        e instanceof RangeError &&
        /open Socket of this library or its fileno\(\), got number 123456/.test(e.message),
    );
    const s = new Socket();
    s.close();
    assert.throws(() => loop.addWriter(s, () => {}), Deno.errors.BadResource);
    using open = new Socket();
    assert.throws(() => loop.addReader(open.fileno(), "nope" as unknown as () => void), TypeError);
    assert.equal(loop.removeWriter(42_000), false);
    assert.throws(() => s.recv(1), Deno.errors.BadResource);
    return Promise.resolve();
  });
});
