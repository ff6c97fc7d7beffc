// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * The loop's subprocess transport over `Deno.Command`, and the
 * implementations of `loop.subprocessExec()` / `loop.subprocessShell()`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import { checkCallable, describe } from "../loop/_internal.ts";
import { NativeWait } from "../loop/_native_wait.ts";
import type { StdioOption, SubprocessOptions } from "../loop/io.ts";
import type { BaseProtocol, ProtocolFactory, SubprocessProtocol } from "../protocols/protocols.ts";
import type {
  ReadTransport,
  SubprocessTransport,
  WriteTransport,
} from "../transports/transport.ts";
import { ReadPipeTransport } from "../transports/pipe_read_transport.ts";
import { WritePipeTransport } from "../transports/pipe_write_transport.ts";
import { reportRejection } from "../transports/_net.ts";
import {
  callProtocol,
  type LoopResource,
  NO_ARGS,
  reportProtocolError,
  track,
  untrack,
} from "../transports/_pipe_common.ts";
import { DEVNULL, PIPE, STDOUT } from "./constants.ts";
import { mergeStreams } from "./_merge_streams.ts";
import { signalName, signalNumber } from "./_signals.ts";

type DenoStdio = "piped" | "inherit" | "null";

/** One piped fd of the child, seen by the subprocess transport. */
class PipeEnd implements BaseProtocol {
  transport: ReadPipeTransport | WritePipeTransport | null = null;
  disconnected = false;
  constructor(readonly owner: DenoSubprocessTransport, readonly fd: number) {}
  connectionMade(): void {}
  dataReceived(data: Uint8Array): void {
    this.owner.pipeDataReceived(this.fd, data);
  }
  eofReceived(): void {}
  connectionLost(exc: Error | null): void {
    this.disconnected = true;
    this.owner.pipeConnectionLost(this.fd, exc);
  }
  pauseWriting(): void {
    this.owner.forward("pauseWriting");
  }
  resumeWriting(): void {
    this.owner.forward("resumeWriting");
  }
}

/**
 * A running child process and its pipes, over `Deno.ChildProcess`.
 *
 * Mirrors Python's `BaseSubprocessTransport`. Internal: obtained from
 * `loop.subprocessExec()` / `loop.subprocessShell()`.
 */
export class DenoSubprocessTransport implements SubprocessTransport, Disposable, LoopResource {
  #loop: EventLoop;
  #protocol: SubprocessProtocol;
  #child: Deno.ChildProcess;
  /** The piped fds' ends, in fd order (0, 1, 2): fewer than three when some are not piped. */
  #pipes: PipeEnd[] = [];
  #pending: (() => void)[] | null = [];
  #returncode: number | null = null;
  #exitWaiters: NativeWait<number>[] = [];
  #connectWaiter: NativeWait<void> | null;
  #closed = false;
  #finished = false;

  /**
   * Wraps `child`, connects its piped stdio and schedules `connectionMade`.
   *
   * @param loop The loop.
   * @param protocol The subprocess protocol.
   * @param child The spawned child.
   * @param piped Which fds are piped (`2` absent when stderr merges into stdout).
   * @param mergeStderr Deliver stderr's data as fd 1 data.
   * @param connectWaiter Woken once `connectionMade` has been called.
   */
  constructor(
    loop: EventLoop,
    protocol: SubprocessProtocol,
    child: Deno.ChildProcess,
    piped: { stdin: boolean; stdout: boolean; stderr: boolean },
    mergeStderr: boolean,
    connectWaiter: NativeWait<void> | null = null,
  ) {
    this.#loop = loop;
    this.#connectWaiter = connectWaiter;
    this.#protocol = protocol;
    this.#child = child;
    track(loop, this);
    if (piped.stdin) {
      const end = new PipeEnd(this, 0);
      end.transport = new WritePipeTransport(loop, end, child.stdin, child.stdin, true);
      this.#pipes.push(end);
    }
    if (piped.stdout) {
      const end = new PipeEnd(this, 1);
      const stream = mergeStderr ? mergeStreams(child.stdout, child.stderr) : child.stdout;
      end.transport = new ReadPipeTransport(loop, end, child.stdout, stream);
      this.#pipes.push(end);
    }
    if (piped.stderr && !mergeStderr) {
      const end = new PipeEnd(this, 2);
      end.transport = new ReadPipeTransport(loop, end, child.stderr, child.stderr);
      this.#pipes.push(end);
    }
    child.status.then(this.#onStatus, this.#onStatusError);
    loop.callSoon(this.#connected);
  }

  /** `"subprocess"` is the `Deno.ChildProcess`. */
  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return name === "subprocess" ? this.#child : defaultValue;
  }

  /** Whether `close()` was called. */
  isClosing(): boolean {
    return this.#closed;
  }

  /** Switches to another protocol. */
  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol as SubprocessProtocol;
  }

  /** The current protocol. */
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }

  /** The child's process id. */
  getPid(): number {
    return this.#child.pid;
  }

  /** The exit code, minus the signal number if signalled, or `null` while running. */
  getReturncode(): number | null {
    return this.#returncode;
  }

  /** The transport of pipe `fd` (0, 1 or 2), or `null` if it is not piped. */
  getPipeTransport(fd: number): WriteTransport | ReadTransport | null {
    return this.#end(fd)?.transport ?? null;
  }

  #end(fd: number): PipeEnd | null {
    const pipes = this.#pipes;
    for (let i = 0; i < pipes.length; i++) if (pipes[i].fd === fd) return pipes[i];
    return null;
  }

  /**
   * Sends `signal` to the child. Does nothing once the child has exited.
   *
   * @throws {TypeError} For an unknown signal.
   */
  sendSignal(signal: Deno.Signal | number): void {
    const name = signalName(signal, "sendSignal()");
    if (this.#returncode !== null) return;
    try {
      this.#child.kill(name);
    } catch (e) {
      // The child exited, and its status is on its way to the loop.
      if (!(e instanceof TypeError)) throw e;
    }
  }

  /** Sends SIGTERM. */
  terminate(): void {
    this.sendSignal("SIGTERM");
  }

  /** Sends SIGKILL. */
  kill(): void {
    this.sendSignal("SIGKILL");
  }

  /**
   * Closes the pipes (stdin after flushing) and kills the child if it is
   * still running. `connectionLost(null)` follows once it exited and every
   * pipe is closed.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const pipes = this.#pipes;
    for (let i = 0; i < pipes.length; i++) pipes[i].transport?.close();
    if (this.#returncode === null) this.kill();
  }

  /** Same as {@linkcode DenoSubprocessTransport.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  /**
   * Resolves to the return code: at once if the child has exited, else once it has and every
   * pipe is closed (after `connectionLost`), as Python 3.12+. Internal (Python's `_wait()`).
   */
  wait(): Promise<number> {
    if (this.#returncode !== null) return Promise.resolve(this.#returncode);
    // A native wait (delivered through the ready queue, cancellable), not a future in an async frame.
    const waiter = NativeWait.create<number>(this.#loop);
    this.#exitWaiters.push(waiter);
    return waiter.promise;
  }

  /** @ignore */
  releaseOnLoopClose(): void {
    // Python leaves a running child alone when the loop closes: so do we, but
    // without keeping this process alive for it.
    try {
      this.#child.unref();
    } catch {
      // already gone
    }
  }

  /** `<DenoSubprocessTransport pid=N running|returncode=N>`. */
  toString(): string {
    const state = this.#returncode === null ? "running" : `returncode=${this.#returncode}`;
    return `<DenoSubprocessTransport pid=${this.#child.pid} ${state}>`;
  }

  /** @ignore */
  pipeDataReceived(fd: number, data: Uint8Array): void {
    if (this.#pending !== null) return this.#call("pipeDataReceived", [fd, data]);
    const protocol = this.#protocol as Partial<SubprocessProtocol>;
    try {
      const result = protocol.pipeDataReceived?.(fd, data);
      if (result !== undefined) {
        reportRejection(this.#loop, result, "pipeDataReceived", this, protocol);
      }
    } catch (e) {
      reportProtocolError(this.#loop, protocol, "pipeDataReceived", e, this);
    }
  }

  /** @ignore */
  pipeConnectionLost(fd: number, exc: Error | null): void {
    this.#call("pipeConnectionLost", [fd, exc]);
    this.#tryFinish();
  }

  /** @ignore */
  forward(name: "pauseWriting" | "resumeWriting"): void {
    if (this.#pending !== null) this.#call(name, NO_ARGS);
    else callProtocol(this.#loop, this.#protocol, name, NO_ARGS, this);
  }

  #call(name: string, args: unknown[]): void {
    if (this.#pending !== null) {
      this.#pending.push(() => this.#invoke(name, args));
    } else {
      this.#invoke(name, args);
    }
  }

  #invoke(name: string, args: unknown[]): void {
    callProtocol(this.#loop, this.#protocol, name, args, this);
  }

  #connected = (): void => {
    const pending = this.#pending!;
    this.#pending = null;
    this.#invoke("connectionMade", [this]);
    for (const fn of pending) fn();
    this.#connectWaiter?.wake(undefined);
    this.#connectWaiter = null;
  };

  #onStatus = (status: Deno.CommandStatus): void => {
    this.#exited(
      status.signal === null ? status.code : -(signalNumber(status.signal) ?? status.code - 128),
    );
  };

  /**
   * Deno could not report the exit: it rejects the status of a child killed by a signal it has
   * no name for (real-time signals: "Invalid signal: 34"). The number gives Python's return
   * code; otherwise, as Python does for a child it cannot wait for, the exit is reported as
   * 255 after a warning through the exception handler. Either way the child counts as exited.
   */
  #onStatusError = (error: unknown): void => {
    const signal = /Invalid signal: (\d+)/.exec(String((error as Error)?.message ?? error));
    if (signal !== null) return this.#exited(-signal[1]);
    if (!this.#loop.isClosed()) {
      this.#loop.callExceptionHandler({
        message: "Could not wait for the child process: reporting return code 255",
        exception: error,
        transport: this,
      });
    }
    this.#exited(255);
  };

  #exited(code: number): void {
    untrack(this.#loop, this);
    if (this.#loop.isClosed()) {
      this.#returncode = code;
      return;
    }
    this.#loop.callSoon(this.#processExited, code);
  }

  #processExited = (code: number): void => {
    this.#returncode = code;
    const stdin = this.#end(0)?.transport;
    if (stdin instanceof WritePipeTransport) stdin.peerGone();
    this.#call("processExited", NO_ARGS);
    this.#tryFinish();
  };

  #tryFinish(): void {
    if (this.#returncode === null || this.#finished) return;
    const pipes = this.#pipes;
    for (let i = 0; i < pipes.length; i++) if (!pipes[i].disconnected) return;
    this.#finished = true;
    this.#loop.callSoon(this.#callConnectionLost);
  }

  /** `connectionLost(null)`, then the `wait()`s made before the exit return (as Python 3.12+). */
  #callConnectionLost = (): void => {
    this.#call("connectionLost", [null]);
    const waiters = this.#exitWaiters;
    this.#exitWaiters = [];
    for (let i = 0; i < waiters.length; i++) waiters[i].wake(this.#returncode!);
  };
}

const KNOWN_OPTIONS = new Set(["stdin", "stdout", "stderr", "cwd", "env", "clearEnv"]);

function checkOptions(options: SubprocessOptions, what: string): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`${what}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.has(key)) throw new TypeError(`${what}: unknown option "${key}"`);
  }
  const env = options.env;
  if (env !== undefined) {
    if (typeof env !== "object" || env === null) {
      throw new TypeError(`${what}: env must be an object of strings, got ${describe(env)}`);
    }
    for (const [name, value] of Object.entries(env)) {
      if (typeof value !== "string") {
        throw new TypeError(`${what}: env.${name} must be a string, got ${describe(value)}`);
      }
    }
  }
}

function stdio(value: StdioOption | undefined, name: string, what: string): DenoStdio {
  if (value === undefined || value === PIPE) return "piped";
  if (value === null) return "inherit";
  if (value === DEVNULL) return "null";
  if (value === STDOUT && name === "stderr") return "piped"; // resolved by the caller
  throw new TypeError(
    `${what}: ${name} must be PIPE, DEVNULL${
      name === "stderr" ? ", STDOUT" : ""
    } or null (inherit), got ${describe(value)}`,
  );
}

function spawn<P extends SubprocessProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  program: string | URL,
  args: string[],
  options: SubprocessOptions,
  extra: Partial<Deno.CommandOptions> | null,
  what: string,
): Promise<[SubprocessTransport, P]> {
  if (typeof factory !== "function") checkCallable(factory, `${what}: protocolFactory`);
  checkOptions(options, what);
  const stdin = stdio(options.stdin, "stdin", what);
  const stdout = stdio(options.stdout, "stdout", what);
  let stderr = stdio(options.stderr, "stderr", what);
  const merge = options.stderr === STDOUT;
  if (merge) stderr = stdout;
  const protocol = factory();
  const commandOptions: Deno.CommandOptions = {
    args,
    stdin,
    stdout,
    stderr,
    cwd: options.cwd,
    env: options.env,
    clearEnv: options.clearEnv,
  };
  if (extra !== null) Object.assign(commandOptions, extra);
  const child = new Deno.Command(program, commandOptions).spawn();
  // Created once nothing can throw before it is awaited (the task now waits on it).
  const connected = NativeWait.create<void>(loop);
  const transport = new DenoSubprocessTransport(
    loop,
    protocol,
    child,
    { stdin: stdin === "piped", stdout: stdout === "piped", stderr: stderr === "piped" },
    merge && stdout === "piped",
    connected,
  );
  // A promise reaction, not an async frame: it runs in the task's context like an await would.
  return connected.promise.then(
    () => [transport, protocol],
    (e) => closeAndRethrow(transport, e),
  );
}

/** The wait for the connection failed (the task was cancelled): kill the child, reap it, rethrow. */
async function closeAndRethrow(transport: DenoSubprocessTransport, e: unknown): Promise<never> {
  transport.close();
  await transport.wait();
  throw e;
}

/** The implementation of `loop.subprocessExec()`. */
export function subprocessExec<P extends SubprocessProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  program: string,
  args: string[],
  options: SubprocessOptions,
): Promise<[SubprocessTransport, P]> {
  const what = "subprocessExec()";
  if (typeof program !== "string" && !((program as unknown) instanceof URL)) {
    throw new TypeError(`${what}: program must be a string, got ${describe(program)}`);
  }
  for (let i = 0; i < args.length; i++) {
    if (typeof args[i] !== "string") {
      throw new TypeError(`${what}: argument ${i + 1} must be a string, got ${describe(args[i])}`);
    }
  }
  return spawn(loop, factory, program, args, options, null, what);
}

/** The shell command line for `cmd`: `/bin/sh -c cmd`, or `cmd.exe /d /s /c "cmd"` on Windows. */
function shellCommand(cmd: string): [string, string[], Partial<Deno.CommandOptions> | null] {
  if (Deno.build.os === "windows") {
    return ["cmd.exe", ["/d", "/s", "/c", `"${cmd}"`], { windowsRawArguments: true }];
  }
  return ["/bin/sh", ["-c", cmd], null];
}

/** The implementation of `loop.subprocessShell()`. */
export function subprocessShell<P extends SubprocessProtocol>(
  loop: EventLoop,
  factory: ProtocolFactory<P>,
  cmd: string,
  options: SubprocessOptions,
): Promise<[SubprocessTransport, P]> {
  const what = "subprocessShell()";
  if (typeof cmd !== "string") {
    throw new TypeError(`${what}: cmd must be a string, got ${describe(cmd)}`);
  }
  const [program, args, extra] = shellCommand(cmd);
  return spawn(loop, factory, program, args, options, extra, what);
}
