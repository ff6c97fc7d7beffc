// Copyright 2026 the @denoio/asyncio authors. MIT license.
// An in-memory Transport for stream tests: records writes, pauses writing above a high-water
// mark until flush(), and delivers connectionLost() through the loop as real transports do.
import {
  type BaseProtocol,
  type EventLoop,
  getRunningLoop,
  type Protocol,
  StreamReader,
  StreamReaderProtocol,
  StreamWriter,
  type Transport,
} from "../../mod.ts";

export class FakeTransport implements Transport {
  written: Uint8Array[] = [];
  reading = true;
  pauseReadingCalls = 0;
  resumeReadingCalls = 0;
  eofWritten = false;
  aborted = false;
  extra: Record<string, unknown> = {};
  #closing = false;
  #buffered = 0;
  #paused = false;
  #high: number;
  #protocol: BaseProtocol;
  #loop: EventLoop;

  constructor(loop: EventLoop, protocol: BaseProtocol, { high = 16 } = {}) {
    this.#loop = loop;
    this.#protocol = protocol;
    this.#high = high;
  }

  /** Calls protocol.connectionMade(this). */
  connect(): this {
    this.#protocol.connectionMade?.(this);
    return this;
  }

  text(): string {
    return this.written.map((b) => new TextDecoder().decode(b)).join("");
  }

  getExtraInfo(name: string, defaultValue?: unknown): unknown {
    return name in this.extra ? this.extra[name] : defaultValue;
  }
  isClosing(): boolean {
    return this.#closing;
  }
  close(): void {
    if (this.#closing) return;
    this.#closing = true;
    this.#loop.callSoon(() => this.#protocol.connectionLost?.(null));
  }
  /** Simulates the connection failing with `exc`. */
  lose(exc: Error | null): void {
    this.#closing = true;
    this.#protocol.connectionLost?.(exc);
  }
  setProtocol(protocol: BaseProtocol): void {
    this.#protocol = protocol;
  }
  getProtocol(): BaseProtocol {
    return this.#protocol;
  }
  isReading(): boolean {
    return this.reading;
  }
  pauseReading(): void {
    this.reading = false;
    this.pauseReadingCalls++;
  }
  resumeReading(): void {
    this.reading = true;
    this.resumeReadingCalls++;
  }
  write(data: Uint8Array): void {
    this.written.push(data);
    this.#buffered += data.length;
    if (!this.#paused && this.#buffered > this.#high) {
      this.#paused = true;
      this.#protocol.pauseWriting?.();
    }
  }
  writelines(list: Iterable<Uint8Array>): void {
    for (const data of list) this.write(data);
  }
  /** Pretends the buffered bytes were sent: resumes writing if paused. */
  flush(): void {
    this.#buffered = 0;
    if (this.#paused) {
      this.#paused = false;
      this.#protocol.resumeWriting?.();
    }
  }
  writeEof(): void {
    this.eofWritten = true;
  }
  canWriteEof(): boolean {
    return true;
  }
  abort(): void {
    this.aborted = true;
    this.#closing = true;
    this.#loop.callSoon(() => this.#protocol.connectionLost?.(null));
  }
  getWriteBufferSize(): number {
    return this.#buffered;
  }
  getWriteBufferLimits(): [number, number] {
    return [this.#high / 4, this.#high];
  }
  setWriteBufferLimits(high?: number): void {
    this.#high = high ?? 16;
  }
  /** Delivers bytes to the protocol, as a socket read would. */
  receive(text: string): void {
    (this.#protocol as Protocol).dataReceived?.(new TextEncoder().encode(text));
  }
}

/** A writer over a fake transport, as openConnection() would build it. */
export function connectFake(high = 16) {
  const loop = getRunningLoop();
  const reader = new StreamReader();
  const protocol = new StreamReaderProtocol(reader);
  const transport = new FakeTransport(loop, protocol, { high }).connect();
  const writer = new StreamWriter(transport, protocol, reader, loop);
  return { loop, reader, protocol, transport, writer };
}
