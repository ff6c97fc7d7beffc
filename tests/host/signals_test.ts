// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { getRunningLoop, newEventLoop, run, RuntimeError } from "../../mod.ts";
import type { EventLoop, ExceptionContext, Future } from "../../mod.ts";
import { live } from "../../host/_live.ts";

const LINUX = Deno.build.os === "linux";
const POSIX = Deno.build.os !== "windows";

/** Fails the test if a signal listener outlived it. */
function assertNoListeners(): void {
  assert.equal(live.signalListeners, 0, "a signal listener was left registered");
}

/** Runs `body` inside `run()`, then checks nothing leaked. */
async function inLoop(body: (loop: EventLoop) => Promise<void>): Promise<void> {
  try {
    await run(() => body(getRunningLoop()));
  } finally {
    assertNoListeners();
  }
}

Deno.test({
  name: "addSignalHandler() calls the callback from the loop, with its arguments",
  ignore: !POSIX,
  fn: () =>
    inLoop(async (loop) => {
      const got: Future<[string, number, boolean]> = loop.createFuture();
      loop.addSignalHandler(
        "SIGUSR1",
        (a: string, b: number) => {
          got.setResult([a, b, getRunningLoop() === loop]);
        },
        "x",
        1,
      );
      Deno.kill(Deno.pid, "SIGUSR1");
      assert.deepEqual(await got, ["x", 1, true]);
      assert.equal(loop.removeSignalHandler("SIGUSR1"), true);
    }),
});

Deno.test({
  name: "addSignalHandler() takes a signal number (Linux numbering on Linux)",
  ignore: !LINUX,
  fn: () =>
    inLoop(async (loop) => {
      const got = loop.createFuture<string>();
      loop.addSignalHandler(12, () => got.setResult("SIGUSR2"));
      Deno.kill(Deno.pid, "SIGUSR2");
      assert.equal(await got, "SIGUSR2");
      // The name and the number are the same signal.
      assert.equal(loop.removeSignalHandler("SIGUSR2"), true);
      assert.equal(loop.removeSignalHandler(12), false);
    }),
});

Deno.test({
  name: "addSignalHandler() twice for a signal replaces the first handler",
  ignore: !POSIX,
  fn: () =>
    inLoop(async (loop) => {
      const calls: string[] = [];
      const second = loop.createFuture<void>();
      loop.addSignalHandler("SIGUSR1", () => calls.push("first"));
      loop.addSignalHandler("SIGUSR1", () => {
        calls.push("second");
        second.setResult(undefined);
      });
      assert.equal(live.signalListeners, 1);
      Deno.kill(Deno.pid, "SIGUSR1");
      await second;
      assert.deepEqual(calls, ["second"]);
      assert.equal(loop.removeSignalHandler("SIGUSR1"), true);
      assert.equal(loop.removeSignalHandler("SIGUSR1"), false);
    }),
});

Deno.test("removeSignalHandler() of a signal without a handler returns false", () =>
  inLoop(async (loop) => {
    assert.equal(loop.removeSignalHandler("SIGHUP"), false);
    assert.equal(loop.removeSignalHandler("SIGKILL"), false);
    await Promise.resolve();
  }));

Deno.test("addSignalHandler() rejects invalid signals with a TypeError naming them", () => {
  const loop = newEventLoop();
  try {
    assert.throws(() => loop.addSignalHandler("SIGNOPE" as Deno.Signal, () => {}), {
      name: "TypeError",
      message: /invalid signal "SIGNOPE"/,
    });
    assert.throws(() => loop.addSignalHandler(99, () => {}), {
      name: "TypeError",
      message: /invalid signal number 99/,
    });
    assert.throws(() => loop.addSignalHandler(2.5, () => {}), /invalid signal number 2\.5/);
    assert.throws(
      () => loop.addSignalHandler({} as unknown as Deno.Signal, () => {}),
      /expected a signal name or number, got object Object/,
    );
    assert.throws(() => loop.removeSignalHandler("SIGNOPE" as Deno.Signal), TypeError);
    assert.throws(
      () => loop.addSignalHandler("SIGUSR1", "nope" as unknown as () => void),
      /callback must be a function/,
    );
    // as Python refuses coroutines: a rejected promise of the handler would end the process
    assert.throws(() => loop.addSignalHandler("SIGUSR1", async () => {}), {
      name: "TypeError",
      message: "coroutines cannot be used with addSignalHandler()",
    });
    assert.throws(() => loop.addSignalHandler("SIGUSR1", async function* () {}), TypeError);
  } finally {
    loop.close();
  }
  assertNoListeners();
});

Deno.test({
  name: "addSignalHandler() rejects uncatchable signals with an Error naming them",
  ignore: !POSIX,
  fn() {
    const loop = newEventLoop();
    try {
      for (const sig of ["SIGKILL", "SIGSTOP", 9] as const) {
        assert.throws(() => loop.addSignalHandler(sig, () => {}), (e) => {
          assert.ok(e instanceof RuntimeError);
          assert.match(e.message, /signal SIG(KILL|STOP) cannot be caught/);
          return true;
        });
      }
      // Deno itself refuses these; the error still names the signal.
      assert.throws(() => loop.addSignalHandler("SIGSEGV", () => {}), {
        name: "RuntimeError",
        message: /SIGSEGV cannot be caught in Deno/,
      });
    } finally {
      loop.close();
    }
    assertNoListeners();
  },
});

Deno.test({
  name: "loop.close() removes the loop's signal handlers",
  ignore: !POSIX,
  fn() {
    const loop = newEventLoop();
    loop.addSignalHandler("SIGUSR1", () => {});
    loop.addSignalHandler("SIGUSR2", () => {});
    loop.addSignalHandler("SIGHUP", () => {});
    assert.equal(live.signalListeners, 3);
    loop.close();
    assertNoListeners();
    assert.equal(loop.removeSignalHandler("SIGUSR1"), false);
    assert.throws(() => loop.addSignalHandler("SIGUSR1", () => {}), RuntimeError);
  },
});

Deno.test({
  name: "a signal handler that throws reports to the loop's exception handler",
  ignore: !POSIX,
  fn: () =>
    inLoop(async (loop) => {
      const reported = loop.createFuture<ExceptionContext>();
      loop.setExceptionHandler((_loop, context) => reported.setResult(context));
      loop.addSignalHandler("SIGUSR1", () => {
        throw new Error("boom in handler");
      });
      Deno.kill(Deno.pid, "SIGUSR1");
      const context = await reported;
      assert.match(String((context.exception as Error).message), /boom in handler/);
      loop.removeSignalHandler("SIGUSR1");
    }),
});

Deno.test({
  name: "a loop waiting only for a signal keeps the process alive until it arrives",
  ignore: !POSIX,
  async fn() {
    const modUrl = new URL("../../mod.ts", import.meta.url).href;
    const code = `
      import { newEventLoop } from ${JSON.stringify(modUrl)};
      const loop = newEventLoop();
      loop.addSignalHandler("SIGUSR1", () => { console.log("got SIGUSR1"); loop.stop(); });
      console.log("ready");
      await loop.runForever();
      loop.close();
      console.log("closed");
    `;
    const child = new Deno.Command(Deno.execPath(), {
      args: ["eval", "--no-check", code],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
    let out = "";
    while (!out.includes("ready\n")) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    child.kill("SIGUSR1");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    const status = await child.status;
    const stderr = await new Response(child.stderr).text();
    assert.equal(out, "ready\ngot SIGUSR1\nclosed\n", stderr);
    assert.equal(status.code, 0);
  },
});
