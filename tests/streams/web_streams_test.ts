// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Web Streams interop: StreamReader.fromReadableStream / toReadableStream,
// StreamWriter.fromWritableStream / toWritableStream.
import assert from "node:assert/strict";
import {
  CancelledError,
  getRunningLoop,
  run,
  sleep,
  StreamReader,
  StreamReaderProtocol,
  StreamWriter,
} from "../../mod.ts";
import { FakeTransport } from "./_fake_transport.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

async function iterations(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await sleep(0);
}

Deno.test("StreamReader.fromReadableStream() reads lines, exact sizes and EOF", async () => {
  await run(async () => {
    const reader = StreamReader.fromReadableStream(
      ReadableStream.from(["hel", "lo\nwor", "ld\n", "tail"].map(enc)),
    );
    assert.equal(dec(await reader.readline()), "hello\n");
    assert.equal(dec(await reader.readexactly(3)), "wor");
    assert.equal(dec(await reader.readuntil(enc("\n"))), "ld\n");
    assert.equal(dec(await reader.read()), "tail");
    assert.equal(reader.atEof(), true);
  });
});

Deno.test("StreamReader.fromReadableStream() turns the stream's error into the reader's exception", async () => {
  await run(async () => {
    const failure = new Error("source failed");
    const reader = StreamReader.fromReadableStream(
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(enc("partial"));
          controller.error(failure);
        },
      }),
    );
    await assert.rejects(reader.read(), (e) => e === failure);
    assert.equal(reader.exception(), failure);
  });
});

Deno.test("StreamReader.fromReadableStream() rejects chunks that are not bytes", async () => {
  await run(async () => {
    const stream = ReadableStream.from(["text"]) as unknown as ReadableStream<Uint8Array>;
    const reader = StreamReader.fromReadableStream(stream);
    await assert.rejects(
      reader.read(),
      (e) => e instanceof TypeError && /Uint8Array/.test(e.message),
    );
  });
});

Deno.test("StreamReader.fromReadableStream() stops pulling while more than limit bytes are buffered", async () => {
  await run(async () => {
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(enc("abc"));
      },
    }, { highWaterMark: 0 });
    const reader = StreamReader.fromReadableStream(stream, { limit: 4 });
    await iterations(20);
    // 3 bytes (<= 4): pull again; 6 bytes (> 4): stop.
    assert.equal(pulls, 2);
    assert.equal(dec(await reader.read(6)), "abcabc");
    await iterations(20);
    assert.equal(pulls, 4);
    assert.equal(dec(await reader.readexactly(5)), "abcab");
    await iterations(20);
    assert.equal(pulls, 6); // 1 + 3 = 4 bytes: pull again; 7 bytes: stop
    await stream.cancel().catch(() => {});
  });
});

Deno.test("StreamReader.toReadableStream() streams the reader's bytes and closes at EOF", async () => {
  await run(async () => {
    const reader = new StreamReader();
    const loop = getRunningLoop();
    loop.callSoon(() => reader.feedData(enc("abc")));
    loop.callSoon(() => reader.feedData(enc("def")));
    loop.callSoon(() => reader.feedEof());
    assert.equal(await new Response(reader.toReadableStream()).text(), "abcdef");
  });
});

Deno.test("StreamReader.toReadableStream() supports BYOB readers", async () => {
  await run(async () => {
    const reader = new StreamReader();
    reader.feedData(enc("0123456789"));
    reader.feedEof();
    const byob = reader.toReadableStream().getReader({ mode: "byob" });
    const first = await byob.read(new Uint8Array(4));
    assert.equal(dec(first.value!), "0123");
    const second = await byob.read(new Uint8Array(100));
    assert.equal(dec(second.value!), "456789");
    const end = await byob.read(new Uint8Array(4));
    assert.equal(end.done, true);
  });
});

Deno.test("StreamReader.toReadableStream() errors with the reader's exception", async () => {
  await run(async () => {
    const reader = new StreamReader();
    const failure = new Error("lost");
    getRunningLoop().callSoon(() => reader.setException(failure));
    await assert.rejects(new Response(reader.toReadableStream()).text(), (e) => e === failure);
  });
});

Deno.test("Cancelling StreamReader.toReadableStream() cancels the pending read only", async () => {
  await run(async () => {
    const reader = new StreamReader();
    const webReader = reader.toReadableStream().getReader();
    const pending = webReader.read();
    await iterations(2);
    await webReader.cancel();
    assert.equal((await pending).done, true);
    reader.feedData(enc("still here"));
    assert.equal(dec(await reader.read(100)), "still here");
  });
});

Deno.test("StreamWriter.fromWritableStream() writes in order; drain() follows the stream's back-pressure", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const chunks: string[] = [];
    let release: (() => void) | null = null;
    const sink = new WritableStream<Uint8Array>({
      write(chunk) {
        chunks.push(dec(chunk));
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    const writer = StreamWriter.fromWritableStream(sink);
    writer.write(enc("one"));
    assert.equal(writer.transport.getWriteBufferSize(), 3);
    const drained = loop.createTask(() => writer.drain());
    await iterations(5);
    assert.equal(drained.done(), false); // the sink has not taken the chunk yet
    assert.deepEqual(chunks, ["one"]);
    release!();
    await drained;
    assert.equal(writer.transport.getWriteBufferSize(), 0);
    const two = enc("two");
    const three = enc("three");
    writer.write(two);
    writer.writelines([three]);
    two.fill(63); // the caller may reuse its buffers once write() returned, as in Python
    three.fill(63);
    writer.close();
    assert.equal(writer.isClosing(), true);
    writer.write(enc("late")); // dropped, as Python's transports drop writes once closing
    const closing = writer.waitClosed();
    for (let i = 0; i < 2; i++) {
      await iterations(3);
      release!();
    }
    await closing;
    assert.deepEqual(chunks, ["one", "two", "three"]);
    assert.equal(writer.getExtraInfo("pipe"), sink);
  });
});

Deno.test("StreamWriter.fromWritableStream(): a failing sink fails drain() and waitClosed()", async () => {
  await run(async () => {
    const failure = new Error("disk full");
    const writer = StreamWriter.fromWritableStream(
      new WritableStream<Uint8Array>({
        write() {
          throw failure;
        },
      }),
    );
    writer.write(enc("x"));
    await assert.rejects(writer.waitClosed(), (e) => e === failure);
    await assert.rejects(writer.drain(), Deno.errors.ConnectionReset);
    writer.write(enc("dropped")); // after the loss, writes are dropped as on a dead pipe
  });
});

Deno.test("StreamWriter.fromWritableStream(): transport.abort() aborts the stream", async () => {
  await run(async () => {
    let aborted = false;
    const writer = StreamWriter.fromWritableStream(
      new WritableStream<Uint8Array>({
        abort() {
          aborted = true;
        },
      }),
    );
    writer.transport.abort();
    await writer.waitClosed();
    assert.equal(aborted, true);
  });
});

Deno.test("StreamWriter.fromWritableStream(): abort() with writes queued drops them and closes cleanly", async () => {
  await run(async () => {
    const writer = StreamWriter.fromWritableStream(
      new WritableStream<Uint8Array>({
        write: () => new Promise(() => {}), // a sink that never takes a chunk
      }),
    );
    writer.write(enc("a"));
    writer.write(enc("b"));
    writer.write(enc("c"));
    assert.equal(writer.transport.getWriteBufferSize(), 3);
    writer.transport.abort();
    assert.equal(writer.transport.getWriteBufferSize(), 0); // as Python's abort() clears the buffer
    await writer.waitClosed(); // resolves: an abort is no error
  });
});

Deno.test("StreamWriter.toWritableStream(): pipeTo writes, drains and closes the writer", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const reader = new StreamReader();
    const protocol = new StreamReaderProtocol(reader);
    const transport = new FakeTransport(loop, protocol, { high: 4 }).connect();
    const writer = new StreamWriter(transport, protocol, reader, loop);
    // Flush the fake transport whenever it pauses, as a socket draining would.
    const pipe = ReadableStream.from(["ab", "cdefgh", "ij"].map(enc)).pipeTo(
      writer.toWritableStream(),
    );
    const flusher = loop.createTask(async () => {
      while (!transport.isClosing()) {
        transport.flush();
        await sleep(0);
      }
    });
    await pipe;
    await flusher;
    assert.equal(transport.text(), "abcdefghij");
    assert.equal(writer.isClosing(), true);
  });
});

Deno.test("Round trip: StreamWriter -> TransformStream -> StreamReader", async () => {
  await run(async () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const writer = StreamWriter.fromWritableStream(writable);
    const reader = StreamReader.fromReadableStream(readable);
    const loop = getRunningLoop();
    const producer = loop.createTask(async () => {
      for (let i = 0; i < 50; i++) {
        writer.write(enc(`line ${i}\n`));
        await writer.drain();
      }
      writer.close();
      await writer.waitClosed();
    });
    const lines: string[] = [];
    for await (const line of reader) lines.push(dec(line));
    await producer;
    assert.equal(lines.length, 50);
    assert.equal(lines[49], "line 49\n");
  });
});

Deno.test("Round trip: StreamReader.toReadableStream() into StreamWriter.toWritableStream()", async () => {
  await run(async () => {
    const source = StreamReader.fromReadableStream(ReadableStream.from(["x", "y", "z"].map(enc)));
    const chunks: string[] = [];
    const writer = StreamWriter.fromWritableStream(
      new WritableStream<Uint8Array>({
        write(chunk) {
          chunks.push(dec(chunk));
        },
      }),
    );
    await source.toReadableStream().pipeTo(writer.toWritableStream());
    assert.equal(chunks.join(""), "xyz");
    assert.equal(writer.isClosing(), true);
  });
});

Deno.test("A read cancelled through its task is a CancelledError, and the stream pump keeps the data", async () => {
  await run(async () => {
    const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
    const reader = StreamReader.fromReadableStream(readable);
    const loop = getRunningLoop();
    const t = loop.createTask(() => reader.readexactly(4));
    await sleep(0);
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
    const w = writable.getWriter();
    await w.write(enc("data"));
    await w.close();
    assert.equal(dec(await reader.read()), "data");
  });
});

Deno.test("StreamWriter.fromWritableStream(): write() takes any view of bytes, as the other transports", async () => {
  await run(async () => {
    const chunks: string[] = [];
    const writer = StreamWriter.fromWritableStream(
      new WritableStream<Uint8Array>({ write: (chunk) => void chunks.push(dec(chunk)) }),
    );
    const bytes = enc("ab!cd");
    writer.write(new DataView(bytes.buffer, 2, 1) as unknown as Uint8Array);
    assert.throws(() => writer.write("text" as unknown as Uint8Array), TypeError);
    writer.close();
    await writer.waitClosed();
    assert.deepEqual(chunks, ["!"]);
  });
});
