// Copyright 2026 the @denoio/asyncio authors. MIT license.
import assert from "node:assert/strict";
import { quote } from "../../mod.ts";

Deno.test("quote() leaves safe strings alone, as shlex.quote()", () => {
  for (const s of ["abc", "a_b-c.d/e", "x=1,y:2", "user@host", "100%", "+x"]) {
    assert.equal(quote(s), s);
  }
});

Deno.test("quote() single-quotes unsafe strings and the empty string", () => {
  assert.equal(quote(""), "''");
  assert.equal(quote("a b"), "'a b'");
  assert.equal(quote("$HOME"), "'$HOME'");
  assert.equal(quote("a;rm -rf /"), "'a;rm -rf /'");
  assert.equal(quote("tab\there"), "'tab\there'");
  assert.equal(quote("é"), "'é'"); // non-ASCII is unsafe, as with re.ASCII
});

Deno.test("quote() writes each single quote as '\"'\"'", () => {
  assert.equal(quote("it's"), `'it'"'"'s'`);
  assert.equal(quote("'"), `''"'"''`);
});

Deno.test("quote() output survives /bin/sh unchanged", async () => {
  const nasty = ["it's", "a b", "$(echo no)", "`x`", "\\", '"', "", "*", "new\nline"];
  const cmd = nasty.map((s) => `printf '%s\\0' ${quote(s)}`).join("; ");
  const out = await new Deno.Command("/bin/sh", { args: ["-c", cmd], stdout: "piped" }).output();
  assert.deepEqual(new TextDecoder().decode(out.stdout).split("\0").slice(0, -1), nasty);
});

Deno.test("quote() rejects non-strings with a TypeError", () => {
  // deno-lint-ignore no-explicit-any
  assert.throws(() => quote(5 as any), /quote\(\): expected a string, got number 5/);
});
