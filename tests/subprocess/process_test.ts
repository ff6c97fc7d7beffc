// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import {
  CancelledError,
  createSubprocessExec,
  createSubprocessShell,
  DEVNULL,
  getRunningLoop,
  PIPE,
  Process,
  run,
  sleep,
  STDOUT,
} from "../../mod.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array | null) => b === null ? null : new TextDecoder().decode(b);

Deno.test("stdin -> stdout through cat with write(), drain(), close() and read()", () =>
  run(async () => {
    const proc = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
    assert.ok(proc instanceof Process);
    assert.equal(typeof proc.pid, "number");
    assert.equal(proc.returncode, null);
    assert.equal(proc.stderr, null);
    proc.stdin!.write(enc("line 1\n"));
    await proc.stdin!.drain();
    assert.equal(dec(await proc.stdout!.readline()), "line 1\n");
    proc.stdin!.write(enc("line 2\n"));
    proc.stdin!.close();
    await proc.stdin!.waitClosed();
    assert.equal(dec(await proc.stdout!.read()), "line 2\n");
    assert.equal(await proc.wait(), 0);
    assert.equal(proc.returncode, 0);
    assert.equal(String(proc), `<Process ${proc.pid}>`);
  }));

Deno.test("communicate() with input returns [stdout, stderr]", () =>
  run(async () => {
    const proc = await createSubprocessExec("sh", "-c", "cat; echo oops >&2; exit 4", {
      stdin: PIPE,
      stdout: PIPE,
      stderr: PIPE,
    });
    const [out, err] = await proc.communicate(enc("data"));
    assert.equal(dec(out), "data");
    assert.equal(dec(err), "oops\n");
    assert.equal(proc.returncode, 4);
  }));

Deno.test("communicate() without input closes stdin; unpiped streams are null", () =>
  run(async () => {
    const proc = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
    assert.deepEqual((await proc.communicate()).map(dec), ["", null]);
    assert.equal(proc.returncode, 0);
    const proc2 = await createSubprocessExec("true", { stdout: DEVNULL });
    assert.deepEqual(await proc2.communicate(), [null, null]);
    assert.equal(proc2.returncode, 0);
  }));

Deno.test("communicate() after a partial read returns the rest, then stdout is at EOF", () =>
  run(async () => {
    const proc = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
    proc.stdin!.write(enc("first\n"));
    assert.equal(dec(await proc.stdout!.readline()), "first\n");
    const [out] = await proc.communicate(enc("second\nthird"));
    assert.equal(dec(out), "second\nthird");
    assert.ok(proc.stdout!.atEof());
    assert.equal((await proc.stdout!.read()).length, 0);
  }));

Deno.test("32 MiB through cat with communicate(): nothing lost, no deadlock", () =>
  run(async () => {
    const size = 32 * 1024 * 1024;
    const input = new Uint8Array(size);
    for (let i = 0; i < size; i += 4096) input[i] = (i / 4096) & 0xff;
    const proc = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
    const [out] = await proc.communicate(input);
    assert.equal(out!.length, size);
    assert.ok(out!.every((b, i) => b === input[i]));
  }));

Deno.test("32 MiB both ways with the streams API: writing and reading concurrently", () =>
  run(async () => {
    const chunk = new Uint8Array(65536).fill(120);
    const n = 512;
    const proc = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
    const writer = getRunningLoop().createTask(async () => {
      for (let i = 0; i < n; i++) {
        proc.stdin!.write(chunk);
        await proc.stdin!.drain();
      }
      proc.stdin!.close();
    });
    let got = 0;
    for (let b; (b = await proc.stdout!.read(65536)).length > 0;) got += b.length;
    await writer;
    assert.equal(got, n * chunk.length);
    assert.equal(await proc.wait(), 0);
  }));

Deno.test("a child that closes stdin early: communicate() ignores BrokenPipe", () =>
  run(async () => {
    const proc = await createSubprocessExec("sh", "-c", "exec 0<&-; echo done", {
      stdin: PIPE,
      stdout: PIPE,
    });
    const [out] = await proc.communicate(new Uint8Array(4 * 1024 * 1024));
    assert.equal(dec(out), "done\n");
    assert.equal(proc.returncode, 0);
  }));

Deno.test("a child that exits while we write: drain() rejects with BrokenPipe or ConnectionReset", () =>
  run(async () => {
    const proc = await createSubprocessExec("true", { stdin: PIPE });
    const chunk = new Uint8Array(1024 * 1024);
    const error = await (async () => {
      try {
        for (let i = 0; i < 64; i++) {
          proc.stdin!.write(chunk);
          await proc.stdin!.drain();
        }
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(
      error instanceof Deno.errors.BrokenPipe || error instanceof Deno.errors.ConnectionReset,
      String(error),
    );
    assert.equal(await proc.wait(), 0);
  }));

Deno.test("returncode: exit codes, and minus the signal for terminate(), kill(), sendSignal()", () =>
  run(async () => {
    const exit7 = await createSubprocessShell("exit 7");
    assert.equal(await exit7.wait(), 7);
    for (
      const [send, code] of [
        [(p: Process) => p.terminate(), -15],
        [(p: Process) => p.kill(), -9],
        [(p: Process) => p.sendSignal("SIGHUP"), -1],
      ] as const
    ) {
      const proc = await createSubprocessExec("sleep", "30");
      send(proc);
      assert.equal(await proc.wait(), code);
      assert.equal(proc.returncode, code);
      proc.kill(); // no-op after exit
    }
  }));

Deno.test("a child killed mid-stream: the reader gets what was written, then EOF", () =>
  run(async () => {
    const proc = await createSubprocessShell("echo partial; exec sleep 30", { stdout: PIPE });
    assert.equal(dec(await proc.stdout!.readline()), "partial\n");
    proc.kill();
    assert.equal(dec(await proc.stdout!.read()), "");
    assert.equal(await proc.wait(), -9);
  }));

Deno.test("await using kills a running child and waits for it", () =>
  run(async () => {
    let outer: Process;
    {
      await using proc = await createSubprocessExec("sleep", "30");
      outer = proc;
    }
    assert.equal(outer.returncode, -9);
  }));

Deno.test("stderr: STDOUT merges stderr into stdout", () =>
  run(async () => {
    const proc = await createSubprocessShell("echo a; echo b >&2", {
      stdout: PIPE,
      stderr: STDOUT,
    });
    assert.equal(proc.stderr, null);
    const [out, err] = await proc.communicate();
    assert.deepEqual(dec(out)!.split("\n").sort(), ["", "a", "b"]);
    assert.equal(err, null);
  }));

Deno.test("DEVNULL reads as empty input; inherited stdio gives null streams", () =>
  run(async () => {
    const proc = await createSubprocessExec("cat", { stdin: DEVNULL, stdout: PIPE });
    assert.equal(proc.stdin, null);
    assert.deepEqual((await proc.communicate()).map(dec), ["", null]);
    const inherit = await createSubprocessExec("true");
    assert.equal(inherit.stdin, null);
    assert.equal(inherit.stdout, null);
    assert.equal(inherit.stderr, null);
    assert.equal(await inherit.wait(), 0);
  }));

Deno.test("cwd, env and clearEnv", () =>
  run(async () => {
    const dir = await Deno.realPath(await Deno.makeTempDir());
    try {
      const proc = await createSubprocessShell('pwd; echo "$X"', {
        stdout: PIPE,
        cwd: dir,
        env: { X: "y" },
      });
      assert.equal(dec((await proc.communicate())[0]), `${dir}\ny\n`);
      const bare = await createSubprocessExec("/usr/bin/env", {
        stdout: PIPE,
        env: { A: "1" },
        clearEnv: true,
      });
      assert.equal(dec((await bare.communicate())[0]), "A=1\n");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  }));

Deno.test("limit applies to the readers: readline() longer than limit fails", () =>
  run(async () => {
    const proc = await createSubprocessShell("printf '%0100d\\n' 0", { stdout: PIPE, limit: 10 });
    await assert.rejects(proc.stdout!.readline(), Error);
    await proc.wait();
    await assert.rejects(
      createSubprocessExec("true", { limit: 0 }),
      /limit must be a number > 0, got number 0/,
    );
  }));

Deno.test("missing program: Deno.errors.NotFound; non-string argument: TypeError", () =>
  run(async () => {
    await assert.rejects(createSubprocessExec("no-such-program-xyz"), Deno.errors.NotFound);
    await assert.rejects(
      // deno-lint-ignore no-explicit-any
      createSubprocessExec("echo", 1 as any),
      (e) => e instanceof TypeError && /argument 1 must be a string, got number 1/.test(e.message),
    );
  }));

Deno.test("communicate() cancelled: CancelledError propagates; the child can still be killed", () =>
  run(async () => {
    const loop = getRunningLoop();
    const proc = await createSubprocessExec("sleep", "30", { stdout: PIPE });
    const task = loop.createTask(() => proc.communicate());
    await sleep(0);
    await sleep(0);
    task.cancel();
    await assert.rejects(Promise.resolve(task), (e: Error) => e.name === "CancelledError");
    proc.kill();
    assert.equal(await proc.wait(), -9);
  }));

Deno.test("without --allow-run, NotCapable passes through with the flag named", async () => {
  const script = `
    import { createSubprocessExec, run } from ${
    JSON.stringify(new URL("../../mod.ts", import.meta.url).href)
  };
    await run(async () => {
      try { await createSubprocessExec("true"); } catch (e) { console.log(e.name + ": " + e.message); }
    });`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-config", "--allow-read", "-"],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const w = child.stdin.getWriter();
  await w.write(enc(script));
  await w.close();
  const out = await child.output();
  const text = new TextDecoder().decode(out.stdout);
  assert.match(text, /NotCapable: .*--allow-run/);
});

Deno.test("a child killed by a signal Deno has no name for (real-time): returncode is minus its number", () =>
  run(async () => {
    const proc = await createSubprocessShell("kill -34 $$");
    assert.equal(await proc.wait(), -34);
    assert.equal(proc.returncode, -34);
  }));

Deno.test("wait() cancelled does not kill the child", () =>
  run(async () => {
    const loop = getRunningLoop();
    const proc = await createSubprocessExec("sleep", "30");
    const waiter = loop.createTask(() => proc.wait());
    await sleep(0);
    waiter.cancel();
    await assert.rejects(Promise.resolve(waiter), (e: Error) => e.name === "CancelledError");
    assert.equal(proc.returncode, null);
    proc.kill();
    assert.equal(await proc.wait(), -9);
  }));

Deno.test("output written before the child exited can be read after it exited", () =>
  run(async () => {
    const proc = await createSubprocessShell("echo one; echo two >&2", {
      stdout: PIPE,
      stderr: PIPE,
    });
    assert.equal(await proc.wait(), 0);
    assert.equal(dec(await proc.stdout!.read()), "one\n");
    assert.equal(dec(await proc.stderr!.read()), "two\n");
  }));

Deno.test("communicate() with empty input and with stdin not piped", () =>
  run(async () => {
    const cat = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
    assert.deepEqual((await cat.communicate(new Uint8Array(0))).map(dec), ["", null]);
    const echo = await createSubprocessExec("echo", "x", { stdout: PIPE });
    assert.deepEqual((await echo.communicate()).map(dec), ["x\n", null]);
  }));

Deno.test("createSubprocessExec() cancelled while connecting: CancelledError, and the child is killed and reaped", () =>
  run(async () => {
    const loop = getRunningLoop();
    const started = Date.now();
    for (let turns = 0; turns < 2; turns++) {
      const task = loop.createTask(() => createSubprocessExec("sleep", "30"));
      for (let i = 0; i < turns; i++) await sleep(0);
      task.cancel();
      try {
        await task;
        assert.fail(`turn ${turns}: not cancelled`);
      } catch (e) {
        if (!(e instanceof CancelledError)) throw e;
      }
    }
    assert.ok(Date.now() - started < 10_000);
  }));
