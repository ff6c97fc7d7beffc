// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  type BaseProtocol,
  type ExceptionContext,
  type Future,
  getRunningLoop,
  run,
  sleep,
  type WriteTransport,
} from "../../mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A sink whose writes complete only when the test releases them. */
function controlledSink() {
  const written: Uint8Array[] = [];
  const releases: (() => void)[] = [];
  let closed = false;
  let aborted: unknown = undefined;
  const stream = new WritableStream<Uint8Array>({
    write(chunk) {
      written.push(chunk);
      return new Promise<void>((resolve) => releases.push(resolve));
    },
    close() {
      closed = true;
    },
    abort(reason) {
      aborted = reason ?? "aborted";
    },
  }, { highWaterMark: 1 });
  return {
    stream,
    written,
    /** Completes the oldest pending write. */
    release() {
      releases.shift()?.();
    },
    pendingWrites: () => releases.length,
    closed: () => closed,
    aborted: () => aborted,
  };
}

function recorder() {
  const events: string[] = [];
  const lost: Future<Error | null> = getRunningLoop().createFuture();
  const protocol: BaseProtocol = {
    connectionMade() {
      events.push("made");
    },
    pauseWriting() {
      events.push("pause");
    },
    resumeWriting() {
      events.push("resume");
    },
    connectionLost(exc) {
      events.push("lost");
      lost.setResult(exc);
    },
  };
  return { events, lost, protocol };
}

/** Runs loop iterations until `cond()` holds (bounded). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !cond(); i++) await sleep(0);
  assert.ok(cond(), "condition not reached");
}

Deno.test("write() buffers without blocking; writes in flight are coalesced and arrive in order", () =>
  run(async () => {
    const sink = controlledSink();
    const r = recorder();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, sink.stream);
    t.write(enc("a"));
    t.write(enc("b"));
    t.writelines([enc("c"), enc("d")]);
    assert.equal(t.getWriteBufferSize(), 4);
    await until(() => sink.written.length === 1);
    sink.release();
    await until(() => sink.written.length === 2);
    assert.deepEqual(sink.written.map(dec), ["a", "bcd"]);
    sink.release();
    await until(() => t.getWriteBufferSize() === 0);
    t.close();
    assert.equal(t.isClosing(), true);
    assert.equal(await r.lost, null);
    assert.equal(sink.closed(), true);
    assert.deepEqual(r.events, ["made", "lost"]);
  }));

Deno.test("write() copies the data: changing the array afterwards changes nothing", () =>
  run(async () => {
    const sink = controlledSink();
    const r = recorder();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, sink.stream);
    const buf = enc("abc");
    t.write(buf);
    buf.fill(120);
    t.write(buf);
    await until(() => sink.written.length === 1);
    sink.release();
    await until(() => sink.written.length === 2);
    sink.release();
    t.close();
    await r.lost;
    assert.deepEqual(sink.written.map(dec), ["abc", "xxx"]);
  }));

Deno.test("pauseWriting() above the high-water mark, resumeWriting() at the low-water mark", () =>
  run(async () => {
    const sink = controlledSink();
    const r = recorder();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, sink.stream);
    assert.deepEqual(t.getWriteBufferLimits(), [16384, 65536]);
    t.setWriteBufferLimits(10, 4);
    assert.deepEqual(t.getWriteBufferLimits(), [4, 10]);
    t.write(new Uint8Array(6)); // in flight
    t.write(new Uint8Array(4)); // 10: not above high
    assert.deepEqual(r.events, ["made"]);
    t.write(new Uint8Array(1)); // 11 > 10
    assert.deepEqual(r.events, ["made", "pause"]);
    t.write(new Uint8Array(1)); // no second pause
    assert.equal(t.getWriteBufferSize(), 12);
    sink.release(); // 6 done -> 6 left, above low
    await until(() => t.getWriteBufferSize() === 6);
    assert.deepEqual(r.events, ["made", "pause"]);
    sink.release(); // the coalesced 6 -> 0
    await until(() => r.events.length === 3);
    assert.deepEqual(r.events, ["made", "pause", "resume"]);
    assert.equal(t.getWriteBufferSize(), 0);
    t.close();
    await r.lost;
  }));

Deno.test("setWriteBufferLimits() defaults as Python: high 64 KiB or 4 * low, low high / 4; rejects high < low", () =>
  run(async () => {
    const sink = controlledSink();
    const r = recorder();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, sink.stream);
    t.setWriteBufferLimits(1000);
    assert.deepEqual(t.getWriteBufferLimits(), [250, 1000]);
    t.setWriteBufferLimits(undefined, 100);
    assert.deepEqual(t.getWriteBufferLimits(), [100, 400]);
    t.setWriteBufferLimits();
    assert.deepEqual(t.getWriteBufferLimits(), [16384, 65536]);
    assert.throws(() => t.setWriteBufferLimits(1, 2), RangeError);
    assert.throws(() => t.setWriteBufferLimits(-4, -1), /must be >= 0/);
    t.close();
    await r.lost;
  }));

Deno.test("writeEof() flushes everything, then closes the stream; later writes are dropped", () =>
  run(async () => {
    const sink = controlledSink();
    const r = recorder();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, sink.stream);
    assert.equal(t.canWriteEof(), true);
    t.write(enc("one"));
    t.write(enc("two"));
    t.writeEof();
    t.write(enc("late"));
    await until(() => sink.written.length === 1);
    sink.release();
    await until(() => sink.written.length === 2);
    assert.equal(sink.closed(), false);
    sink.release();
    assert.equal(await r.lost, null);
    assert.equal(sink.closed(), true);
    assert.deepEqual(sink.written.map(dec), ["one", "two"]);
  }));

Deno.test("a stream whose close() fails: connectionLost(exc) with that error, reported too", () =>
  run(async () => {
    const loop = getRunningLoop();
    const reported: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => reported.push(ctx));
    const failure = new Error("close failed");
    const r = recorder();
    const stream = new WritableStream<Uint8Array>({
      close() {
        throw failure;
      },
    });
    const [t] = await loop.connectWritePipe(() => r.protocol, stream);
    t.close();
    assert.equal(await r.lost, failure);
    assert.equal(reported.length, 1);
    assert.equal(reported[0].exception, failure);
    assert.match(reported[0].message, /closing pipe transport/);
  }));

Deno.test("the reading side going away while nothing is written loses the connection, as Python's pipe transport", () =>
  run(async () => {
    const r = recorder();
    const pipe = new TransformStream<Uint8Array, Uint8Array>();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, pipe);
    await pipe.readable.cancel(new Error("reader gone"));
    assert.equal(await r.lost, null); // nothing was buffered: no error, as Python's _read_ready()
    assert.equal(t.isClosing(), true);
  }));

Deno.test("abort() drops the buffer and aborts the stream; connectionLost(null) follows", () =>
  run(async () => {
    const sink = controlledSink();
    const r = recorder();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, sink.stream);
    t.write(enc("in flight"));
    t.write(enc("dropped"));
    t.abort();
    assert.equal(t.getWriteBufferSize(), 0);
    assert.equal(await r.lost, null);
    sink.release(); // the in-flight write ends; the abort then reaches the sink
    await until(() => sink.aborted() !== undefined);
    assert.deepEqual(sink.written.map(dec), ["in flight"]);
    assert.deepEqual(r.events, ["made", "lost"]);
  }));

Deno.test("a reader that went away: BrokenPipe reaches connectionLost(exc), not the exception handler", () =>
  run(async () => {
    const loop = getRunningLoop();
    const reported: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => reported.push(ctx));
    const r = recorder();
    const stream = new WritableStream<Uint8Array>({
      write() {
        throw new Deno.errors.BrokenPipe("Broken pipe (os error 32)");
      },
    });
    const [t] = await loop.connectWritePipe(() => r.protocol, stream);
    t.write(enc("x"));
    const exc = await r.lost;
    assert.ok(exc instanceof Deno.errors.BrokenPipe);
    assert.equal(t.isClosing(), true);
    t.write(enc("dropped")); // no throw
    assert.equal(reported.length, 0);
  }));

Deno.test("a non-OS write error is also reported to the exception handler", () =>
  run(async () => {
    const loop = getRunningLoop();
    const reported: ExceptionContext[] = [];
    loop.setExceptionHandler((_l, ctx) => reported.push(ctx));
    const r = recorder();
    const boom = new Error("boom");
    const stream = new WritableStream<Uint8Array>({
      write() {
        throw boom;
      },
    });
    const [t] = await loop.connectWritePipe(() => r.protocol, stream);
    t.write(enc("x"));
    assert.equal(await r.lost, boom);
    assert.equal(reported.length, 1);
    assert.match(reported[0].message, /Fatal write error on pipe transport/);
  }));

Deno.test("write() rejects non-bytes with a TypeError; accepts other ArrayBufferViews", () =>
  run(async () => {
    const sink = controlledSink();
    const r = recorder();
    const [t] = await getRunningLoop().connectWritePipe(() => r.protocol, {
      writable: sink.stream,
    });
    // deno-lint-ignore no-explicit-any
    assert.throws(() => t.write("text" as any), /data must be a Uint8Array, got string "text"/);
    t.write(new Uint16Array([0x4241]) as unknown as Uint8Array);
    t.write(new Uint8Array(0)); // ignored
    await until(() => sink.written.length === 1);
    sink.release();
    (t as WriteTransport).close();
    await r.lost;
    assert.equal(sink.written[0].byteLength, 2);
  }));

Deno.test("connectWritePipe() rejects a non-stream with a TypeError", () =>
  run(async () => {
    await assert.rejects(
      // deno-lint-ignore no-explicit-any
      getRunningLoop().connectWritePipe(() => ({}), { writable: 1 } as any),
      (e) => e instanceof TypeError && /WritableStream/.test(e.message),
    );
  }));
