import assert from "node:assert/strict";
import { openQuoteAt } from "../../src/roster/_open_quote.ts";

Deno.test("openQuoteAt() finds the quote still open where the parser stopped", () => {
  const text = 'label: "Claude\nbinary: claude\n';
  assert.deepEqual(openQuoteAt(text, text.length), { offset: 7, quote: '"' });
  const single = "vault:\n  upstream: 'https://x\n";
  assert.deepEqual(openQuoteAt(single, single.length), { offset: 19, quote: "'" });
});

Deno.test("openQuoteAt() skips closed quotes, escapes, comments and apostrophes in words", () => {
  const text = [
    'a: "x \\" y"',
    "b: 'it''s'",
    "c: don't # it's a comment",
    "d: [\"p\", 'q']",
    "",
  ].join("\n");
  assert.equal(openQuoteAt(text, text.length), undefined);
});
