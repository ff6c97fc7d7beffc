// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  getRunningLoop,
  IncompleteReadError,
  LimitOverrunError,
  newEventLoop,
  run,
  RuntimeError,
  sleep,
  StreamReader,
  StreamReaderProtocol,
} from "../../mod.ts";
import { FakeTransport } from "./_fake_transport.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const DATA = "line1\nline2\nline3\n";

/** Feeds EOF and returns what was left in the buffer. */
async function rest(reader: StreamReader): Promise<string> {
  reader.feedEof();
  return dec(await reader.read());
}

function reader(limit?: number): StreamReader {
  return new StreamReader({ limit });
}

Deno.test("StreamReader: feeding an empty array buffers nothing", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(new Uint8Array(0));
    assert.equal(String(r), "<StreamReader>");
    r.feedData(enc(DATA));
    assert.equal(String(r), "<StreamReader 18 bytes>");
    assert.equal(await rest(r), DATA);
  });
});

Deno.test("StreamReader.read(0) returns empty and keeps the buffer", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc(DATA));
    assert.equal((await r.read(0)).length, 0);
    assert.equal(await rest(r), DATA);
  });
});

Deno.test("StreamReader.read(n) waits for data fed later", async () => {
  await run(async () => {
    const r = reader();
    getRunningLoop().callSoon(() => r.feedData(enc(DATA)));
    assert.equal(dec(await r.read(30)), DATA);
    assert.equal(await rest(r), "");
  });
});

Deno.test("StreamReader.read(n) returns at most n bytes across chunks", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc("line1"));
    r.feedData(enc("line2"));
    assert.equal(dec(await r.read(5)), "line1");
    assert.equal(await rest(r), "line2");
  });
});

Deno.test("StreamReader.read(n) returns empty at EOF", async () => {
  await run(async () => {
    const r = reader();
    getRunningLoop().callSoon(() => r.feedEof());
    assert.equal((await r.read(1024)).length, 0);
    assert.ok(r.atEof());
  });
});

Deno.test("StreamReader.read() reads until EOF", async () => {
  await run(async () => {
    const r = reader();
    getRunningLoop().callSoon(() => {
      r.feedData(enc("chunk1\n"));
      r.feedData(enc("chunk2"));
      r.feedEof();
    });
    assert.equal(dec(await r.read()), "chunk1\nchunk2");
    assert.equal(dec(await r.read(-1)), "");
  });
});

Deno.test("StreamReader.read() with more than limit bytes keeps reading past the limit", async () => {
  await run(async () => {
    const r = reader(3);
    const loop = getRunningLoop();
    loop.callSoon(() => r.feedData(enc("abcdefgh")));
    loop.callSoon(() => r.feedData(enc("ijk")));
    loop.callSoon(() => r.feedEof());
    assert.equal(dec(await r.read()), "abcdefghijk");
  });
});

Deno.test("StreamReader.read() throws the exception set on the reader", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc("line\n"));
    assert.equal(dec(await r.read(2)), "li");
    const exc = new TypeError("boom");
    r.setException(exc);
    assert.equal(r.exception(), exc);
    await assert.rejects(r.read(2), (e) => e === exc);
  });
});

Deno.test("StreamReader rejects a limit <= 0 and bad read sizes", async () => {
  await run(async () => {
    assert.throws(() => new StreamReader({ limit: 0 }), RangeError);
    assert.throws(() => new StreamReader({ limit: -1 }), /limit must be > 0/);
    const r = reader();
    await assert.rejects(r.read(1.5), TypeError);
    await assert.rejects(r.readexactly(Number.NaN), TypeError);
  });
});

Deno.test("StreamReader.read(n) is not bounded by the limit", async () => {
  await run(async () => {
    const r = reader(3);
    r.feedData(enc("chunk"));
    assert.equal(dec(await r.read(5)), "chunk");
    assert.equal(await rest(r), "");
  });
});

Deno.test("StreamReader.readline() waits until a newline arrives", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc("chunk1 "));
    getRunningLoop().callSoon(() => {
      r.feedData(enc("chunk2 "));
      r.feedData(enc("chunk3 "));
      r.feedData(enc("\n chunk4"));
    });
    assert.equal(dec(await r.readline()), "chunk1 chunk2 chunk3 \n");
    assert.equal(await rest(r), " chunk4");
  });
});

Deno.test("StreamReader.readline() over the limit with data buffered: discards the line", async () => {
  await run(async () => {
    let r = reader(3);
    r.feedData(enc("li"));
    r.feedData(enc("ne1\nline2\n"));
    await assert.rejects(
      r.readline(),
      (e: Error) =>
        !(e instanceof LimitOverrunError) && e instanceof Error &&
        e.cause instanceof LimitOverrunError,
    );
    assert.equal(await rest(r), "line2\n");

    r = reader(3);
    r.feedData(enc("li"));
    r.feedData(enc("ne1"));
    r.feedData(enc("li"));
    await assert.rejects(r.readline(), Error);
    assert.equal(await rest(r), "");
  });
});

Deno.test("StreamReader.readline() over the limit with data arriving later", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    let r = reader(7);
    loop.callSoon(() => {
      r.feedData(enc("chunk1"));
      r.feedData(enc("chunk2"));
      r.feedData(enc("chunk3\n"));
      r.feedEof();
    });
    await assert.rejects(r.readline(), /chunk is longer than limit/);
    assert.equal(dec(await r.read()), "");

    r = reader(7);
    loop.callSoon(() => {
      r.feedData(enc("chunk1"));
      r.feedData(enc("chunk2\n"));
      r.feedData(enc("chunk3\n"));
      r.feedEof();
    });
    await assert.rejects(r.readline(), Error);
    assert.equal(dec(await r.read()), "chunk3\n");
  });
});

Deno.test("StreamReader.readline() limit is strict: limit bytes plus the newline pass", async () => {
  await run(async () => {
    const r = reader(7);
    r.feedData(enc("1234567\n"));
    assert.equal(dec(await r.readline()), "1234567\n");
    r.feedData(enc("12345678\n"));
    await assert.rejects(r.readline(), /Separator is found, but chunk is longer than limit/);
    r.feedData(enc("12345678"));
    await assert.rejects(r.readline(), Error);
    assert.equal(await rest(r), "");
  });
});

Deno.test("StreamReader.readline() with everything buffered returns the first line", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc(DATA.slice(0, 6)));
    r.feedData(enc(DATA.slice(6)));
    assert.equal(dec(await r.readline()), "line1\n");
    assert.equal(dec(await r.read(7)), "line2\nl");
    assert.equal(await rest(r), "ine3\n");
  });
});

Deno.test("StreamReader.readline() at EOF returns the partial line, then empty", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc("some data"));
    r.feedEof();
    assert.equal(dec(await r.readline()), "some data");
    assert.equal((await r.readline()).length, 0);
  });
});

Deno.test("StreamReader.readline() throws the reader's exception and clears nothing else", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc("line\n"));
    assert.equal(dec(await r.readline()), "line\n");
    r.setException(new SyntaxError("bad"));
    await assert.rejects(r.readline(), SyntaxError);
  });
});

Deno.test("StreamReader.atEof() is true only after EOF with an empty buffer", async () => {
  await run(async () => {
    const r = reader();
    assert.equal(r.atEof(), false);
    r.feedData(enc("some data\n"));
    assert.equal(r.atEof(), false);
    await r.readline();
    assert.equal(r.atEof(), false);
    r.feedData(enc("some data\n"));
    r.feedEof();
    assert.equal(r.atEof(), false);
    await r.readline();
    assert.equal(r.atEof(), true);
  });
});

Deno.test("StreamReader.readuntil() rejects empty separators with a clear error", async () => {
  await run(async () => {
    const r = reader();
    await assert.rejects(r.readuntil(new Uint8Array(0)), /separator should be at least one byte/);
    await assert.rejects(r.readuntil([]), /at least one element/);
    await assert.rejects(r.readuntil([enc("a"), new Uint8Array(0)]), RangeError);
    // deno-lint-ignore no-explicit-any
    await assert.rejects(r.readuntil("\n" as any), TypeError);
  });
});

Deno.test("StreamReader.readuntil() finds multi-byte separators", async () => {
  await run(async () => {
    const r = reader();
    const sep = enc("AAA");
    r.feedData(enc("lineAAA"));
    assert.equal(dec(await r.readuntil(sep)), "lineAAA");
    r.feedData(enc("lineAAAxxx"));
    assert.equal(dec(await r.readuntil(sep)), "lineAAA");
    assert.equal(await rest(r), "xxx");
  });
});

Deno.test("StreamReader.readuntil() finds a separator split across chunks", async () => {
  await run(async () => {
    const r = reader();
    const sep = enc("aaa");
    const cases: [string[], string][] = [
      [["QWEaa", "XYaa", "a"], "QWEaaXYaaa"],
      [["QWEaa", "XYa", "aa"], "QWEaaXYaaa"],
      [["aaa"], "aaa"],
      [["Xaaa"], "Xaaa"],
      [["XXX", "a", "a", "a"], "XXXaaa"],
    ];
    for (const [chunks, expected] of cases) {
      for (const c of chunks) r.feedData(enc(c));
      assert.equal(dec(await r.readuntil(sep)), expected);
    }
    assert.equal(await rest(r), "");
  });
});

Deno.test("StreamReader.readuntil() waits for the separator's last bytes", async () => {
  await run(async () => {
    const r = reader();
    const loop = getRunningLoop();
    r.feedData(enc("head\r"));
    loop.callSoon(() => r.feedData(enc("\nbody")));
    assert.equal(dec(await r.readuntil(enc("\r\n"))), "head\r\n");
    assert.equal(await rest(r), "body");
  });
});

Deno.test("StreamReader.readuntil() at EOF throws IncompleteReadError with the buffer", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc("some dataAA"));
    r.feedEof();
    await assert.rejects(r.readuntil(enc("AAA")), (e) => {
      assert.ok(e instanceof IncompleteReadError);
      assert.equal(dec(e.partial), "some dataAA");
      assert.equal(e.expected, null);
      assert.match(e.message, /undefined expected bytes/);
      return true;
    });
    assert.equal(dec(await r.read()), "");
  });
});

Deno.test("StreamReader.readuntil() overruns the limit with exact consumed counts and keeps the data", async () => {
  await run(async () => {
    const r = reader(3);
    r.feedData(enc("some dataAA"));
    await assert.rejects(r.readuntil(enc("AAA")), (e) => {
      assert.ok(e instanceof LimitOverrunError);
      assert.match(e.message, /not found/);
      assert.equal(e.consumed, 9);
      return true;
    });
    r.feedData(enc("A"));
    await assert.rejects(r.readuntil(enc("AAA")), (e) => {
      assert.ok(e instanceof LimitOverrunError);
      assert.match(e.message, /is found/);
      assert.equal(e.consumed, 9);
      return true;
    });
    assert.equal(await rest(r), "some dataAAA");
  });
});

Deno.test("StreamReader.readuntil() with several separators returns the shortest chunk", async () => {
  await run(async () => {
    const r = reader();
    const crlf = [enc("\r"), enc("\n")];
    r.feedData(enc("line 1\nline 2\r"));
    assert.equal(dec(await r.readuntil(crlf)), "line 1\n");
    assert.equal(dec(await r.readuntil(crlf)), "line 2\r");
    // The earliest end wins, even if that separator is longer.
    r.feedData(enc("ABCDEFG"));
    assert.equal(dec(await r.readuntil([enc("DEF"), enc("BCDE")])), "ABCDE");
    assert.equal(await rest(r), "FG");
  });
});

Deno.test("StreamReader.readuntil() with several separators: the shortest counts for the limit", async () => {
  await run(async () => {
    const r = reader(3);
    r.feedData(enc("some dataA"));
    await assert.rejects(r.readuntil([enc("A"), enc("ome dataA")]), (e) => {
      assert.ok(e instanceof LimitOverrunError);
      assert.match(e.message, /is found/);
      assert.equal(e.consumed, 9);
      return true;
    });
    assert.equal(await rest(r), "some dataA");
  });
});

Deno.test("StreamReader.readuntil() with a long and a short separator never scans from a negative offset", async () => {
  await run(async () => {
    const r = reader();
    const loop = getRunningLoop();
    r.feedData(enc("data"));
    loop.callSoon(() => r.feedData(enc("Z")));
    loop.callSoon(() => r.feedData(enc("Aaaa")));
    assert.equal(dec(await r.readuntil([enc("A"), enc("long sep")])), "dataZA");
    assert.equal(await rest(r), "aaa");
  });
});

Deno.test("StreamReader.readexactly(0) returns empty; a negative size is a RangeError", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc(DATA));
    assert.equal((await r.readexactly(0)).length, 0);
    await assert.rejects(
      r.readexactly(-1),
      (e) => e instanceof RangeError && /less than zero/.test(e.message),
    );
    assert.equal(await rest(r), DATA);
  });
});

Deno.test("StreamReader.readexactly() gathers several chunks", async () => {
  await run(async () => {
    const r = reader();
    getRunningLoop().callSoon(() => {
      r.feedData(enc(DATA));
      r.feedData(enc(DATA));
      r.feedData(enc(DATA));
    });
    assert.equal(dec(await r.readexactly(2 * DATA.length)), DATA + DATA);
    assert.equal(await rest(r), DATA);
  });
});

Deno.test("StreamReader.readexactly() is not bounded by the limit", async () => {
  await run(async () => {
    const r = reader(3);
    r.feedData(enc("chunk"));
    assert.equal(dec(await r.readexactly(5)), "chunk");
  });
});

Deno.test("StreamReader.readexactly() at EOF throws IncompleteReadError(partial, expected)", async () => {
  await run(async () => {
    const r = reader();
    getRunningLoop().callSoon(() => {
      r.feedData(enc(DATA));
      r.feedEof();
    });
    await assert.rejects(r.readexactly(36), (e) => {
      assert.ok(e instanceof IncompleteReadError);
      assert.equal(dec(e.partial), DATA);
      assert.equal(e.expected, 36);
      assert.equal(e.message, "18 bytes read on a total of 36 expected bytes");
      return true;
    });
    assert.equal(r.atEof(), true);
  });
});

Deno.test("StreamReader.readexactly() throws the reader's exception", async () => {
  await run(async () => {
    const r = reader();
    r.feedData(enc("line\n"));
    assert.equal(dec(await r.readexactly(2)), "li");
    r.setException(new URIError("x"));
    await assert.rejects(r.readexactly(2), URIError);
  });
});

Deno.test("StreamReader.setException() wakes a waiting read with the error", async () => {
  await run(async () => {
    const r = reader();
    assert.equal(r.exception(), null);
    const loop = getRunningLoop();
    const t = loop.createTask(() => r.readline());
    await sleep(0);
    r.setException(new EvalError("lost"));
    await assert.rejects(async () => await t, EvalError);
  });
});

Deno.test("StreamReader.setException() after a waiting read was cancelled leaves no waiter", async () => {
  await run(async () => {
    const r = reader();
    const t = getRunningLoop().createTask(() => r.readline());
    await sleep(0);
    assert.match(String(r), /waiter/);
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
    r.setException(new Error("message"));
    await sleep(0);
    assert.doesNotMatch(String(r), /waiter/);
  });
});

Deno.test("StreamReader: a cancelled read loses no data", async () => {
  await run(async () => {
    const r = reader();
    const loop = getRunningLoop();
    const t = loop.createTask(() => r.readexactly(10));
    await sleep(0);
    r.feedData(enc("01234"));
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
    r.feedData(enc("56789"));
    assert.equal(dec(await r.readexactly(10)), "0123456789");

    // Cancelled after the data arrived but before the task resumed: still kept.
    const t2 = loop.createTask(() => r.readline());
    await sleep(0);
    r.feedData(enc("kept\n"));
    t2.cancel();
    await assert.rejects(async () => await t2, CancelledError);
    assert.equal(dec(await r.readline()), "kept\n");
  });
});

Deno.test("StreamReader: only one task may wait for data at a time", async () => {
  await run(async () => {
    const r = reader();
    const loop = getRunningLoop();
    const first = loop.createTask(() => r.read(10));
    await sleep(0);
    await assert.rejects(
      r.readline(),
      (e) =>
        e instanceof RuntimeError && /readuntil\(\) called while another coroutine/.test(e.message),
    );
    // read() too rejects (as an awaited coroutine raises) rather than throwing at the call
    const second = r.read(10);
    await assert.rejects(second, /read\(\) called while another coroutine/);
    r.feedData(enc("ok"));
    assert.equal(dec(await first), "ok");
  });
});

Deno.test("StreamReader: for await iterates lines until EOF", async () => {
  await run(async () => {
    const r = reader();
    const loop = getRunningLoop();
    loop.callSoon(() => r.feedData(enc("a\nbb\n")));
    loop.callSoon(() => r.feedData(enc("ccc")));
    loop.callSoon(() => r.feedEof());
    const lines: string[] = [];
    for await (const line of r) lines.push(dec(line));
    assert.deepEqual(lines, ["a\n", "bb\n", "ccc"]);
  });
});

Deno.test("StreamReader: feedData() after feedEof() and non-bytes are errors", async () => {
  await run(() => {
    const r = reader();
    // deno-lint-ignore no-explicit-any
    assert.throws(() => r.feedData("x" as any), TypeError);
    r.feedEof();
    assert.throws(() => r.feedData(enc("x")), /after feedEof/);
  });
});

Deno.test("StreamReader pauses the transport above 2 * limit and resumes at limit", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const r = reader(4);
    const protocol = new StreamReaderProtocol(r);
    const t = new FakeTransport(loop, protocol).connect();
    t.receive("12345678");
    assert.equal(t.pauseReadingCalls, 0);
    t.receive("9");
    assert.equal(t.pauseReadingCalls, 1);
    assert.match(String(r), /9 bytes .*paused/);
    t.receive("abc"); // already paused: no second call
    assert.equal(t.pauseReadingCalls, 1);
    assert.equal(dec(await r.read(7)), "1234567");
    assert.equal(t.resumeReadingCalls, 0); // 5 left > limit
    assert.equal(dec(await r.read(1)), "8");
    assert.equal(t.resumeReadingCalls, 1);
    assert.equal(t.reading, true);
  });
});

Deno.test("StreamReader resumes a paused transport when a read must wait (readexactly > limit)", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const r = reader(2);
    const t = new FakeTransport(loop, new StreamReaderProtocol(r)).connect();
    t.receive("12345");
    assert.equal(t.reading, false);
    const task = loop.createTask(() => r.readexactly(8));
    await sleep(0);
    assert.equal(t.reading, true);
    t.receive("678");
    assert.equal(dec(await task), "12345678");
  });
});

Deno.test("StreamReader.readline() overrun resumes a paused transport after discarding", async () => {
  await run(async () => {
    const loop = getRunningLoop();
    const r = reader(2);
    const t = new FakeTransport(loop, new StreamReaderProtocol(r)).connect();
    t.receive("abcdef\nx\n");
    assert.equal(t.reading, false);
    await assert.rejects(r.readline(), Error);
    assert.equal(t.reading, true);
    assert.equal(dec(await r.readline()), "x\n");
  });
});

Deno.test("StreamReader reads buffered data without the loop (no future) and without copying", async () => {
  const loop = newEventLoop(); // never runs: a read that waited on a future would hang
  try {
    const r = new StreamReader({ loop });
    const chunk = enc("0123456789");
    r.feedData(chunk);
    assert.equal(await r.read(65536), chunk); // the very array: zero copy
    r.feedData(enc("abcdef\nxyz"));
    assert.equal(dec(await r.read(2)), "ab");
    assert.equal(dec(await r.readline()), "cdef\n");
    assert.equal(dec(await r.readexactly(2)), "xy");
    assert.equal(dec(await r.read(100)), "z");
  } finally {
    loop.close();
  }
});

for (const scribble of [false, true]) {
  Deno.test(
    `StreamReader's buffer stays correct under random chunking and reads${
      scribble ? ", with the caller writing into what it got" : ""
    }`,
    async () => {
      await run(async () => {
        let seed = 42;
        const rand = (n: number) => {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          return seed % n;
        };
        const r = reader(1 << 20);
        let expected = "";
        let got = "";
        let counter = 0;
        // every array fed and returned, with its text then: the reader writes into none of them
        const kept: [Uint8Array, string][] = [];
        const take = (b: Uint8Array) => {
          const text = dec(b);
          kept.push([b, text]);
          got += text;
          if (scribble) b.fill(33); // what the caller does with its bytes changes no later read
        };
        for (let round = 0; round < 300; round++) {
          const chunks = rand(4);
          for (let i = 0; i < chunks; i++) {
            let s = "";
            const len = rand(3000) + 1;
            for (let j = 0; j < len; j++) s += String.fromCharCode(97 + ((counter++ * 7) % 26));
            if (rand(5) === 0) s += "\n";
            const chunk = enc(s);
            kept.push([chunk, s]);
            r.feedData(chunk);
            expected += s;
          }
          if (got.length === expected.length) continue;
          const op = rand(4);
          if (op === 0) take(await r.read(rand(5000) + 1));
          else if (op === 1 && expected.indexOf("\n", got.length) !== -1) {
            take(await r.readline());
          } else if (op === 2 && expected.indexOf("\nq", got.length) !== -1) {
            take(await r.readuntil([enc("\nq"), enc("\nqz")]));
          } else {
            const avail = expected.length - got.length;
            take(await r.readexactly(Math.min(avail, rand(4000) + 1)));
          }
          assert.equal(got, expected.slice(0, got.length));
        }
        got += await rest(r);
        assert.equal(got, expected);
        if (!scribble) { for (const [b, text] of kept) assert.equal(dec(b), text); }
      });
    },
  );
}

Deno.test("StreamReader.read(n) hands chunks over whole or as views, and copies only across chunks", async () => {
  await run(async () => {
    const r = reader();
    const a = enc("abc"), b = enc("defgh"), c = enc("ij");
    r.feedData(a);
    r.feedData(b);
    r.feedData(c);
    assert.equal(String(r), "<StreamReader 10 bytes>");
    assert.equal(await r.read(3), a); // the very array
    const de = await r.read(2);
    assert.equal(dec(de), "de");
    assert.equal(de.buffer, b.buffer); // a view of the chunk, not a copy
    const fghi = await r.read(4); // min(n, buffered) bytes, from two chunks: one copy
    assert.equal(dec(fghi), "fghi");
    assert.notEqual(fghi.buffer, b.buffer);
    assert.equal(dec(await r.read(100)), "j");
    assert.deepEqual([dec(a), dec(b), dec(c)], ["abc", "defgh", "ij"]); // fed chunks untouched
    r.feedData(enc("kl"));
    r.feedData(enc("mn"));
    assert.equal(dec(await r.read(100)), "klmn"); // everything buffered, when n allows
    assert.equal(await rest(r), "");
  });
});

Deno.test("StreamReader: readuntil() and readexactly() over queued chunks, then read() again", async () => {
  await run(async () => {
    const r = reader();
    const chunks = ["ab", "c\nd", "ef", "g\nhij", "k"].map(enc);
    for (const chunk of chunks) r.feedData(chunk);
    assert.equal(dec(await r.readuntil()), "abc\n");
    assert.equal(dec(await r.read(1)), "d");
    assert.equal(dec(await r.readexactly(3)), "efg");
    r.feedData(enc("\nlm"));
    assert.equal(dec(await r.read(2)), "\nh");
    assert.equal(dec(await r.readline()), "ijk\n");
    assert.equal(await rest(r), "lm");
    assert.deepEqual(chunks.map(dec), ["ab", "c\nd", "ef", "g\nhij", "k"]);
  });
});

Deno.test("StreamReader.readline() overrun with the line spread over queued chunks discards it", async () => {
  await run(async () => {
    const r = reader(4);
    for (const s of ["12", "345", "67\nab", "c"]) r.feedData(enc(s));
    await assert.rejects(r.readline(), (e: Error) => e.cause instanceof LimitOverrunError);
    assert.equal(await rest(r), "abc");
  });
});

Deno.test("StreamReader.toString() describes the state", async () => {
  await run(() => {
    assert.equal(String(reader()), "<StreamReader>");
    assert.equal(String(reader(123)), "<StreamReader limit=123>");
    const r = reader();
    r.feedEof();
    assert.equal(String(r), "<StreamReader eof>");
    const r2 = reader();
    r2.setException(new RangeError("x"));
    assert.equal(String(r2), "<StreamReader exception=RangeError: x>");
  });
});

Deno.test("new StreamReader() outside a loop fails with a clear error", () => {
  assert.throws(() => new StreamReader(), /needs an event loop/);
});

Deno.test("StreamReader.read(): a cancelled wait leaves no waiter and loses no data", async () => {
  await run(async () => {
    const r = reader();
    const loop = getRunningLoop();
    // Cancelled while waiting.
    const t = loop.createTask(() => r.read(100));
    await sleep(0);
    t.cancel();
    await assert.rejects(async () => await t, CancelledError);
    assert.doesNotMatch(String(r), /waiter/);
    // Cancelled after the data arrived but before the task resumed: the data stays buffered.
    const t2 = loop.createTask(() => r.read(100));
    await sleep(0);
    r.feedData(enc("kept"));
    t2.cancel();
    await assert.rejects(async () => await t2, CancelledError);
    assert.equal(dec(await r.read(100)), "kept");
    // A waiting read takes what is there when it resumes, and sees EOF as an empty chunk.
    const t3 = loop.createTask(() => r.read(3));
    await sleep(0);
    r.feedData(enc("abcdef"));
    assert.equal(dec(await t3), "abc");
    assert.equal(dec(await r.read(100)), "def");
    const t4 = loop.createTask(() => r.read(3));
    await sleep(0);
    r.feedEof();
    assert.equal((await t4).length, 0);
  });
});

Deno.test("StreamReader.read(): successive waiting reads in one task each get their own data", async () => {
  await run(async () => {
    const r = reader();
    const loop = getRunningLoop();
    const got: string[] = [];
    const task = loop.createTask(async () => {
      for (let i = 0; i < 5; i++) got.push(dec(await r.read(100)));
    });
    for (let i = 0; i < 5; i++) {
      await sleep(0);
      assert.match(String(r), /waiter/);
      r.feedData(enc(`chunk${i}`));
    }
    await task;
    assert.deepEqual(got, ["chunk0", "chunk1", "chunk2", "chunk3", "chunk4"]);
  });
});
