// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  currentTask,
  getRunningLoop,
  LifoQueue,
  newEventLoop,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  QueueShutDown,
  run,
  RuntimeError,
  VirtualClock,
} from "../../mod.ts";
import { failure, PENDING, spawn, ticks, until } from "./_helpers.ts";

Deno.test("Queue: empty(), full(), qsize(), maxsize and FIFO order", async () => {
  await run(async () => {
    const q = new Queue<number>();
    assert.equal(q.empty(), true);
    assert.equal(q.full(), false);
    assert.equal(q.maxsize, 0);
    for (const i of [1, 3, 2]) await q.put(i);
    assert.equal(q.qsize(), 3);
    assert.equal(String(q), "<Queue maxsize=0 _queue=[1, 3, 2] tasks=3>");
    assert.deepEqual([await q.get(), await q.get(), await q.get()], [1, 3, 2]);
    const bounded = new Queue<number>(1);
    await bounded.put(1);
    assert.equal(bounded.full(), true);
    assert.equal(bounded.maxsize, 1);
  });
});

Deno.test("Queue rejects a maxsize that is not a number; a fractional one rounds up", () => {
  assert.throws(
    () => new Queue("3" as unknown as number),
    (e) => e instanceof TypeError && /maxsize/.test(e.message),
  );
  assert.throws(() => new Queue(NaN), TypeError);
  const q = new Queue(1.3);
  q.putNowait(1);
  q.putNowait(2);
  assert.equal(q.full(), true);
  assert.throws(() => q.putNowait(3), QueueFull);
});

Deno.test("Queue: put() blocks at maxsize until a get() frees a slot", async () => {
  await run(async () => {
    const q = new Queue<number>(2);
    const put: number[] = [];
    const putter = spawn(async () => {
      for (let i = 0; i < 3; i++) {
        await q.put(i);
        put.push(i);
      }
      return true;
    });
    await until(() => String(q).includes("_putters[1]"));
    assert.deepEqual(put, [0, 1]);
    assert.equal(String(q), "<Queue maxsize=2 _queue=[0, 1] _putters[1] tasks=2>");
    assert.equal(await q.get(), 0);
    await until(() => put.length === 3);
    assert.equal(await q.get(), 1);
    assert.equal(await q.get(), 2);
    assert.equal(await putter, true);
  });
});

Deno.test("Queue: get() blocks until an item arrives", async () => {
  const loop = newEventLoop({ clock: new VirtualClock() });
  await loop.runUntilComplete(async () => {
    const q = new Queue<number>();
    const getter = spawn(() => q.get());
    await ticks();
    assert.equal(String(q), "<Queue maxsize=0 _getters[1]>");
    getRunningLoop().callLater(0.01, () => q.putNowait(1));
    assert.equal(await getter, 1);
    assert.equal(getRunningLoop().time() >= 0.01, true);
  });
  loop.close();
});

Deno.test("Queue: putNowait() and getNowait() throw QueueFull and QueueEmpty", () => {
  const q = new Queue<number>(1);
  assert.throws(() => q.getNowait(), QueueEmpty);
  q.putNowait(1);
  assert.throws(() => q.putNowait(2), QueueFull);
  assert.equal(q.getNowait(), 1);
});

Deno.test("Queue: a put()/get() that can complete at once is already settled", async () => {
  await run(async () => {
    const q = new Queue<number>(1);
    assert.equal(await Promise.race([q.put(1), PENDING]), undefined);
    assert.equal(await Promise.race([q.get(), PENDING]), 1);
    assert.equal(await Promise.race([q.join().then(() => "joined"), PENDING]), "pending");
  });
});

Deno.test("Queue: fast put()/get() do not need an event loop at all", async () => {
  const q = new Queue<number>(1);
  await q.put(1);
  assert.equal(await q.get(), 1);
  await assert.rejects(
    q.get(),
    (e) => e instanceof RuntimeError && /running event loop/.test(e.message),
  );
});

Deno.test("Queue: a cancelled getter does not swallow the next item", async () => {
  await run(async () => {
    const q = new Queue<string>();
    const t1 = spawn(() => q.get());
    const t2 = spawn(() => q.get());
    await ticks();
    t1.cancel();
    await ticks();
    assert.equal(t1.done(), true);
    await q.put("a");
    assert.equal(await t2, "a");
  });
});

Deno.test("Queue: a getter woken by put and then cancelled loses no item", async () => {
  await run(async () => {
    const q = new Queue<number>();
    let reader = spawn(() => q.get());
    await ticks();
    q.putNowait(1);
    q.putNowait(2);
    reader.cancel();
    assert.ok(await failure(reader) instanceof CancelledError);
    reader = spawn(() => q.get());
    assert.equal(await reader, 1);
    assert.equal(q.qsize(), 1);
  });
});

Deno.test("Queue: with many readers, cancelling one woken reader passes its item on", async () => {
  await run(async () => {
    const q = new Queue<number>();
    const [r1, r2, r3] = [0, 1, 2].map(() => spawn(() => q.get()));
    await ticks();
    q.putNowait(1);
    q.putNowait(2);
    r1.cancel();
    assert.ok(await failure(r1) instanceof CancelledError);
    assert.deepEqual(new Set([await r2, await r3]), new Set([1, 2]));
  });
});

Deno.test("Queue: a putter woken by get and then cancelled lets the next put in", async () => {
  await run(async () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    let writer = spawn(() => q.put(2));
    await ticks();
    assert.equal(q.getNowait(), 1);
    writer.cancel();
    assert.ok(await failure(writer) instanceof CancelledError);
    writer = spawn(() => q.put(2));
    await writer;
    assert.equal(q.getNowait(), 2);
    assert.equal(q.qsize(), 0);
  });
});

Deno.test("Queue: a cancelled putter does not take a slot", async () => {
  await run(async () => {
    const q = new Queue<string>(1);
    const putA = spawn(() => q.put("a"));
    const putB = spawn(() => q.put("b"));
    const putC = spawn(() => q.put("X"));
    await ticks();
    assert.equal(putA.done(), true);
    assert.equal(putB.done(), false);
    putC.cancel();
    await ticks();
    assert.equal(putC.done(), true);
    assert.equal(q.getNowait(), "a");
    await ticks();
    assert.equal(q.getNowait(), "b");
    await putB;
    assert.equal(q.empty(), true);
  });
});

Deno.test("Queue: cancelled getters and putters are not kept as waiters", async () => {
  const loop = newEventLoop({ clock: new VirtualClock() });
  await loop.runUntilComplete(async () => {
    const q = new Queue<number>(1);
    const getter = spawn(() => q.get());
    getRunningLoop().callLater(0.1, () => getter.cancel());
    assert.ok(await failure(getter) instanceof CancelledError);
    assert.equal(String(q), "<Queue maxsize=1>");
    q.putNowait(1);
    const putter = spawn(() => q.put(2));
    await ticks();
    assert.equal(String(q), "<Queue maxsize=1 _queue=[1] _putters[1] tasks=1>");
    // getNowait() removes the putter's future from the waiters; the cancel must not fail.
    q.getNowait();
    putter.cancel();
    assert.ok(await failure(putter) instanceof CancelledError);
    assert.equal(String(q), "<Queue maxsize=1 tasks=1>");
  });
  loop.close();
});

Deno.test("Queue: get() with waiting putters returns their items in order", async () => {
  await run(async () => {
    const q = new Queue<string>(1);
    spawn(() => q.put("a"));
    spawn(() => q.put("b"));
    assert.equal(await q.get(), "a");
    assert.equal(await q.get(), "b");
  });
});

Deno.test("Queue: producer and consumer through a queue of 1 both finish", async () => {
  await run(async () => {
    const q = new Queue<number>(1);
    const got: number[] = [];
    const producer = spawn(async () => {
      for (let i = 0; i < 5; i++) await q.put(i);
    });
    const consumer = spawn(async () => {
      for (let i = 0; i < 5; i++) got.push(await q.get());
    });
    await producer;
    await consumer;
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
  });
});

Deno.test("Queue: join() waits for taskDone() of every item; too many taskDone() throws", async () => {
  await run(async () => {
    const q = new Queue<number>();
    assert.throws(() => q.taskDone(), (e) => e instanceof RangeError && /too many/.test(e.message));
    await q.join();
    for (let i = 0; i < 100; i++) q.putNowait(i);
    let sum = 0;
    let running = true;
    const workers = [0, 1].map(() =>
      spawn(async () => {
        while (running) {
          const item = await q.get();
          sum += item;
          q.taskDone();
        }
      })
    );
    await q.join();
    assert.equal(sum, 4950);
    running = false;
    for (const _ of workers) q.putNowait(0);
    for (const w of workers) await w;
    await q.join();
  });
});

Deno.test("Queue.join() stays blocked until the last taskDone()", async () => {
  await run(async () => {
    const q = new Queue<string>();
    q.putNowait("x");
    q.putNowait("y");
    const joiner = spawn(() => q.join());
    q.getNowait();
    q.taskDone();
    await ticks(2);
    assert.equal(joiner.done(), false);
    q.getNowait();
    q.taskDone();
    await joiner;
  });
});

Deno.test("Queue.shutdown() on an empty queue wakes a blocked get() with QueueShutDown", async () => {
  await run(async () => {
    const q = new Queue<string>();
    const getter = spawn(() => q.get());
    await ticks();
    q.shutdown();
    assert.equal(q.qsize(), 0);
    await q.join();
    assert.ok(await failure(getter) instanceof QueueShutDown);
    await assert.rejects(q.put("data"), QueueShutDown);
    assert.throws(() => q.putNowait("data"), QueueShutDown);
    await assert.rejects(q.get(), QueueShutDown);
    assert.throws(() => q.getNowait(), QueueShutDown);
    assert.equal(String(q), "<Queue maxsize=0 shutdown>");
  });
});

Deno.test("Queue.shutdown() of a non-empty queue: puts fail, gets drain the items first", async () => {
  await run(async () => {
    const q = new Queue<string>(1);
    q.putNowait("data");
    const joiner = spawn(() => q.join());
    const putter = spawn(() => q.put("data2"));
    await ticks();
    assert.equal(putter.done(), false);
    q.shutdown(false);
    assert.equal(q.qsize(), 1);
    assert.ok(await failure(putter) instanceof QueueShutDown);
    assert.equal(await q.get(), "data");
    await ticks();
    assert.equal(joiner.done(), false);
    await assert.rejects(q.put("data"), QueueShutDown);
    await assert.rejects(q.get(), QueueShutDown);
    assert.throws(() => q.getNowait(), QueueShutDown);
    q.taskDone();
    await joiner;
    assert.throws(() => q.taskDone(), RangeError);
  });
});

Deno.test("Queue.shutdown(true) drops the items, counting them done", async () => {
  await run(async () => {
    const q = new Queue<string>();
    q.putNowait("data");
    const joiner = spawn(() => q.join());
    q.shutdown(true);
    assert.equal(q.qsize(), 0);
    await joiner;
    await assert.rejects(q.put("data"), QueueShutDown);
    await assert.rejects(q.get(), QueueShutDown);
    assert.throws(() => q.taskDone(), RangeError);
  });
});

Deno.test("Queue.shutdown(true) leaves items already taken unfinished", async () => {
  await run(async () => {
    const q = new Queue<string>();
    q.putNowait("a");
    q.putNowait("b");
    const joiner = spawn(() => q.join());
    assert.equal(await q.get(), "a");
    q.shutdown(true);
    assert.equal(q.qsize(), 0);
    await ticks();
    assert.equal(joiner.done(), false);
    q.taskDone();
    assert.throws(() => q.taskDone(), RangeError);
    await joiner;
  });
});

Deno.test("Queue.shutdown() wakes every blocked putter and getter", async () => {
  await run(async () => {
    const full = new Queue<number>(1);
    full.putNowait(0);
    const putters = [1, 2, 3].map((n) => spawn(() => full.put(n)));
    const empty = new Queue<number>();
    const getters = [1, 2, 3].map(() => spawn(() => empty.get()));
    await ticks();
    full.shutdown();
    empty.shutdown();
    for (const t of [...putters, ...getters]) assert.ok(await failure(t) instanceof QueueShutDown);
    assert.equal(full.getNowait(), 0);
  });
});

Deno.test("Queue is async-iterable until it is shut down and drained", async () => {
  await run(async () => {
    const q = new Queue<number>();
    const seen: number[] = [];
    const reader = spawn(async () => {
      for await (const item of q) seen.push(item);
    });
    for (let i = 0; i < 3; i++) await q.put(i);
    await ticks();
    q.putNowait(3);
    q.shutdown();
    await reader;
    assert.deepEqual(seen, [0, 1, 2, 3]);
  });
});

Deno.test("Queue: waiting on it from a second loop throws RuntimeError", async () => {
  const q = new Queue<number>();
  const first = newEventLoop();
  await first.runUntilComplete(async () => {
    const getter = spawn(() => q.get());
    await ticks();
    getter.cancel();
    await failure(getter);
  });
  first.close();
  const second = newEventLoop();
  await second.runUntilComplete(async () => {
    await assert.rejects(
      q.get(),
      (e) => e instanceof RuntimeError && /different event loop/.test(e.message),
    );
    assert.equal(currentTask() !== null, true);
  });
  second.close();
});

Deno.test("LifoQueue returns the most recent item first", async () => {
  await run(async () => {
    const q = new LifoQueue<number>();
    for (const i of [1, 3, 2]) await q.put(i);
    assert.deepEqual([await q.get(), await q.get(), await q.get()], [2, 3, 1]);
    assert.equal(String(new LifoQueue(2)), "<LifoQueue maxsize=2>");
  });
});

Deno.test("PriorityQueue returns numbers smallest first", async () => {
  await run(async () => {
    const q = new PriorityQueue<number>();
    for (const i of [1, 3, 2, -5, 2.5, 0]) await q.put(i);
    const out: number[] = [];
    while (!q.empty()) out.push(await q.get());
    assert.deepEqual(out, [-5, 0, 1, 2, 2.5, 3]);
  });
});

Deno.test("PriorityQueue orders strings by code point and mixes bigints with numbers", () => {
  const s = new PriorityQueue<string>();
  for (const x of ["b", "a", "ab", "", "\u{1F600}", "\uFFFF", "B"]) s.putNowait(x);
  const out: string[] = [];
  while (!s.empty()) out.push(s.getNowait());
  assert.deepEqual(out, ["", "B", "a", "ab", "b", "\uFFFF", "\u{1F600}"]);
  const n = new PriorityQueue<number | bigint>();
  for (const x of [3n, 1, 2n, 2.5]) n.putNowait(x);
  assert.deepEqual([n.getNowait(), n.getNowait(), n.getNowait(), n.getNowait()], [1, 2n, 2.5, 3n]);
});

Deno.test("PriorityQueue orders arrays element by element, as Python orders tuples", () => {
  const q = new PriorityQueue<unknown[]>();
  const data = { name: "shared" };
  const items = [[2, "b"], [1, "z"], [1, "a"], [1], [1, "a", 0], [0, [2, 1]], [0, [1, 9]], [
    2,
    "b",
    data,
  ]];
  for (const item of items) q.putNowait(item);
  const out: unknown[] = [];
  while (!q.empty()) out.push(q.getNowait());
  assert.deepEqual(out, [[0, [1, 9]], [0, [2, 1]], [1], [1, "a"], [1, "a", 0], [1, "z"], [2, "b"], [
    2,
    "b",
    data,
  ]]);
});

Deno.test("PriorityQueue throws TypeError for items it cannot order, and keeps its items", async () => {
  await run(async () => {
    const q = new PriorityQueue<unknown>();
    q.putNowait(1);
    q.putNowait(5);
    q.putNowait(3);
    assert.throws(
      () => q.putNowait("a"),
      (e) =>
        e instanceof TypeError && /not supported between string "a" and number/.test(e.message),
    );
    await assert.rejects(q.put(null), TypeError);
    assert.equal(q.qsize(), 3);
    assert.deepEqual([q.getNowait(), q.getNowait(), q.getNowait()], [1, 3, 5]);
    // Equal priorities followed by objects that cannot be ordered, as in Python.
    const p = new PriorityQueue<[number, object]>();
    p.putNowait([1, {}]);
    assert.throws(() => p.putNowait([1, {}]), TypeError);
    p.putNowait([0, {}]);
    assert.equal(p.qsize(), 2);
    // A heap with many items undoes a failed insertion completely.
    const big = new PriorityQueue<unknown>();
    for (let i = 20; i > 0; i--) big.putNowait(i);
    assert.throws(() => big.putNowait([0]), TypeError);
    const out: unknown[] = [];
    while (!big.empty()) out.push(big.getNowait());
    assert.deepEqual(out, Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
