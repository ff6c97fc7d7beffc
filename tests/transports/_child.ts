// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Run in a child Deno by the tests that need other permissions than the suite's:
//   unix PATH      -> Unix-socket echo (needs --allow-net=unix:PATH), prints a JSON report
//   unixtls PATH   -> TLS over a Unix socket: createUnixConnection({ ssl }) to a server made with
//                     connectAcceptedSocket({ ssl }), prints a JSON report
//   nonet PORT     -> createConnection() without --allow-net, prints the error's name
import { AF_UNIX, createDefaultContext, getRunningLoop, run, Socket } from "../../mod.ts";
import { decode, echoProtocol, encode, Recorder, within } from "./_helpers.ts";

const [mode, arg] = Deno.args;
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
    server.close();
    await within(server.waitClosed());
    try {
      Deno.statSync(arg);
    } catch (e) {
      report.fileGone = e instanceof Deno.errors.NotFound;
    }
    console.log(JSON.stringify(report));
  } else if (mode === "unixtls") {
    const data = (name: string) =>
      Deno.readTextFileSync(new URL(`../testdata/${name}`, import.meta.url));
    const listening = new Socket(AF_UNIX);
    listening.bind(arg);
    listening.listen();
    const client = new Recorder();
    const server = new Recorder();
    const serve = async () => {
      const [sock] = await loop.sockAccept(listening);
      return await loop.connectAcceptedSocket(() => server, sock, {
        ssl: { cert: data("tls_cert.pem"), key: data("tls_key.pem") },
      });
    };
    const [[tc], [ts]] = await Promise.all([
      loop.createUnixConnection(() => client, arg, {
        ssl: createDefaultContext({ caCerts: [data("ca_cert.pem")] }),
        serverHostname: "localhost",
      }),
      serve(),
    ]);
    tc.write(encode("tls over unix"));
    await within(server.received(13));
    ts.write(encode("back"));
    await within(client.received(4));
    const report = {
      toServer: decode(server.data),
      toClient: decode(client.data),
      serverSide: (ts.getExtraInfo("ssl_object") as { serverSide: boolean }).serverSide,
      peername: tc.getExtraInfo("peername"),
    };
    tc.close();
    await within(server.lost);
    ts.close();
    await within(client.lost);
    listening.close();
    console.log(JSON.stringify(report));
  } else if (mode === "nonet") {
    try {
      await loop.createConnection(() => ({}), "127.0.0.1", Number(arg));
      console.log("connected");
    } catch (e) {
      console.log(`${(e as Error).name}: ${(e as Error).message}`);
    }
  }
});
