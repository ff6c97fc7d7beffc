// Copyright 2026 the @denoio/asyncio authors. MIT license.
// Owned copies of received bytes, cut from shared slabs. Internal.
//
// A protocol keeps the chunk it is given, so the bytes of each read must land in memory nobody
// else writes. A fresh ArrayBuffer per read costs far more than copying (allocating, zeroing,
// external-memory accounting, GC): a 1 KiB allocation measured about 1 µs, its copy 0.05 µs. So
// small chunks are copied into a process-wide 64 KiB slab, one after the other, and handed out as
// views; a full slab is dropped (it lives on while chunks in it are kept) and a new one started.
// A small chunk that a program keeps therefore holds at most 64 KiB, as every chunk from Deno's
// own `conn.readable` does. Slabs stay below malloc's mmap threshold: bigger ones measured slower
// (every new slab page-faults).

/** The largest chunk `takeChunk()` accepts. */
export const SMALL_CHUNK = 16384;
const SLAB = 65536;
let slab = new ArrayBuffer(0); // allocated on first use
let slabUsed = SLAB;

/** A copy of `src[0, n)` (n <= SMALL_CHUNK) that the caller owns: a view into the slab. */
export function takeChunk(src: Uint8Array, n: number): Uint8Array {
  if (slabUsed + n > SLAB) {
    slab = new ArrayBuffer(SLAB);
    slabUsed = 0;
  }
  // `new Uint8Array(buffer, ...)` rather than `subarray()`: measured about 20 % cheaper.
  const chunk = new Uint8Array(slab, slabUsed, n);
  slabUsed = (slabUsed + n + 7) & ~7;
  chunk.set(n === src.length ? src : new Uint8Array(src.buffer, src.byteOffset, n));
  return chunk;
}
