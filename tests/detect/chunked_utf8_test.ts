// Copyright the terok-vault authors. MIT license.
/** Chunk edges that cut a multi-byte UTF-8 character: the same evidence as the whole file. */
import assert from "node:assert/strict";
import { ChunkedDetector } from "../../src/detect/chunked_detector.ts";
import { detectSecrets } from "../../src/detect/detect_secrets.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { bytes } from "./_helpers.ts";

/** Evidence from feeding `data` in pieces cut at `cuts`. */
function chunked(data: Uint8Array, cuts: number[]) {
  const detector = new ChunkedDetector({ fileName: "notes.md", deep: true });
  let at = 0;
  for (const cut of [...cuts, data.length]) {
    detector.push(data.subarray(at, cut));
    at = cut;
  }
  return detector.finish();
}

Deno.test("ChunkedDetector finds the same tokens wherever a 2, 3 or 4 byte character is cut", () => {
  const token = fakeToken("github-token");
  // é (2 bytes), € (3 bytes), 😀 (4 bytes), each right before a token on its own line.
  const text = `é ${token}\n€ ${token}\n😀 ${token}\nend é€😀\n`;
  const data = bytes(text);
  const whole = detectSecrets(data, { fileName: "notes.md", deep: true });
  assert.deepEqual(whole.map((e) => [e.rule, e.line]), [
    ["github-token", 1],
    ["github-token", 2],
    ["github-token", 3],
  ]);
  assertNoSecretLeak(JSON.stringify(whole), [token]);
  for (let cut = 1; cut < data.length; cut++) {
    assert.deepEqual(chunked(data, [cut]), whole, `cut at byte ${cut}`);
  }
  // Every character cut twice: pieces of one byte each.
  const bytewise = Array.from({ length: data.length - 1 }, (_, i) => i + 1);
  assert.deepEqual(chunked(data, bytewise), whole);
});

Deno.test("ChunkedDetector turns a character cut at the end of the file into U+FFFD, not into an error", () => {
  const token = fakeToken("github-token");
  const head = bytes(`${token}\n`);
  const data = new Uint8Array([...head, 0xf0, 0x9f, 0x98]); // a 4-byte character missing its last
  const found = chunked(data, [head.length + 1]);
  assert.deepEqual(found.map((e) => [e.rule, e.line]), [["github-token", 1]]);
  assert.deepEqual(found, detectSecrets(data, { fileName: "notes.md", deep: true }));
});
