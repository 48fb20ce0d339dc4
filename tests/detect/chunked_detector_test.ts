// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { ChunkedDetector } from "../../src/detect/chunked_detector.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { bytes, shape, subtleFingerprint } from "./_helpers.ts";

/** Filler lines: long enough that the detector really drops text between chunks. */
function filler(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `{"n":${i},"msg":"plain session text é"}\n`)
    .join("");
}

/**
 * The detector keeps this much text between chunks and matches up to that far from the end of
 * what it has: a cut at `start + offset + OVERLAP` puts its matching edge at `start + offset`.
 */
const OVERLAP = 16 * 1024;

function runChunks(data: Uint8Array, cuts: number[]): ReturnType<ChunkedDetector["finish"]> {
  const detector = new ChunkedDetector({ fileName: "session.jsonl", deep: true });
  let at = 0;
  for (const cut of [...cuts, data.length]) {
    detector.push(data.subarray(at, cut));
    at = cut;
  }
  return detector.finish();
}

Deno.test("a token split across a chunk edge is found once, with its line", async () => {
  const token = fakeToken("claude-oauth-refresh-token");
  const head = filler(2000); // about 80 kB, 2000 lines
  const data = bytes(`${head}{"token":"${token}"}\n${filler(10)}`);
  const start = bytes(`${head}{"token":"`).length;
  for (let offset = -2; offset <= token.length + 2; offset += 7) {
    const found = runChunks(data, [40_000, start + offset, start + offset + OVERLAP]);
    assert.deepEqual(
      shape(found),
      [["claude-oauth-refresh-token", null, 2001]],
      `offset ${offset}`,
    );
    assert.equal(found[0]!.fingerprint, await subtleFingerprint(token));
    assertNoSecretLeak(JSON.stringify(found), [token]);
  }
});

Deno.test("a URL password split across a chunk edge is found once", () => {
  const url = fakeToken("url-password");
  const head = filler(1000);
  const data = bytes(`${head}{"db":"${url}"}\n`);
  const start = bytes(`${head}{"db":"`).length;
  for (let offset = 0; offset <= url.length; offset += 5) {
    const found = runChunks(data, [20_000, start + offset, start + offset + OVERLAP]);
    assert.deepEqual(shape(found), [["url-password", null, 1001]], `offset ${offset}`);
  }
});

Deno.test("many small chunks and chunks splitting UTF-8 characters give the same evidence", () => {
  const tokens = ["github-token", "google-api-key", "anthropic-api-key", "private-key"].map(
    fakeToken,
  );
  const text = tokens.map((token, i) => `${filler(300 + i)}secret: ${token}\n`).join("");
  const data = bytes(text);
  const whole = runChunks(data, []);
  assert.equal(whole.length, 4);
  const cuts: number[] = [];
  for (let at = 1; at < data.length; at += 997) cuts.push(at);
  assert.deepEqual(runChunks(data, cuts), whole);
  const expectedLines = tokens.map((token) =>
    text.slice(0, text.indexOf(token)).split("\n").length
  );
  assert.deepEqual(whole.map((item) => item.line), expectedLines);
});

Deno.test("evidence per file is capped at 100 items", () => {
  const text = Array.from({ length: 150 }, () => `k=${fakeToken("github-token")}\n`).join("");
  const found = runChunks(bytes(text), [1000, 5000]);
  assert.equal(found.length, 100);
  assert.equal(found[99]!.line, 100);
});

Deno.test("finish() is idempotent and push() after it throws", () => {
  const detector = new ChunkedDetector({ fileName: "a.txt" });
  detector.push(bytes(`x ${fakeToken("huggingface-token")}\n`));
  const first = detector.finish();
  assert.deepEqual(detector.finish(), first);
  assert.throws(() => detector.push(bytes("x")), TypeError);
});
