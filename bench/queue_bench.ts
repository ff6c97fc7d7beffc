// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Queue throughput: one producer task `await q.put(i)`, one consumer task `await q.get()`,
// 1M items through a Queue(100); ours against a raw-JS bounded queue on plain promises.
// Run: deno bench bench/queue_bench.ts   (items/s = 1e6 / time per iteration)
import * as asyncio from "../mod.ts";

const N = 1_000_000;
const MAXSIZE = 100;

async function ours(): Promise<void> {
  await asyncio.run(async () => {
    const loop = asyncio.getRunningLoop();
    const q = new asyncio.Queue<number>(MAXSIZE);
    const producer = loop.createTask(async () => {
      for (let i = 0; i < N; i++) await q.put(i);
    });
    const consumer = loop.createTask(async () => {
      for (let i = 0; i < N; i++) await q.get();
    });
    await producer;
    await consumer;
  });
}

const RESOLVED = Promise.resolve();

/** The same algorithm on bare promises: no loop, no cancellation, no fairness. */
class RawQueue<T> {
  #items: T[] = [];
  #head = 0;
  #getters: (() => void)[] = [];
  #putters: (() => void)[] = [];
  constructor(readonly maxsize: number) {}
  get size(): number {
    return this.#items.length - this.#head;
  }
  put(item: T): Promise<void> {
    if (this.size < this.maxsize) {
      this.#items.push(item);
      this.#getters.shift()?.();
      return RESOLVED;
    }
    return new Promise<void>((resolve) => this.#putters.push(resolve)).then(() => this.put(item));
  }
  get(): Promise<T> {
    if (this.size > 0) {
      const item = this.#items[this.#head++];
      if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
      this.#putters.shift()?.();
      return Promise.resolve(item);
    }
    return new Promise<void>((resolve) => this.#getters.push(resolve)).then(() => this.get());
  }
}

async function raw(): Promise<void> {
  const q = new RawQueue<number>(MAXSIZE);
  const producer = (async () => {
    for (let i = 0; i < N; i++) await q.put(i);
  })();
  const consumer = (async () => {
    for (let i = 0; i < N; i++) await q.get();
  })();
  await producer;
  await consumer;
}

const group = "Queue(100), 1M items, 1 producer + 1 consumer";
Deno.bench({ name: "raw JS promises", group, baseline: true, n: 5, warmup: 1, fn: raw });
Deno.bench({ name: "asyncio.Queue", group, n: 5, warmup: 1, fn: ours });
