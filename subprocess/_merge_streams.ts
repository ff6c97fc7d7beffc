// Copyright 2026 the @denoio/asyncio authors. MIT license.
// One ReadableStream that yields the chunks of two, in arrival order (stderr merged into stdout).

/** Merges `a` and `b`: each chunk as it arrives; ends when both ended; cancel cancels both. */
export function mergeStreams(
  a: ReadableStream<Uint8Array>,
  b: ReadableStream<Uint8Array>,
): ReadableStream<Uint8Array> {
  const readers = [a.getReader(), b.getReader()];
  const pending: (Promise<[number, ReadableStreamReadResult<Uint8Array>]> | null)[] = [null, null];
  const open = [true, true];
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (open[0] || open[1]) {
        for (let i = 0; i < 2; i++) {
          if (open[i] && pending[i] === null) {
            pending[i] = readers[i].read().then((r) => [i, r]);
          }
        }
        const [i, result] = await Promise.race(pending.filter((p) => p !== null));
        pending[i] = null;
        if (result.done) {
          open[i] = false;
          continue;
        }
        controller.enqueue(result.value);
        return;
      }
      controller.close();
    },
    async cancel(reason) {
      open[0] = open[1] = false;
      await Promise.all(readers.map((r) => r.cancel(reason).catch(() => {})));
    },
  }, { highWaterMark: 0 });
}
