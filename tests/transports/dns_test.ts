// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import * as asyncio from "../../mod.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  AI_CANONNAME,
  AI_NUMERICHOST,
  AI_NUMERICSERV,
  AI_PASSIVE,
  GaiError,
  IPPROTO_TCP,
  IPPROTO_UDP,
  NI_NUMERICHOST,
  NI_NUMERICSERV,
  SOCK_DGRAM,
  SOCK_STREAM,
} from "../../mod.ts";

function inLoop(body: (loop: asyncio.EventLoop) => Promise<void>): Promise<void> {
  return asyncio.run(() => body(asyncio.getRunningLoop()));
}

Deno.test("getaddrinfo() of 127.0.0.1 gives a stream and a datagram entry", () =>
  inLoop(async (loop) => {
    assert.deepEqual(await loop.getaddrinfo("127.0.0.1", 80), [
      [AF_INET, SOCK_STREAM, IPPROTO_TCP, "", ["127.0.0.1", 80]],
      [AF_INET, SOCK_DGRAM, IPPROTO_UDP, "", ["127.0.0.1", 80]],
    ]);
  }));

Deno.test("getaddrinfo() of an IPv6 literal canonicalises it", () =>
  inLoop(async (loop) => {
    assert.deepEqual(await loop.getaddrinfo("0:0:0::1", "8080", { type: SOCK_STREAM }), [
      [AF_INET6, SOCK_STREAM, IPPROTO_TCP, "", ["::1", 8080]],
    ]);
    assert.deepEqual(await loop.getaddrinfo("::1", 53, { proto: IPPROTO_UDP }), [
      [AF_INET6, SOCK_DGRAM, IPPROTO_UDP, "", ["::1", 53]],
    ]);
    // IPv4-mapped and -compatible addresses end in dotted form, as inet_ntop() writes them
    for (
      const [given, canonical] of [
        ["::ffff:7f00:1", "::ffff:127.0.0.1"],
        ["::ffff:127.0.0.1", "::ffff:127.0.0.1"],
        ["::1.2.3.4", "::1.2.3.4"],
        ["::0.0.1.2", "::102"],
      ]
    ) {
      const [[, , , , [address]]] = await loop.getaddrinfo(given, 80, { type: SOCK_STREAM });
      assert.equal(address, canonical);
    }
  }));

Deno.test("getaddrinfo() answers localhost without DNS and filters by family", () =>
  inLoop(async (loop) => {
    const all = await loop.getaddrinfo("localhost", 0, { type: SOCK_STREAM });
    assert.deepEqual(all.map((i) => i[4][0]), ["127.0.0.1", "::1"]);
    const v4 = await loop.getaddrinfo("LOCALHOST", 1, { family: AF_INET, type: SOCK_DGRAM });
    assert.deepEqual(v4, [[AF_INET, SOCK_DGRAM, IPPROTO_UDP, "", ["127.0.0.1", 1]]]);
    const v6 = await loop.getaddrinfo("localhost", 1, { family: AF_INET6, type: SOCK_DGRAM });
    assert.deepEqual(v6.map((i) => i[4][0]), ["::1"]);
  }));

Deno.test("getaddrinfo() takes ports as numbers, digit strings, service names or null", () =>
  inLoop(async (loop) => {
    const port = async (p: number | string | null, flags = 0) =>
      (await loop.getaddrinfo("127.0.0.1", p, { type: SOCK_STREAM, flags }))[0][4][1];
    assert.equal(await port(8080), 8080);
    assert.equal(await port("8080"), 8080);
    assert.equal(await port("http"), 80);
    assert.equal(await port("HTTPS"), 443);
    assert.equal(await port(null), 0);
    await assert.rejects(
      port("no-such-service"),
      (e) => e instanceof GaiError && e.code === "EAI_SERVICE",
    );
    await assert.rejects(port("http", AI_NUMERICSERV), GaiError);
    await assert.rejects(
      port(70000),
      (e) => e instanceof RangeError && /0-65535, got number 70000/.test(e.message),
    );
    await assert.rejects(port("70000"), RangeError);
  }));

Deno.test("getaddrinfo() without a host: loopback, or the wildcard with AI_PASSIVE", () =>
  inLoop(async (loop) => {
    const hosts = async (flags: number) =>
      (await loop.getaddrinfo(null, 80, { type: SOCK_STREAM, flags })).map((i) => i[4][0]);
    assert.deepEqual(await hosts(0), ["127.0.0.1", "::1"]);
    assert.deepEqual(await hosts(AI_PASSIVE), ["0.0.0.0", "::"]);
  }));

Deno.test("getaddrinfo() fails with GaiError for bad families, types, flags and numeric-only names", () =>
  inLoop(async (loop) => {
    await assert.rejects(
      loop.getaddrinfo("127.0.0.1", 80, { family: AF_INET6 }),
      (e) => e instanceof GaiError && e.code === "EAI_ADDRFAMILY" && e.errno === -9,
    );
    await assert.rejects(
      loop.getaddrinfo("127.0.0.1", 80, { family: 99 }),
      (e) =>
        e instanceof GaiError && e.code === "EAI_FAMILY" &&
        /ai_family not supported: 99/.test(e.message),
    );
    await assert.rejects(loop.getaddrinfo("127.0.0.1", 80, { family: AF_UNIX }), GaiError);
    await assert.rejects(
      loop.getaddrinfo("127.0.0.1", 80, { type: 7 }),
      (e) => e instanceof GaiError && e.code === "EAI_SOCKTYPE",
    );
    await assert.rejects(
      loop.getaddrinfo("127.0.0.1", 80, { type: SOCK_DGRAM, proto: IPPROTO_TCP }),
      GaiError,
    );
    await assert.rejects(
      loop.getaddrinfo("127.0.0.1", 80, { flags: 0x8000 }),
      (e) => e instanceof GaiError && e.code === "EAI_BADFLAGS",
    );
    await assert.rejects(
      loop.getaddrinfo("example.invalid", 80, { flags: AI_NUMERICHOST }),
      (e) => e instanceof GaiError && e.code === "EAI_NONAME",
    );
    await assert.rejects(loop.getaddrinfo(42 as unknown as string, 80), TypeError);
    const [first, second] = await loop.getaddrinfo("127.0.0.1", 80, { flags: AI_CANONNAME });
    assert.equal(first[3], "127.0.0.1");
    assert.equal(second[3], "");
  }));

Deno.test({
  name: "getaddrinfo() of a name needs --allow-net for it: Deno's NotCapable",
  // Only meaningful without that permission (as in `deno task test`).
  ignore: Deno.permissions.querySync({ name: "net", host: "example.invalid" }).state === "granted",
  fn: () =>
    inLoop(async (loop) => {
      await assert.rejects(loop.getaddrinfo("example.invalid", 80), Deno.errors.NotCapable);
    }),
});

Deno.test("getaddrinfo() of an unknown name fails with GaiError (with permission)", async () => {
  const script = `
    import * as asyncio from ${JSON.stringify(new URL("../../mod.ts", import.meta.url).href)};
    await asyncio.run(async () => {
      try {
        await asyncio.getRunningLoop().getaddrinfo("no-such-host.invalid", 80);
      } catch (e) {
        console.log(e.name, e.code);
      }
    });`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--no-config", "--allow-net=no-such-host.invalid", script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.match(new TextDecoder().decode(out.stdout), /^GaiError EAI_(NONAME|AGAIN|FAIL|NODATA)/);
});

Deno.test("getnameinfo() with numeric flags needs no lookup", () =>
  inLoop(async (loop) => {
    assert.deepEqual(await loop.getnameinfo(["127.0.0.1", 80], NI_NUMERICHOST | NI_NUMERICSERV), [
      "127.0.0.1",
      "80",
    ]);
    assert.deepEqual(await loop.getnameinfo(["0::1", 443], NI_NUMERICHOST), ["::1", "https"]);
    assert.deepEqual(await loop.getnameinfo(["127.0.0.1", 9999], NI_NUMERICHOST), [
      "127.0.0.1",
      "9999",
    ]);
    await assert.rejects(loop.getnameinfo(["localhost", 80], NI_NUMERICHOST), GaiError);
    await assert.rejects(loop.getnameinfo(["127.0.0.1", 70000]), RangeError);
    await assert.rejects(loop.getnameinfo(["127.0.0.1", 80], 0x100), GaiError);
  }));

Deno.test("getnameinfo() looks names up like the C library", () =>
  inLoop(async (loop) => {
    const [host, service] = await loop.getnameinfo(["127.0.0.1", 80]);
    assert.equal(typeof host, "string");
    assert.ok(host.length > 0);
    assert.equal(service, "http");
  }));

Deno.test("getaddrinfo(): AF_INET6 with AI_V4MAPPED maps IPv4 (with AI_ALL, beside the IPv6 ones); an empty host is no host name", () =>
  inLoop(async (loop) => {
    assert.deepEqual(
      await loop.getaddrinfo("127.0.0.1", 80, {
        family: AF_INET6,
        type: SOCK_STREAM,
        flags: asyncio.AI_V4MAPPED,
      }),
      [[AF_INET6, SOCK_STREAM, IPPROTO_TCP, "", ["::ffff:127.0.0.1", 80]]],
    );
    const both = await loop.getaddrinfo("localhost", 80, {
      family: AF_INET6,
      type: SOCK_STREAM,
      flags: asyncio.AI_V4MAPPED | asyncio.AI_ALL,
    });
    assert.deepEqual(both.map((info) => info[4][0]), ["::1", "::ffff:127.0.0.1"]);
    // as Python's gaierror(-2): null (not "") asks for the loopback or wildcard addresses
    await assert.rejects(loop.getaddrinfo("", 80), { name: "GaiError", errno: -2 });
  }));
