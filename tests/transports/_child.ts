// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Run in a child Deno by the tests that need other permissions than the suite's:
//   unix PATH      -> Unix-socket echo (needs --allow-net=unix:PATH), prints a JSON report
//   unixtls PATH   -> TLS over a Unix socket: createUnixConnection({ ssl }) to a server made with
//                     connectAcceptedSocket({ ssl }), prints a JSON report
//   nonet PORT     -> createConnection() without --allow-net, prints the error's name
//   bindperm PORT  -> createConnection({ localAddr }) allowed to reach PORT but not to bind,
//                     prints the error's name and message
import {
  type AbstractServer,
  AF_UNIX,
  createDefaultContext,
  getRunningLoop,
  run,
  Socket,
} from "../../mod.ts";
import { decode, echoProtocol, encode, Recorder, within } from "./_helpers.ts";

const [mode, arg] = Deno.args;

/** Closes a Unix server; whether its socket file went with it. */
async function closeAndCheckFileGone(server: AbstractServer, path: string): Promise<boolean> {
  server.close();
  await within(server.waitClosed());
  try {
    Deno.statSync(path);
    return false;
  } catch (e) {
    return e instanceof Deno.errors.NotFound;
  }
}
await run(async () => {
  const loop = getRunningLoop();
  if (mode === "unix") {
    const server = await loop.createUnixServer(echoProtocol, arg);
    const client = new Recorder();
    const [transport] = await loop.createUnixConnection(() => client, arg);
    transport.write(encode("over unix"));
    await within(client.received(9));
    const report = {
      echo: decode(client.data),
      sockname: server.sockets[0].getsockname(),
      peername: transport.getExtraInfo("peername"),
      family: (transport.getExtraInfo("socket") as { family: number }).family,
      events: [] as string[],
      fileGone: false,
    };
    transport.close();
    await within(client.lost);
    report.events = client.events.filter((e) => e !== "data");
    report.fileGone = await closeAndCheckFileGone(server, arg);
    console.log(JSON.stringify(report));
  } else if (mode === "unixtls") {
    const data = (name: string) =>
      Deno.readTextFileSync(new URL(`../testdata/${name}`, import.meta.url));
    const ssl = { cert: data("tls_cert.pem"), key: data("tls_key.pem") };
    const clientSsl = createDefaultContext({ caCerts: [data("ca_cert.pem")] });
    // A server made with createUnixServer({ ssl }) ...
    const server = await loop.createUnixServer(echoProtocol, arg, { ssl });
    const client = new Recorder();
    const [tc] = await loop.createUnixConnection(() => client, arg, {
      ssl: clientSsl,
      serverHostname: "localhost",
    });
    tc.write(encode("tls over unix"));
    await within(client.received(13));
    const report = {
      echo: decode(client.data),
      peername: tc.getExtraInfo("peername"),
      serverSide: false,
      untrustedRejected: false,
      fileGone: false,
    };
    tc.close();
    await within(client.lost);
    // A client that does not trust the certificate: both handshakes fail, the server goes on.
    report.untrustedRejected = await loop.createUnixConnection(() => new Recorder(), arg, {
      ssl: createDefaultContext({ caCerts: [data("other_ca_cert.pem")] }),
      serverHostname: "localhost",
    }).then(() => false, () => true);
    report.fileGone = await closeAndCheckFileGone(server, arg);
    // ... and one accepted by hand, with connectAcceptedSocket({ ssl }).
    const listening = new Socket(AF_UNIX);
    listening.bind(arg);
    listening.listen();
    const accepted = new Recorder();
    const [[tc2], [ts2]] = await Promise.all([
      loop.createUnixConnection(() => new Recorder(), arg, {
        ssl: clientSsl,
        serverHostname: "localhost",
      }),
      loop.sockAccept(listening).then(([sock]) =>
        loop.connectAcceptedSocket(() => accepted, sock, { ssl })
      ),
    ]);
    report.serverSide = (ts2.getExtraInfo("ssl_object") as { serverSide: boolean }).serverSide;
    tc2.close();
    await within(accepted.lost);
    ts2.close();
    listening.close();
    console.log(JSON.stringify(report));
  } else if (mode === "nonet" || mode === "bindperm") {
    try {
      await loop.createConnection(() => ({}), "127.0.0.1", Number(arg), {
        localAddr: mode === "bindperm" ? ["127.0.0.1", 0] : undefined,
      });
      console.log("connected");
    } catch (e) {
      console.log(`${(e as Error).name}: ${(e as Error).message}`);
    }
  }
});
