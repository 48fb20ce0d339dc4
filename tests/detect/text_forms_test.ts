// Copyright the terok-vault authors. MIT license.
/** The text forms the detector reads through, cut at every chunk edge; and binary vs text. */
import assert from "node:assert/strict";
import { ChunkedDetector } from "../../src/detect/chunked_detector.ts";
import { detectSecrets } from "../../src/detect/detect_secrets.ts";
import { isBinary } from "../../src/detect/is_binary.ts";
import { fakeToken } from "../_secrets.ts";
import { bytes, shape } from "./_helpers.ts";

function utf16le(text: string, bom: boolean): Uint8Array {
  const units = (bom ? "\uFEFF" : "") + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    out[2 * i] = units.charCodeAt(i) & 0xff;
    out[2 * i + 1] = units.charCodeAt(i) >> 8;
  }
  return out;
}

/** Feeds `data` in two chunks cut at every offset; each run must find the same. */
function everyCut(data: Uint8Array, expected: [string, string | null, number | null][]): void {
  for (let cut = 0; cut <= data.length; cut++) {
    const detector = new ChunkedDetector({ fileName: "x.log" });
    detector.push(data.subarray(0, cut));
    detector.push(data.subarray(cut));
    assert.deepEqual(shape(detector.finish()), expected, `cut at ${cut}`);
  }
  assert.deepEqual(shape(detectSecrets(data, { fileName: "x.log" })), expected);
}

Deno.test("a token in colour codes, raw or JSON-escaped, is found at every chunk edge", () => {
  const token = fakeToken("github-token");
  everyCut(bytes(`a\n\x1b[38;5;196m${token}\x1b[0m\n`), [["github-token", null, 2]]);
  everyCut(bytes(`log {"t":"\\u001b[1;31m${token}\\u001B[0m"}\n`), [["github-token", null, 1]]);
});

Deno.test("a token with JSON \\/ escapes is found at every chunk edge", () => {
  const token = fakeToken("google-oauth-refresh-token");
  everyCut(bytes(`x\n"${token.replaceAll("/", "\\/")}"\n`), [[
    "google-oauth-refresh-token",
    null,
    2,
  ]]);
});

Deno.test("UTF-16 text, with a BOM or without, is found at every chunk edge", () => {
  const token = fakeToken("npm-token");
  everyCut(utf16le(`a\r\nnpm ${token}\r\n`, true), [["npm-token", null, 2]]);
  everyCut(utf16le(`a\nnpm ${token} \u{1F600}\n`, false), [["npm-token", null, 2]]);
});

Deno.test("isBinary: a stray NUL, UTF-16 and colour codes are text; machine data is binary", () => {
  const line = "a line of a log, some words\n";
  assert.equal(isBinary(bytes(`${line.repeat(50)}\0${line.repeat(50)}`)), false);
  assert.equal(isBinary(utf16le("text ".repeat(100), false)), false);
  assert.equal(isBinary(bytes("\x1b[32mgreen\x1b[0m\n".repeat(100))), false);
  const elf = new Uint8Array(4096);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  assert.equal(isBinary(elf), true);
  const noise = Uint8Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256);
  assert.equal(isBinary(noise), true);
});

Deno.test("wrapped-key and colour-code forms stay linear on hostile input", () => {
  const started = performance.now();
  for (
    const text of [
      "LS0tLS1CRUdJTi".repeat(300_000),
      '"-----BEGIN RSA PRIVATE KEY-----\\n" + "'.repeat(100_000),
      "\x1b[".repeat(2_000_000),
      "PRIVATE KEY ".repeat(300_000),
      "\\u001b[1;".repeat(400_000),
    ]
  ) {
    assert.deepEqual(detectSecrets(bytes(text), { fileName: "x.log" }), []);
  }
  assert.ok(performance.now() - started < 10_000);
});
