#!/usr/bin/env -S deno run --allow-net=localhost:8443 --allow-read --allow-env=ASYNCIO_TLS_DIR
// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * A TLS echo server and client in one script. Make a test CA and a
 * certificate for `localhost` once (rustls refuses a self-signed certificate
 * as the server's own, hence the small CA):
 *
 *     mkdir -p /tmp/tls && cd /tmp/tls
 *     openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=demo CA" -keyout ca_key.pem -out ca_cert.pem -days 30
 *     openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout key.pem -out req.csr
 *     printf "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n" > ext.cnf
 *     openssl x509 -req -in req.csr -CA ca_cert.pem -CAkey ca_key.pem -set_serial 1 -days 30 -extfile ext.cnf -out cert.pem
 *
 * then run it with the directory as argument (or in `ASYNCIO_TLS_DIR`):
 *
 *     deno run --allow-net=localhost:8443 --allow-read --allow-env=ASYNCIO_TLS_DIR examples/tls_echo.ts /tmp/tls
 *
 * @module
 */
import * as asyncio from "../mod.ts";

const dir = Deno.args[0] ?? Deno.env.get("ASYNCIO_TLS_DIR");
let cert: string, key: string, ca: string;
try {
  if (dir === undefined) throw new Error("no directory given");
  [cert, key, ca] = ["cert.pem", "key.pem", "ca_cert.pem"].map((f) =>
    Deno.readTextFileSync(`${dir}/${f}`)
  );
} catch (e) {
  console.log(`Cannot read cert.pem, key.pem and ca_cert.pem (${(e as Error).message}).`);
  console.log("Make them with the openssl commands at the top of examples/tls_echo.ts,");
  console.log("then run: deno task example:tls /path/to/that/dir");
  Deno.exit(0);
}

await asyncio.run(async () => {
  const loop = asyncio.getRunningLoop();
  await using _server = await loop.createServer(
    (): asyncio.Protocol => {
      let transport: asyncio.Transport;
      return {
        connectionMade(t) {
          transport = t as asyncio.Transport;
        },
        dataReceived(data) {
          transport.write(data);
          transport.close();
        },
      };
    },
    "localhost",
    8443,
    { ssl: asyncio.createDefaultContext({ cert, key }) },
  );

  const done = loop.createFuture<void>();
  await loop.createConnection(
    (): asyncio.Protocol => ({
      connectionMade(t) {
        (t as asyncio.Transport).write(new TextEncoder().encode("Hello, TLS!"));
      },
      dataReceived(data) {
        console.log("Echoed over TLS:", JSON.stringify(new TextDecoder().decode(data)));
      },
      connectionLost() {
        done.setResult();
      },
    }),
    "localhost",
    8443,
    { ssl: asyncio.createDefaultContext({ caCerts: [ca] }) },
  );
  await done;
});
