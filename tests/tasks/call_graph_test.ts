// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  captureCallGraph,
  createTask,
  currentTask,
  formatCallGraph,
  gather,
  getRunningLoop,
  newEventLoop,
  printCallGraph,
  sleep,
} from "../../mod.ts";
import { runVirtual } from "./_util.ts";

Deno.test("captureCallGraph() follows the tasks awaiting a task, recursively", async () => {
  await runVirtual(async () => {
    const leaf = createTask(() => sleep(1), { name: "leaf" });
    const middle = createTask(async () => await leaf, { name: "middle" });
    const top = createTask(async () => await middle, { name: "top" });
    await sleep(0);
    await sleep(0);
    const graph = captureCallGraph(leaf)!;
    assert.equal(graph.future, leaf);
    assert.equal(graph.awaitedBy.length, 1);
    assert.equal(graph.awaitedBy[0].future, middle);
    assert.equal(graph.awaitedBy[0].awaitedBy[0].future, top);
    assert.deepEqual(graph.awaitedBy[0].awaitedBy[0].awaitedBy, []);
    assert.equal(
      formatCallGraph(leaf),
      [
        "* Task(name='leaf')",
        "  + Awaited by:",
        "    * Task(name='middle')",
        "      + Awaited by:",
        "        * Task(name='top')",
      ].join("\n"),
    );
    await top;
  });
});

Deno.test("captureCallGraph() sees tasks awaiting through gather(), and plain futures", async () => {
  await runVirtual(async () => {
    const loop = getRunningLoop();
    const fut = loop.createFuture<number>();
    const a = createTask(() => sleep(1), { name: "a" });
    const waiter = createTask(() => gather([a, fut]), { name: "waiter" });
    const direct = createTask(async () => await fut, { name: "direct" });
    await sleep(0);
    const ga = captureCallGraph(a)!;
    assert.deepEqual(ga.awaitedBy.map((g) => g.future), [waiter]);
    const gf = captureCallGraph(fut)!;
    assert.deepEqual(new Set(gf.awaitedBy.map((g) => g.future)), new Set([waiter, direct]));
    assert.match(formatCallGraph(fut), /^\* Future\(\)\n {2}\+ Awaited by:\n/);
    fut.setResult(1);
    await gather([waiter, direct]);
  });
});

Deno.test("captureCallGraph() defaults to the current task; null outside one", async () => {
  await runVirtual(async () => {
    const me = currentTask()!;
    const graph = captureCallGraph()!;
    assert.equal(graph.future, me);
    assert.deepEqual(graph.awaitedBy, []);
    const child = createTask(() => captureCallGraph(), { name: "child" });
    const childGraph = await child;
    assert.equal(childGraph!.future, child);
    assert.equal(childGraph!.awaitedBy[0].future, me);
  });
  assert.equal(captureCallGraph(), null);
  assert.equal(formatCallGraph(), "");
  const loop = newEventLoop();
  try {
    assert.equal(captureCallGraph(undefined, { loop }), null);
  } finally {
    loop.close();
  }
});

Deno.test("printCallGraph() logs the formatted graph", async () => {
  const logged: unknown[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => logged.push(args.join(" "));
  try {
    await runVirtual(() => printCallGraph());
    printCallGraph(); // no task: prints nothing
  } finally {
    console.log = original;
  }
  assert.equal(logged.length, 1);
  assert.match(String(logged[0]), /^\* Task\(name='Task-\d+'\)$/);
});

Deno.test("captureCallGraph() rejects what is not a future", async () => {
  await runVirtual(() => {
    assert.throws(() => captureCallGraph({} as never), /must be a Future or Task/);
  });
});
