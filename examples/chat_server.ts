#!/usr/bin/env -S deno run --allow-net=127.0.0.1
// Copyright 2026 the @denoio/asyncio authors. MIT license.
// A tiny line-based chat server with streams. Each client first sends its name, then lines of
// text; the server broadcasts every line to the other clients. By default it runs a short demo
// with three clients and exits; with `--serve [port]` it serves on 127.0.0.1 (default port 8889)
// until Ctrl-C, for `nc 127.0.0.1 8889`.
import * as asyncio from "../mod.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const line = (text: string) => encoder.encode(text + "\n");
const text = (bytes: Uint8Array) => decoder.decode(bytes).replace(/\r?\n$/, "");

/** The chat room: the writers of everyone connected, by name. */
class ChatRoom {
  readonly members = new Map<string, asyncio.StreamWriter>();

  /** Sends `message` to every member but `from`; a slow member's drain() paces only its own copy. */
  broadcast(message: string, from: string | null): void {
    for (const [name, writer] of this.members) {
      if (name !== from && !writer.isClosing()) writer.write(line(message));
    }
  }

  /** Serves one client: its first line is its name, each further line a message. */
  handle = async (reader: asyncio.StreamReader, writer: asyncio.StreamWriter): Promise<void> => {
    writer.write(line("Welcome! What is your name?"));
    const name = text(await reader.readline()).trim();
    if (name === "" || this.members.has(name)) {
      writer.write(line(name === "" ? "Bye." : `The name ${name} is taken. Bye.`));
      writer.close();
      return;
    }
    this.members.set(name, writer);
    writer.write(line(`Hello ${name}! ${this.members.size} here.`));
    this.broadcast(`* ${name} joined`, name);
    try {
      for await (const message of reader) {
        this.broadcast(`${name}: ${text(message)}`, name);
        await writer.drain();
      }
    } catch (e) {
      if (!(e instanceof Deno.errors.ConnectionReset)) throw e;
    } finally {
      this.members.delete(name);
      this.broadcast(`* ${name} left`, null);
      writer.close();
    }
  };
}

/** A demo client: connects, says its name, and collects what it receives. */
async function join(port: number, name: string) {
  const [reader, writer] = await asyncio.openConnection("127.0.0.1", port);
  const heard: string[] = [];
  await reader.readline(); // "Welcome! ..."
  writer.write(line(name));
  heard.push(text(await reader.readline())); // "Hello <name>! ..."
  return {
    heard,
    say: async (message: string) => {
      writer.write(line(message));
      await writer.drain();
    },
    /** Reads until a line equal to `expected` arrives. */
    hear: async (expected: string) => {
      for (;;) {
        const got = await reader.readline();
        if (got.length === 0) throw new Error(`${name}: EOF while waiting for ${expected}`);
        heard.push(text(got));
        if (text(got) === expected) return;
      }
    },
    leave: async () => {
      writer.close();
      await writer.waitClosed();
    },
  };
}

async function demo(): Promise<void> {
  const room = new ChatRoom();
  const server = await asyncio.startServer(room.handle, "127.0.0.1", 0);
  const port = (server.sockets[0].getsockname() as [string, number])[1];

  const alice = await join(port, "alice");
  const bob = await join(port, "bob");
  await alice.hear("* bob joined");
  const carol = await join(port, "carol");
  await Promise.all([alice.hear("* carol joined"), bob.hear("* carol joined")]);

  await alice.say("hi all");
  await Promise.all([bob.hear("alice: hi all"), carol.hear("alice: hi all")]);
  await bob.say("hello alice");
  await Promise.all([alice.hear("bob: hello alice"), carol.hear("bob: hello alice")]);
  await carol.leave();
  await Promise.all([alice.hear("* carol left"), bob.hear("* carol left")]);
  await alice.leave();
  await bob.hear("* alice left");
  await bob.leave();

  for (const [name, client] of [["alice", alice], ["bob", bob], ["carol", carol]] as const) {
    console.log(`${name} heard:`);
    for (const h of client.heard) console.log(`  ${h}`);
  }
  server.close();
  await server.waitClosed();
}

async function serve(port: number): Promise<void> {
  const room = new ChatRoom();
  const server = await asyncio.startServer(room.handle, "127.0.0.1", port);
  console.log(`Chat on 127.0.0.1:${port}; connect with: nc 127.0.0.1 ${port} (Ctrl-C stops)`);
  await server.serveForever();
}

const i = Deno.args.indexOf("--serve");
await asyncio.run(i === -1 ? demo : () => serve(Number(Deno.args[i + 1] ?? 8889)));
