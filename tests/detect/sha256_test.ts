// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { fingerprint, sha256 } from "../../src/detect/_sha256.ts";
import { subtleFingerprint } from "./_helpers.ts";

Deno.test("sha256() equals crypto.subtle on every length from 0 to 300 bytes", async () => {
  for (let length = 0; length <= 300; length++) {
    const data = new Uint8Array(length);
    for (let i = 0; i < length; i++) data[i] = (i * 131 + length * 7) & 0xff;
    const expected = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
    assert.deepEqual(sha256(data), expected, `length ${length}`);
  }
});

Deno.test("sha256() equals crypto.subtle on random inputs up to 100 kB", async () => {
  for (let round = 0; round < 40; round++) {
    const data = crypto.getRandomValues(new Uint8Array(Math.floor(Math.random() * 65536)));
    const expected = new Uint8Array(await crypto.subtle.digest("SHA-256", data));
    assert.deepEqual(sha256(data), expected);
  }
  const big = new Uint8Array(100_000).fill(0x61);
  assert.deepEqual(sha256(big), new Uint8Array(await crypto.subtle.digest("SHA-256", big)));
});

Deno.test("fingerprint() is the first 16 hex digits of SHA-256 of the UTF-8 bytes", async () => {
  for (const secret of ["", "a", "sk-ant-ort01-FAKE", "ключ-FAKE-TEST-é", "x".repeat(1000)]) {
    assert.equal(fingerprint(secret), await subtleFingerprint(secret));
    assert.match(fingerprint(secret), /^[0-9a-f]{16}$/);
  }
});
