// Copyright 2026 the @denoio/asyncio authors. MIT license.
/**
 * `SubprocessStreamProtocol`: the protocol behind `Process`, feeding the
 * child's stdout / stderr into `StreamReader`s and writing its stdin through
 * a `StreamWriter`.
 *
 * @module
 */
import type { EventLoop } from "../loop/event_loop.ts";
import type { Future } from "../loop/future.ts";
import type { SubprocessProtocol } from "../protocols/protocols.ts";
import { FlowControlMixin } from "../streams/flow_control_mixin.ts";
import { StreamReader } from "../streams/stream_reader.ts";
import { StreamWriter } from "../streams/stream_writer.ts";
import type {
  BaseTransport,
  ReadTransport,
  SubprocessTransport,
  WriteTransport,
} from "../transports/transport.ts";

/**
 * Like `StreamReaderProtocol`, for a subprocess: creates a
 * {@linkcode StreamReader} per piped output and a {@linkcode StreamWriter}
 * for a piped stdin, and closes the transport once the child exited and its
 * output pipes closed.
 *
 * Mirrors Python's `asyncio.subprocess.SubprocessStreamProtocol`. Internal:
 * used by `createSubprocessExec()` / `createSubprocessShell()`.
 */
export class SubprocessStreamProtocol extends FlowControlMixin implements SubprocessProtocol {
  /** The child's stdin, if piped. */
  stdin: StreamWriter<WriteTransport> | null = null;
  /** The child's stdout, if piped. */
  stdout: StreamReader | null = null;
  /** The child's stderr, if piped. */
  stderr: StreamReader | null = null;
  #limit: number | undefined;
  #loop: EventLoop;
  #transport: SubprocessTransport | null = null;
  #processExited = false;
  #pipeFds: number[] = [];
  #stdinClosed: Future<void> | null = null; // made when stdin is piped

  /**
   * Creates an instance.
   *
   * @param limit The readers' `limit` (default 64 KiB).
   * @param loop The loop.
   */
  constructor(limit: number | undefined, loop: EventLoop) {
    super(loop);
    this.#limit = limit;
    this.#loop = loop;
  }

  /** Creates the readers and the writer for the piped fds. */
  connectionMade(transport: BaseTransport): void {
    const t = transport as SubprocessTransport;
    this.#transport = t;
    const out = t.getPipeTransport(1) as ReadTransport | null;
    if (out !== null) {
      this.stdout = new StreamReader({ limit: this.#limit, loop: this.#loop });
      this.stdout.setTransport(out);
      this.#pipeFds.push(1);
    }
    const err = t.getPipeTransport(2) as ReadTransport | null;
    if (err !== null) {
      this.stderr = new StreamReader({ limit: this.#limit, loop: this.#loop });
      this.stderr.setTransport(err);
      this.#pipeFds.push(2);
    }
    const stdin = t.getPipeTransport(0) as WriteTransport | null;
    if (stdin !== null) {
      this.#stdinClosed = this.#loop.createFuture<void>();
      this.stdin = new StreamWriter(stdin, this, null, this.#loop);
    }
  }

  /** Feeds the child's output to its reader. */
  pipeDataReceived(fd: number, data: Uint8Array): void {
    const reader = fd === 1 ? this.stdout : fd === 2 ? this.stderr : null;
    reader?.feedData(data);
  }

  /** Ends a reader, or (fd 0) wakes `drain()` / `waitClosed()` of stdin. */
  pipeConnectionLost(fd: number, exc: Error | null): void {
    if (fd === 0) {
      this.stdin?.close();
      this.connectionLost(exc);
      const closed = this.#stdinClosed;
      if (closed === null || closed.done()) return;
      if (exc === null) {
        closed.setResult();
      } else {
        closed.setException(exc);
        closed.exception(); // nobody has to wait for it
      }
      return;
    }
    const reader = fd === 1 ? this.stdout : fd === 2 ? this.stderr : null;
    if (reader !== null) {
      if (exc === null) reader.feedEof();
      else reader.setException(exc);
    }
    const i = this.#pipeFds.indexOf(fd);
    if (i !== -1) this.#pipeFds.splice(i, 1);
    this.#maybeCloseTransport();
  }

  /** The child exited. */
  processExited(): void {
    this.#processExited = true;
    this.#maybeCloseTransport();
  }

  /** What `stdin.waitClosed()` awaits. */
  override getCloseWaiter(stream: unknown): PromiseLike<void> {
    if (stream === this.stdin && this.#stdinClosed !== null) return this.#stdinClosed;
    return super.getCloseWaiter(stream);
  }

  #maybeCloseTransport(): void {
    if (this.#pipeFds.length === 0 && this.#processExited && this.#transport !== null) {
      this.#transport.close();
      this.#transport = null;
    }
  }
}
