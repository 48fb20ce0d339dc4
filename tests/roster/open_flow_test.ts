import assert from "node:assert/strict";
import { openFlowAt } from "../../src/roster/_open_flow.ts";

Deno.test("openFlowAt: the innermost bracket still open where the parser stopped", () => {
  const text = "a: [1, {b: 2\n";
  assert.deepEqual(openFlowAt(text, text.length), { offset: 7, bracket: "{" });
  assert.deepEqual(openFlowAt("a: [1, {b: 2}\n", 14), { offset: 3, bracket: "[" });
  assert.equal(openFlowAt("a: [1, {b: 2}]\n", 15), undefined);
});

Deno.test("openFlowAt: brackets in quotes, comments and plain scalars are text", () => {
  assert.equal(openFlowAt('a: "[x"\n', 8), undefined);
  assert.equal(openFlowAt("a: '[x'' {'\n", 12), undefined);
  assert.equal(openFlowAt("a: b # [x\n", 10), undefined);
  assert.equal(openFlowAt("a: x[0]\nb: y{\n", 14), undefined);
  assert.deepEqual(openFlowAt('a: ["]", [\n', 11), { offset: 9, bracket: "[" });
});
