// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { Deque } from "../../sync/_deque.ts";

Deno.test("Deque behaves like an array under random push/shift/pop/remove with wrap-around", () => {
  const deque = new Deque<number>();
  const model: number[] = [];
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let step = 0; step < 20000; step++) {
    const r = random();
    if (r < 0.45) {
      deque.push(step);
      model.push(step);
    } else if (r < 0.7 && model.length > 0) {
      assert.equal(deque.shift(), model.shift());
    } else if (r < 0.85 && model.length > 0) {
      assert.equal(deque.pop(), model.pop());
    } else if (model.length > 0) {
      const victim = model[Math.floor(random() * model.length)];
      assert.equal(deque.remove(victim), true);
      model.splice(model.indexOf(victim), 1);
      assert.equal(deque.remove(-1), false);
    }
    assert.equal(deque.length, model.length);
  }
  assert.deepEqual(deque.toArray(), model);
  deque.clear();
  assert.equal(deque.length, 0);
});
