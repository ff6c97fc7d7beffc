// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `Process`: a child started by `createSubprocessExec()` /
 * `createSubprocessShell()`, with stream access to its stdio.
 *
 * @module
 */
import { CancelledError } from "../errors.ts";
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import type { StreamReader } from "../streams/stream_reader.ts";
import type { StreamWriter } from "../streams/stream_writer.ts";
import type { WriteTransport } from "../transports/transport.ts";
import { isPipeGone } from "../transports/_pipe_common.ts";
import { WRITE_OWNED, WritePipeTransport } from "../transports/pipe_write_transport.ts";
import type { SubprocessStreamProtocol } from "./subprocess_stream_protocol.ts";
import type { DenoSubprocessTransport } from "./subprocess_transport.ts";

/** `read(n)` with this `n` returns all that is buffered. */
const ALL_BUFFERED = Number.MAX_SAFE_INTEGER;

/**
 * A running (or finished) child process.
 *
 * Mirrors Python's `asyncio.subprocess.Process`. Differences from Python:
 * `pid` and `returncode` are getters; `await using` kills a still-running
 * child and waits for it; `sendSignal()`, `terminate()` and `kill()` do
 * nothing once the child has exited (Python may raise `ProcessLookupError`).
 *
 * @example
 * ```ts
 * import { createSubprocessExec, PIPE, run } from "@denoio/asyncio";
 * await run(async () => {
 *   const proc = await createSubprocessExec("cat", { stdin: PIPE, stdout: PIPE });
 *   const [out] = await proc.communicate(new TextEncoder().encode("hi"));
 *   console.assert(new TextDecoder().decode(out!) === "hi" && proc.returncode === 0);
 * });
 * ```
 */
export class Process implements AsyncDisposable {
  /** The child's stdin as a writer, or `null` if not piped. */
  readonly stdin: StreamWriter<WriteTransport> | null;
  /** The child's stdout as a reader, or `null` if not piped. */
  readonly stdout: StreamReader | null;
  /** The child's stderr as a reader, or `null` if not piped. */
  readonly stderr: StreamReader | null;
  #transport: DenoSubprocessTransport;
  #loop: EventLoop;

  /**
   * Wraps a started child. Made by `createSubprocessExec()` /
   * `createSubprocessShell()`; not meant to be called directly.
   *
   * @param transport The subprocess transport.
   * @param protocol Its stream protocol.
   * @param loop The loop.
   */
  constructor(
    transport: DenoSubprocessTransport,
    protocol: SubprocessStreamProtocol,
    loop: EventLoop,
  ) {
    this.#transport = transport;
    this.#loop = loop;
    this.stdin = protocol.stdin;
    this.stdout = protocol.stdout;
    this.stderr = protocol.stderr;
  }

  /** The child's process id. */
  get pid(): number {
    return this.#transport.getPid();
  }

  /**
   * The exit code once the child exited (minus the signal number if a signal
   * ended it), else `null`.
   */
  get returncode(): number | null {
    return this.#transport.getReturncode();
  }

  /**
   * Waits for the child to exit. Called while it runs, also waits until its
   * pipes are closed, as Python 3.12+ does (a background grandchild that
   * keeps stdout open delays it); called after the exit, returns at once.
   *
   * Mirrors Python's `Process.wait()`. With `stdout: PIPE` and nobody reading,
   * a child writing a lot blocks on the full pipe: read or `communicate()`.
   *
   * @returns The return code.
   */
  wait(): Promise<number> {
    return this.#transport.wait();
  }

  /**
   * Writes `input` to stdin (then closes it), reads stdout and stderr to
   * their end, and waits for the child to exit. Writing and reading run
   * concurrently, so large inputs and outputs cannot deadlock. A child that
   * stops reading early is not an error (`BrokenPipe` / `ConnectionReset` on
   * stdin are ignored).
   *
   * Mirrors Python's `Process.communicate()`.
   *
   * @param input Bytes for stdin (needs `stdin: PIPE`); `null` just closes
   * stdin. It is written without a copy: leave it unchanged until
   * `communicate()` resolves.
   * @returns `[stdout, stderr]`, each the bytes read or `null` if not piped.
   */
  async communicate(
    input: Uint8Array | null = null,
  ): Promise<[Uint8Array | null, Uint8Array | null]> {
    const loop = this.#loop;
    const jobs = [
      this.stdin !== null ? loop.createTask(() => this.#feedStdin(input)) : null,
      this.stdout !== null ? loop.createTask(() => this.#readStream(1)) : null,
      this.stderr !== null ? loop.createTask(() => this.#readStream(2)) : null,
    ];
    const all = loop.createFuture<void>();
    let pending = 0;
    const onDone = (job: Future<unknown>) => {
      const exc = job.cancelled() ? new CancelledError() : job.exception();
      if (all.done()) return;
      if (exc !== null && exc !== undefined) all.setException(exc);
      else if (--pending === 0) all.setResult();
    };
    for (const job of jobs) {
      if (job === null) continue;
      pending++;
      job.addDoneCallback(onDone);
    }
    if (pending === 0) all.setResult();
    try {
      await all;
    } catch (e) {
      if (all.cancelled()) { for (const job of jobs) job?.cancel(); }
      throw e;
    }
    await this.wait();
    return [
      (jobs[1]?.result() as Uint8Array | undefined) ?? null,
      (jobs[2]?.result() as Uint8Array | undefined) ?? null,
    ];
  }

  /**
   * Sends `signal` (a name such as `"SIGTERM"` or a number) to the child.
   *
   * Mirrors Python's `Process.send_signal()`.
   *
   * @throws {TypeError} For an unknown signal.
   */
  sendSignal(signal: Deno.Signal | number): void {
    this.#transport.sendSignal(signal);
  }

  /** Sends SIGTERM. Mirrors Python's `Process.terminate()`. */
  terminate(): void {
    this.#transport.terminate();
  }

  /** Sends SIGKILL. Mirrors Python's `Process.kill()`. */
  kill(): void {
    this.#transport.kill();
  }

  /** Kills the child if it is still running, and waits for it. */
  async [Symbol.asyncDispose](): Promise<void> {
    if (this.returncode === null) this.kill();
    await this.wait();
  }

  /** `<Process 1234>`. */
  toString(): string {
    return `<Process ${this.pid}>`;
  }

  async #feedStdin(input: Uint8Array | null): Promise<void> {
    const stdin = this.stdin!;
    try {
      if (input !== null) {
        // The input is ours until communicate() resolves: no copy (Python's bytes are immutable too).
        const transport = stdin.transport as unknown;
        if (transport instanceof WritePipeTransport) transport[WRITE_OWNED](input);
        else stdin.write(input);
      }
      await stdin.drain();
    } catch (e) {
      if (!isPipeGone(e)) throw e;
    }
    stdin.close();
  }

  /**
   * `reader.read()` until EOF, taking everything buffered at each step: a
   * bounded `read(limit)` would slice (copy) the chunks that queued up while
   * this task waited its turn. One final copy joins the blocks.
   */
  async #readStream(fd: 1 | 2): Promise<Uint8Array> {
    const transport = this.#transport.getPipeTransport(fd);
    const reader = fd === 1 ? this.stdout! : this.stderr!;
    const blocks: Uint8Array[] = [];
    let total = 0;
    for (let block; (block = await reader.read(ALL_BUFFERED)).length > 0;) {
      blocks.push(block);
      total += block.length;
    }
    transport?.close();
    if (blocks.length === 1) return blocks[0];
    const output = new Uint8Array(total);
    let at = 0;
    for (const block of blocks) {
      output.set(block, at);
      at += block.length;
    }
    return output;
  }
}
