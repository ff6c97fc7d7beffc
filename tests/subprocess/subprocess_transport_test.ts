// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import type { DenoSubprocessTransport } from "../../subprocess/subprocess_transport.ts";
import {
  DEVNULL,
  type Future,
  getRunningLoop,
  PIPE,
  type ReadTransport,
  run,
  STDOUT,
  type SubprocessOptions,
  type SubprocessProtocol,
  type SubprocessTransport,
  type WriteTransport,
} from "../../mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** A protocol that records every event; `done` resolves on connectionLost. */
function recorder() {
  const events: string[] = [];
  const out: Record<number, string> = { 1: "", 2: "" };
  const done: Future<Error | null> = getRunningLoop().createFuture();
  let transport: SubprocessTransport | null = null;
  const protocol: SubprocessProtocol = {
    connectionMade(t) {
      transport = t as SubprocessTransport;
      events.push("made");
    },
    pipeDataReceived(fd, data) {
      if (events.at(-1) !== `data ${fd}`) events.push(`data ${fd}`);
      out[fd] += dec(data);
    },
    pipeConnectionLost(fd, exc) {
      events.push(`pipe lost ${fd}${exc ? ` ${exc.name}` : ""}`);
    },
    processExited() {
      events.push("exited");
    },
    connectionLost(exc) {
      events.push("lost");
      done.setResult(exc);
    },
  };
  return { events, out, done, protocol, transport: () => transport! };
}

const exec = (
  r: ReturnType<typeof recorder>,
  program: string,
  ...args: (string | SubprocessOptions)[]
) => getRunningLoop().subprocessExec(() => r.protocol, program, ...(args as string[]));

Deno.test("subprocessExec() event order: connectionMade first, pipes, processExited, connectionLost(null) last", () =>
  run(async () => {
    const r = recorder();
    const [t, p] = await exec(r, "sh", "-c", "cat; echo err >&2; exit 3");
    assert.equal(p, r.protocol);
    assert.equal(r.transport(), t);
    assert.deepEqual(r.events, ["made"]);
    const stdin = t.getPipeTransport(0) as WriteTransport;
    stdin.write(enc("hello\n"));
    stdin.close();
    assert.equal(await r.done, null);
    assert.equal(t.getReturncode(), 3);
    assert.deepEqual(r.out, { 1: "hello\n", 2: "err\n" });
    assert.equal(r.events[0], "made");
    assert.equal(r.events.at(-1), "lost");
    assert.equal(r.events.filter((e) => e === "lost").length, 1);
    for (const e of ["pipe lost 0", "pipe lost 1", "pipe lost 2", "exited", "data 1", "data 2"]) {
      assert.ok(r.events.includes(e), `missing ${e} in ${r.events}`);
    }
    assert.ok(r.events.indexOf("data 1") < r.events.indexOf("pipe lost 1"));
    assert.ok(r.events.indexOf("data 2") < r.events.indexOf("pipe lost 2"));
  }));

Deno.test("getPid(), getExtraInfo('subprocess'), getPipeTransport() of piped, DEVNULL and inherited fds", () =>
  run(async () => {
    const r = recorder();
    const [t] = await exec(r, "true", { stdin: DEVNULL, stdout: PIPE, stderr: null });
    assert.equal(typeof t.getPid(), "number");
    const child = t.getExtraInfo("subprocess") as Deno.ChildProcess;
    assert.ok(child instanceof Deno.ChildProcess);
    assert.equal(child.pid, t.getPid());
    assert.equal(t.getPipeTransport(0), null);
    assert.equal(t.getPipeTransport(2), null);
    assert.equal(typeof (t.getPipeTransport(1) as ReadTransport).pauseReading, "function");
    assert.equal(await r.done, null);
    assert.equal(t.getReturncode(), 0);
    assert.deepEqual(r.events.slice().sort(), ["exited", "lost", "made", "pipe lost 1"]);
    assert.deepEqual([r.events[0], r.events[3]], ["made", "lost"]);
  }));

Deno.test("returncode is minus the signal number for kill(), terminate() and sendSignal()", () =>
  run(async () => {
    const cases: [(t: SubprocessTransport) => void, number][] = [
      [(t) => t.kill(), -9],
      [(t) => t.terminate(), -15],
      [(t) => t.sendSignal("SIGINT"), -2],
      [(t) => t.sendSignal(10), -10], // SIGUSR1 on Linux
    ];
    for (const [send, expected] of cases) {
      const r = recorder();
      const [t] = await exec(r, "sleep", "30", { stdin: DEVNULL, stdout: DEVNULL });
      assert.equal(t.getReturncode(), null);
      send(t);
      await r.done;
      assert.equal(t.getReturncode(), expected);
      t.kill(); // after exit: a no-op, as Popen.send_signal() after poll()
    }
  }));

Deno.test("sendSignal() rejects unknown signals with a TypeError naming them", () =>
  run(async () => {
    const r = recorder();
    const [t] = await exec(r, "true", { stdout: DEVNULL, stderr: DEVNULL });
    // deno-lint-ignore no-explicit-any
    assert.throws(() => t.sendSignal("SIGNOPE" as any), /unknown signal "SIGNOPE"/);
    assert.throws(() => t.sendSignal(999), /unknown signal number 999/);
    assert.throws(() => t.sendSignal(0), /signal 0 cannot be sent: Deno sends named signals only/);
    if (Deno.build.os === "linux") assert.throws(() => t.sendSignal(34), /no real-time signals/);
    t.close();
    await r.done;
  }));

Deno.test("close() kills a running child; connectionLost(null) follows once everything closed", () =>
  run(async () => {
    const r = recorder();
    const [t] = await exec(r, "sleep", "30");
    t.close();
    assert.equal(t.isClosing(), true);
    t.close();
    assert.equal(await r.done, null);
    assert.equal(t.getReturncode(), -9);
    assert.ok(r.events.includes("pipe lost 0"));
  }));

Deno.test("stderr: STDOUT delivers stderr's data as fd 1 data; fd 2 does not exist", () =>
  run(async () => {
    const r = recorder();
    const [t] = await exec(r, "sh", "-c", "echo out; echo err >&2; echo out2", {
      stdin: DEVNULL,
      stderr: STDOUT,
    });
    assert.equal(t.getPipeTransport(2), null);
    await r.done;
    assert.deepEqual(r.out[1].split("\n").sort(), ["", "err", "out", "out2"]);
    assert.equal(r.out[2], "");
    assert.ok(!r.events.some((e) => e.endsWith(" 2")), String(r.events));
  }));

Deno.test("cwd, env and clearEnv reach the child", () =>
  run(async () => {
    const dir = await Deno.realPath(await Deno.makeTempDir());
    try {
      const r = recorder();
      await exec(r, "sh", "-c", 'pwd; echo "$FOO"', { cwd: dir, env: { FOO: "bar" } });
      await r.done;
      assert.equal(r.out[1], `${dir}\nbar\n`);
      const r2 = recorder();
      await exec(r2, "/usr/bin/env", { env: { ONLY: "1" }, clearEnv: true });
      await r2.done;
      assert.equal(r2.out[1], "ONLY=1\n");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }));

Deno.test("subprocessShell() runs the command through /bin/sh", () =>
  run(async () => {
    const r = recorder();
    const [t] = await getRunningLoop().subprocessShell(
      () => r.protocol,
      "printf '%s-' a b | tr a-z A-Z; exit 7",
      { stdin: DEVNULL },
    );
    await r.done;
    assert.equal(r.out[1], "A-B-");
    assert.equal(t.getReturncode(), 7);
  }));

Deno.test("a program that does not exist rejects with Deno.errors.NotFound", () =>
  run(async () => {
    await assert.rejects(
      getRunningLoop().subprocessExec(() => ({}), "/nonexistent/program-xyz"),
      Deno.errors.NotFound,
    );
  }));

Deno.test("bad arguments and options reject with a TypeError naming the problem", () =>
  run(async () => {
    const loop = getRunningLoop();
    const f = () => ({});
    // deno-lint-ignore no-explicit-any
    const any = (v: unknown) => v as any;
    await assert.rejects(
      loop.subprocessExec(f, any(42)),
      /program must be a string, got number 42/,
    );
    await assert.rejects(
      loop.subprocessExec(f, "echo", "a", any(1)),
      /argument 2 must be a string, got number 1/,
    );
    await assert.rejects(
      loop.subprocessExec(f, "echo", any({ shell: true })),
      /unknown option "shell"/,
    );
    await assert.rejects(
      loop.subprocessExec(f, "echo", { stdout: STDOUT }),
      /stdout must be PIPE, DEVNULL or null \(inherit\), got number -2/,
    );
    await assert.rejects(loop.subprocessShell(f, any(["ls"])), /cmd must be a string/);
    await assert.rejects(
      loop.subprocessExec(f, any(undefined)),
      /program must be a string, got undefined$/,
    );
    await assert.rejects(
      loop.subprocessExec(f, "env", { env: any({ A: "1", B: 2 }) }),
      /env\.B must be a string, got number 2/,
    );
    await assert.rejects(
      loop.subprocessExec(f, "env", { env: any("A=1") }),
      /env must be an object of strings, got string "A=1"/,
    );
    await assert.rejects(
      loop.subprocessExec(any(null), "echo"),
      /protocolFactory must be a function/,
    );
  }));

Deno.test("a child that exits without reading stdin: writes fail with BrokenPipe, no crash", () =>
  run(async () => {
    const r = recorder();
    const [t] = await exec(r, "true", { stdout: DEVNULL, stderr: DEVNULL });
    const stdin = t.getPipeTransport(0) as WriteTransport;
    const chunk = new Uint8Array(256 * 1024);
    for (let i = 0; i < 8; i++) stdin.write(chunk);
    assert.equal(await r.done, null);
    assert.equal(t.getReturncode(), 0);
    assert.ok(
      r.events.includes("pipe lost 0 BrokenPipe") || r.events.includes("pipe lost 0"),
      String(r.events),
    );
  }));

Deno.test("closing the stdout transport closes the pipe before pipeConnectionLost(1): the child's next write gets SIGPIPE", () =>
  run(async () => {
    // Python's test_events.test_subprocess_close_client_stream, with sh instead of python
    const loop = getRunningLoop();
    const firstLine = loop.createFuture<string>();
    const stdoutLost = loop.createFuture<void>();
    const done = loop.createFuture<void>();
    let stderr = "";
    const [t] = await loop.subprocessShell(
      (): SubprocessProtocol => ({
        pipeDataReceived(fd, data) {
          if (fd === 1) firstLine.setResult(dec(data));
          else stderr += dec(data);
        },
        pipeConnectionLost(fd) {
          if (fd === 1) stdoutLost.setResult();
        },
        connectionLost() {
          done.setResult();
        },
      }),
      "read a; echo out1; read b; echo out2; echo survived >&2",
    );
    const stdin = t.getPipeTransport(0) as WriteTransport;
    stdin.write(enc("a\n"));
    assert.equal(await firstLine, "out1\n");
    t.getPipeTransport(1)!.close();
    await stdoutLost;
    stdin.write(enc("b\n"));
    stdin.close();
    await done;
    assert.equal(stderr, "");
    assert.equal(t.getReturncode(), -13); // SIGPIPE
  }));

Deno.test("wait() made while the child runs returns after connectionLost, once its pipes are closed too (Python 3.12+)", () =>
  run(async () => {
    const loop = getRunningLoop();
    const r = recorder();
    const exited = loop.createFuture<void>();
    const protocol = r.protocol;
    protocol.processExited = () => {
      r.events.push("exited");
      exited.setResult();
    };
    // The shell exits at once; its background child keeps stdout open until told to go on.
    const [t] = await loop.subprocessShell(() => protocol, "(read x; echo bye) & exit 0");
    const transport = t as DenoSubprocessTransport;
    const waiting = loop.createTask(async () => {
      const code = await transport.wait();
      r.events.push("wait returned");
      return code;
    });
    await exited;
    assert.equal(t.getReturncode(), 0);
    assert.equal(waiting.done(), false); // stdout is still open
    assert.equal(await transport.wait(), 0); // called after the exit: at once
    (t.getPipeTransport(0) as WriteTransport).write(enc("go\n"));
    assert.equal(await waiting, 0);
    assert.equal(r.out[1], "bye\n");
    assert.deepEqual(r.events.slice(-2), ["lost", "wait returned"]);
  }));

Deno.test("pauseReading() on a child's stdout blocks the child (back-pressure); resume delivers all", () =>
  run(async () => {
    const r = recorder();
    const total = 4 * 1024 * 1024;
    let received = 0;
    const firstData = getRunningLoop().createFuture<void>();
    r.protocol.pipeDataReceived = (_fd, data) => {
      received += data.length;
      if (!firstData.done()) {
        (r.transport().getPipeTransport(1) as ReadTransport).pauseReading();
        firstData.setResult();
      }
    };
    const [t] = await exec(r, "head", "-c", String(total), "/dev/zero", { stdin: DEVNULL });
    await firstData;
    const stdout = t.getPipeTransport(1) as ReadTransport;
    assert.equal(stdout.isReading(), false);
    await new Promise((resolve) => setTimeout(resolve, 50)); // time is the subject here
    assert.equal(t.getReturncode(), null, "the child must be blocked on the full pipe");
    assert.ok(received <= 3 * 65536, `at most the chunks read ahead, got ${received}`);
    stdout.resumeReading();
    await r.done;
    assert.equal(received, total);
    assert.equal(t.getReturncode(), 0);
  }));

Deno.test("consistent callbacks: data before its pipe's connection loss; connectionLost after all", () =>
  run(async () => {
    for (let i = 0; i < 5; i++) {
      const r = recorder();
      await exec(r, "sh", "-c", "echo a; echo b >&2; echo c", { stdin: DEVNULL });
      await r.done;
      const at = (e: string) => r.events.indexOf(e);
      assert.ok(at("data 1") < at("pipe lost 1") && at("data 2") < at("pipe lost 2"));
      assert.equal(r.events.at(-1), "lost");
      assert.deepEqual(r.events.filter((e) => !e.startsWith("data")).sort(), [
        "exited",
        "lost",
        "made",
        "pipe lost 1",
        "pipe lost 2",
      ]);
      assert.equal(r.out[1], "a\nc\n");
    }
  }));

Deno.test("stdin's write buffer counts one pipe buffer of the write in flight as sent, as Python's os.write()", () =>
  run(async () => {
    const r = recorder();
    let paused = 0;
    r.protocol.pauseWriting = () => void paused++;
    const [t] = await exec(r, "sleep", "30", { stdout: DEVNULL, stderr: DEVNULL });
    const stdin = t.getPipeTransport(0) as WriteTransport;
    stdin.write(new Uint8Array(65536)); // fits the pipe: handed to the OS
    assert.equal(stdin.getWriteBufferSize(), 0);
    stdin.write(new Uint8Array(65536));
    assert.equal(stdin.getWriteBufferSize(), 65536);
    assert.equal(paused, 0);
    stdin.write(new Uint8Array(1));
    assert.equal(paused, 1);
    t.kill();
    await r.done;
    assert.ok(r.events.some((e) => e.startsWith("pipe lost 0")));
  }));

Deno.test("async protocol methods that reject (pipeDataReceived, processExited) go to the exception handler", () =>
  run(async () => {
    const loop = getRunningLoop();
    const messages: string[] = [];
    const both = loop.createFuture<void>();
    loop.setExceptionHandler((_l, ctx) => {
      messages.push(ctx.message);
      if (messages.length === 2) both.setResult();
    });
    const r = recorder();
    const protocol = r.protocol;
    protocol.pipeDataReceived = async () => {
      throw new Error("data");
    };
    protocol.processExited = async () => {
      throw new Error("exit");
    };
    await exec(r, "echo", "hi");
    await r.done;
    await both;
    assert.deepEqual(messages.sort(), [
      "protocol.pipeDataReceived() rejected",
      "protocol.processExited() rejected",
    ]);
  }));

Deno.test("an exception in pipeDataReceived goes to the exception handler; delivery goes on", () =>
  run(async () => {
    const loop = getRunningLoop();
    const reported: { message: string; exception?: unknown; transport?: unknown }[] = [];
    loop.setExceptionHandler((_l, ctx) => reported.push(ctx));
    const r = recorder();
    const record = r.protocol.pipeDataReceived!.bind(r.protocol);
    r.protocol.pipeDataReceived = (fd, data) => {
      record(fd, data);
      throw new Error(`bad data on ${fd}`);
    };
    const [t] = await exec(r, "echo", "hi", { stdout: PIPE, stderr: DEVNULL });
    assert.equal(await r.done, null);
    assert.equal(r.out[1], "hi\n");
    assert.ok(reported.length >= 1);
    assert.match(reported[0].message, /pipeDataReceived\(\) failed/);
    assert.match(String(reported[0].exception), /bad data on 1/);
    assert.equal(reported[0].transport, t);
    assert.equal(r.events.at(-1), "lost");
  }));

Deno.test("stdin: writes of any size, made while earlier ones are in flight, reach the child whole and in order", () =>
  run(async () => {
    const loop = getRunningLoop();
    const r = recorder();
    let resumed: Future<void> | null = null;
    r.protocol.pauseWriting = () => void (resumed = loop.createFuture());
    r.protocol.resumeWriting = () => resumed?.setResult();
    const [t] = await exec(r, "cat", { stdin: PIPE, stdout: PIPE, stderr: DEVNULL });
    const stdin = t.getPipeTransport(0) as WriteTransport;
    const sizes = [1, 65535, 65536, 65537, 200_000, 3, 131072, 70_000, 1_000_000, 12];
    let expected = "";
    for (let i = 0; i < sizes.length; i++) {
      const chunk = new Uint8Array(sizes[i]);
      for (let k = 0; k < chunk.length; k++) chunk[k] = 97 + (i * 7 + k) % 26;
      expected += dec(chunk);
      stdin.write(chunk);
      chunk.fill(0); // write() took a copy
      if (i % 3 === 2 && resumed !== null) {
        await resumed;
        resumed = null;
      }
    }
    stdin.close();
    await r.done;
    assert.equal(r.out[1].length, expected.length);
    assert.ok(r.out[1] === expected);
  }));
