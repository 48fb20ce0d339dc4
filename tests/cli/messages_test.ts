import assert from "node:assert/strict";
import { messageLine } from "../../src/cli/_messages.ts";
import { escapeControls } from "../../src/cli/_escape_controls.ts";

Deno.test("messageLine() writes one line per severity, coloured only when asked", () => {
  assert.equal(messageLine("error", "Bad", false), "terok-vault: error: Bad\n");
  assert.equal(messageLine("warning", "Hm", false), "terok-vault: warning: Hm\n");
  assert.equal(messageLine("note", "So", false), "terok-vault: note: So\n");
  assert.equal(messageLine("error", "Bad", true), "terok-vault: \x1b[1;31merror:\x1b[0m Bad\n");
  assert.equal(messageLine("warning", "Hm", true), "terok-vault: \x1b[33mwarning:\x1b[0m Hm\n");
  assert.equal(messageLine("note", "So", true), "terok-vault: \x1b[36mnote:\x1b[0m So\n");
});

Deno.test("escapeControls() escapes C0, C1, DEL and bidi characters, keeping newline and tab", () => {
  assert.equal(
    escapeControls("a\x1b[2Jb\rc\x07\x7f\x85\u202e\u2066\u2069\u200e\u200f\u061c\t\n", false),
    "a\\u001B[2Jb\\u000Dc\\u0007\\u007F\\u0085\\u202E\\u2066\\u2069\\u200E\\u200F\\u061C\t\n",
  );
  assert.equal(escapeControls("plain ünïcode ✓\n", false), "plain ünïcode ✓\n");
});

Deno.test("escapeControls() keeps the program's own colours only on a colour channel", () => {
  const line = messageLine("error", "name\x1b]0;title\x07", true);
  assert.equal(
    escapeControls(line, true),
    "terok-vault: \x1b[1;31merror:\x1b[0m name\\u001B]0;title\\u0007\n",
  );
  assert.equal(
    escapeControls(line, false),
    "terok-vault: \\u001B[1;31merror:\\u001B[0m name\\u001B]0;title\\u0007\n",
  );
});

Deno.test("escapeControls() keeps JSON valid and equal in meaning", () => {
  const value = { name: "ev\u202eil\x85\x7f\x1b" };
  assert.deepEqual(JSON.parse(escapeControls(JSON.stringify(value, null, 2), false)), value);
});
