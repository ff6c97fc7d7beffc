// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Shared test helpers: recording protocols, an echo protocol, bounded waits, Unix child runs.
import assert from "node:assert/strict";
import {
  type BaseTransport,
  type EventLoop,
  type Future,
  getRunningLoop,
  type Protocol,
  type Transport,
} from "../../mod.ts";

export const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
export const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Fails (instead of hanging the suite) if `future` is not done within `seconds`. */
export async function within<T>(
  future: PromiseLike<T>,
  seconds = 5,
  what = "operation",
): Promise<T> {
  const loop = getRunningLoop();
  const guard = loop.createFuture<T>();
  const timer = loop.callLater(seconds, () => {
    if (!guard.done()) guard.setException(new Error(`${what} did not finish within ${seconds} s`));
  });
  Promise.resolve(future).then(
    (v) => {
      if (!guard.done()) guard.setResult(v);
    },
    (e) => {
      if (!guard.done()) guard.setException(e);
    },
  );
  try {
    return await guard;
  } finally {
    timer.cancel();
  }
}

/** An echo protocol: writes back what it reads. */
export function echoProtocol(): Protocol {
  let transport: Transport;
  return {
    connectionMade(t) {
      transport = t as Transport;
    },
    dataReceived(data) {
      transport.write(data);
    },
  };
}

/** A protocol that records every callback in order, with futures to wait on. */
export class Recorder implements Protocol {
  events: string[] = [];
  chunks: Uint8Array[] = [];
  transport: Transport | null = null;
  made: Future<void>;
  lost: Future<Error | null>;
  eof: Future<void>;
  keepOpenOnEof = false;
  #waitFor: { bytes: number; future: Future<void> } | null = null;
  #loop: EventLoop;

  constructor(loop: EventLoop = getRunningLoop()) {
    this.#loop = loop;
    this.made = loop.createFuture();
    this.lost = loop.createFuture();
    this.eof = loop.createFuture();
  }

  connectionMade(transport: BaseTransport): void {
    this.events.push("made");
    this.transport = transport as Transport;
    this.made.setResult(undefined);
  }

  dataReceived(data: Uint8Array): void {
    this.events.push("data");
    this.chunks.push(data);
    const w = this.#waitFor;
    if (w !== null && this.size >= w.bytes) {
      this.#waitFor = null;
      w.future.setResult(undefined);
    }
  }

  eofReceived(): boolean {
    this.events.push("eof");
    this.eof.setResult(undefined);
    return this.keepOpenOnEof;
  }

  connectionLost(exc: Error | null): void {
    this.events.push("lost");
    this.lost.setResult(exc);
  }

  pauseWriting(): void {
    this.events.push("pause");
  }

  resumeWriting(): void {
    this.events.push("resume");
  }

  /** Bytes received so far. */
  get size(): number {
    return this.chunks.reduce((n, c) => n + c.length, 0);
  }

  /** All bytes received, joined. */
  get data(): Uint8Array {
    const out = new Uint8Array(this.size);
    let i = 0;
    for (const c of this.chunks) {
      out.set(c, i);
      i += c.length;
    }
    return out;
  }

  /** Resolves once at least `bytes` were received. */
  received(bytes: number): Future<void> {
    const future = this.#loop.createFuture<void>();
    if (this.size >= bytes) future.setResult(undefined);
    else this.#waitFor = { bytes, future };
    return future;
  }
}

/** The port a server listens on. */
export function portOf(server: { sockets: readonly { getsockname(): unknown }[] }): number {
  return (server.sockets[0].getsockname() as [string, number])[1];
}

/**
 * Runs `_child.ts <mode> <path>` for a Unix socket at `<temp dir>/<file>`, in a child Deno granted
 * `--allow-net=unix:<path>` (which Deno 2.9 asks for on top of read/write), and returns its JSON
 * report with the path replaced by `"<path>"`.
 */
export async function unixChildReport(mode: string, file: string): Promise<unknown> {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/${file}`;
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-read",
        "--allow-write",
        `--allow-net=unix:${path}`,
        new URL("./_child.ts", import.meta.url).pathname,
        mode,
        path,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(out.code, 0, decode(out.stderr));
    return JSON.parse(decode(out.stdout).replaceAll(path, "<path>"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** A loopback port nobody listens on (it was free a moment ago). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

/** Connects to a loopback echo server on `port`, sends "ping", returns what came back. */
export async function echoOnce(port: number): Promise<string> {
  const client = new Recorder();
  const [transport] = await getRunningLoop().createConnection(() => client, "127.0.0.1", port);
  transport.write(encode("ping"));
  await within(client.received(4));
  transport.close();
  await within(client.lost);
  return decode(client.data);
}
