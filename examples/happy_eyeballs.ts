#!/usr/bin/env -S deno run --allow-net=localhost,127.0.0.1,[::1]
// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * Happy Eyeballs and a bound local address. A server listens on the IPv6
 * loopback only; the client connects to "localhost", which resolves to
 * 127.0.0.1 (refused) and ::1. With `happyEyeballsDelay` the addresses are
 * raced: the refused one makes the next attempt start at once. A second client
 * binds its local end first with `localAddr`.
 *
 *     deno run --allow-net=localhost,127.0.0.1,[::1] examples/happy_eyeballs.ts
 *
 * @module
 */
import * as asyncio from "../mod.ts";

await asyncio.run(async () => {
  const server = await asyncio.startServer(
    async (reader, writer) => {
      const [host, port] = writer.getExtraInfo("peername") as [string, number];
      writer.write(new TextEncoder().encode(`hello ${host} port ${port}\n`));
      await reader.read(); // until the client closes
      writer.close();
    },
    "::1",
    0,
  );
  const port = server.sockets[0].getsockname()[1] as number;
  console.log(
    "addresses of localhost:",
    await asyncio.getRunningLoop().getaddrinfo("localhost", port, { type: 1 }).then((infos) =>
      infos.map((info) => info[4][0])
    ),
  );

  for (
    const options of [{ happyEyeballsDelay: 0.25 }, { localAddr: ["::1", 0] as [string, number] }]
  ) {
    const [reader, writer] = await asyncio.openConnection("localhost", port, options);
    console.log(
      JSON.stringify(options),
      "from",
      JSON.stringify(writer.getExtraInfo("sockname")),
      "->",
      new TextDecoder().decode(await reader.readline()).trim(),
    );
    writer.close();
    await writer.waitClosed();
  }
  server.close();
  await server.waitClosed();
});
