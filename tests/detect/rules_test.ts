// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { detectSecrets } from "../../src/detect/detect_secrets.ts";
import { RULES } from "../../src/detect/rules.ts";
import { assertNoSecretLeak, fakeBody, fakeToken, secretOf } from "../_secrets.ts";
import { bytes, subtleFingerprint } from "./_helpers.ts";

/** A value one step off each rule's shape: it must not match. */
const NEAR_MISSES: Record<string, () => string> = {
  "anthropic-api-key": () => `sk-ant-api03-${fakeBody(92)}AA`,
  "anthropic-admin-key": () => `sk-ant-admin01-${fakeBody(93)}AB`,
  "claude-oauth-access-token": () => `sk-ant-oat01-${fakeBody(39)}`,
  "claude-oauth-refresh-token": () => `sk-ant-ort02-${fakeBody(95)}`,
  "openai-api-key": () => `sk-proj-${fakeBody(74)}T3BlbkFI${fakeBody(74)}`,
  "google-api-key": () => `AIza${fakeBody(34)}`,
  "google-oauth-access-token": () => `ya29.${fakeBody(19)}`,
  "google-oauth-refresh-token": () => `1//1${fakeBody(60)}`,
  "github-token": () => `ghx_${fakeBody(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "gitlab-token": () => `glpat-${fakeBody(19)}`,
  "openrouter-api-key": () => `sk-or-v1-${fakeBody(64, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}`,
  "huggingface-token": () =>
    `hf_${fakeBody(33, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")}`,
  "sonar-token": () => `squ_${fakeBody(39, "abcdefghijklmnopqrstuvwxyz0123456789")}`,
  "aws-access-key-id": () => `AKIA${fakeBody(15, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "slack-token": () => `xoxz-1234567890-9876543210-${fakeBody(24)}`,
  "npm-token": () => `npm_${fakeBody(35, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "groq-api-key": () => `gsk_${fakeBody(51, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "linear-api-key": () => `lin_api_${fakeBody(31, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")}`,
  "notion-token": () => `ntn_1234567890${fakeBody(36, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")}`,
  "sendgrid-api-key": () => `SG.${fakeBody(22)}.${fakeBody(42)}`,
  "url-password": () => `https://github.com/${fakeBody(8)}:${fakeBody(20)}/x@y`,
  "private-key": () =>
    `-----BEGIN PUBLIC KEY-----\n${fakeBody(64)}\n${fakeBody(64)}\n-----END PUBLIC KEY-----`,
  // Not under a key naming a token or a secret.
  "jwt": () => `Authorization: Bearer ${fakeToken("jwt")}`,
};

/** Where each rule's token sits in the text: a JWT needs a secret-naming key before it. */
function plant(ruleId: string, token: string): string {
  const lead = ruleId === "jwt" ? '  "id_token": "' : "  value: ";
  return `first line\n${lead}${token}${ruleId === "jwt" ? '"' : ""}\nlast line\n`;
}

for (const rule of RULES) {
  Deno.test(`rule ${rule.id}: a real-shaped value is found with its fingerprint`, async () => {
    const token = fakeToken(rule.id);
    const found = detectSecrets(bytes(plant(rule.id, token)), { fileName: "notes.txt" });
    assert.equal(found.length, 1, rule.id);
    const [item] = found;
    assert.equal(item!.rule, rule.id);
    assert.equal(item!.line, 2);
    // A URL password is chosen by a person: no fingerprint a wordlist could be tried against.
    const expected = rule.id === "url-password"
      ? null
      : await subtleFingerprint(secretOf(rule.id, token));
    assert.equal(item!.fingerprint, expected);
    assertNoSecretLeak(JSON.stringify(found), [secretOf(rule.id, token)]);
  });

  Deno.test(`rule ${rule.id}: a near miss is not found`, () => {
    const nearMiss = NEAR_MISSES[rule.id];
    assert.ok(nearMiss, `rule ${rule.id} needs a near miss`);
    const found = detectSecrets(bytes(`x\n  value: ${nearMiss()}\n`), { fileName: "notes.txt" });
    assert.deepEqual(found, []);
  });
}

Deno.test("a token glued to a neighbouring letter or digit is not a token", () => {
  const token = fakeToken("github-token");
  for (const text of [`x${token}`, `${token}9`, `${token}_`]) {
    assert.deepEqual(detectSecrets(bytes(text), { fileName: "a.txt" }), [], text.length.toString());
  }
});

Deno.test("placeholders are dismissed: one repeated character or a short repeating run", () => {
  const placeholders = [
    `sk-ant-api03-${"X".repeat(93)}AA`,
    `sk-ant-oat01-${"x".repeat(60)}`,
    `sk-ant-ort01-${"abc".repeat(20)}`,
    `ghp_${"0".repeat(36)}`,
    `AIza${"X".repeat(35)}`,
    `glpat-${"xxxx".repeat(6)}`,
    `sk-or-v1-${"0".repeat(64)}`,
    `hf_${"ab".repeat(17)}`,
    "AKIAIOSFODNN7EXAMPLE",
    `npm_${"0".repeat(36)}`,
    `sk-proj-${"X".repeat(40)}T3BlbkFJ${"X".repeat(40)}`,
  ];
  for (const value of placeholders) {
    assert.deepEqual(detectSecrets(bytes(`key: ${value}\n`), { fileName: "a.txt" }), [], value);
  }
});

Deno.test("url-password: stand-ins and example words are not passwords", () => {
  for (
    const url of [
      "postgresql://app:${DB_PASSWORD}@db:5432/app",
      "https://user:password@example.com/",
      "mysql://root:<password>@localhost/db",
      "redis://default:****@cache:6379",
      "https://x-access-token:%s@github.com/o/r.git",
      "http://localhost:8080/path",
    ]
  ) {
    assert.deepEqual(detectSecrets(bytes(`url: ${url}\n`), { fileName: "a.txt" }), [], url);
  }
});

Deno.test("a token used as a URL password is reported once, by its own rule", () => {
  const token = fakeToken("github-token");
  const found = detectSecrets(bytes(`https://x:${token}@github.com/o/r.git\n`), {
    fileName: "a.txt",
  });
  assert.deepEqual(found.map((item) => item.rule), ["github-token"]);
});

Deno.test("a JWT counts only in a deep scan under a key naming a token or secret", () => {
  const jwt = fakeToken("jwt");
  const keyed = bytes(`{"session": 1}\nclient_secret = ${jwt}\n`);
  assert.equal(detectSecrets(keyed, { fileName: "a.txt" })[0]?.rule, "jwt");
  assert.deepEqual(detectSecrets(keyed, { fileName: "a.txt", deep: false }), []);
  assert.deepEqual(detectSecrets(bytes(`payload ${jwt}\n`), { fileName: "a.txt" }), []);
});

Deno.test("redaction shows the public prefix and the last 4 characters only", () => {
  const token = fakeToken("claude-oauth-refresh-token");
  const [item] = detectSecrets(bytes(token), { fileName: "a.txt" });
  assert.equal(item!.redacted, `sk-ant-ort01-…${token.slice(-4)}`);
  const pem = fakeToken("private-key");
  const [key] = detectSecrets(bytes(pem), { fileName: "id_rsa" });
  assert.equal(key!.redacted, "-----BEGIN PRIVATE KEY-----…");
});

Deno.test("RULES have unique stable ids, one-line descriptions and prefixes in their shape", () => {
  const ids = RULES.map((rule) => rule.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of RULES) {
    assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    assert.ok(!rule.description.includes("\n") && rule.description.length > 0);
    for (const prefix of rule.prefixes) assert.ok(rule.shape.includes(prefix.replace(/-$/, "")));
  }
});

Deno.test("a PEM block inside a JSON string has the fingerprint of the block itself", async () => {
  const pem = fakeToken("private-key");
  const text = JSON.stringify({ content: pem });
  const [item] = detectSecrets(bytes(text), { fileName: "log.jsonl" });
  assert.equal(item!.fingerprint, await subtleFingerprint(pem));
});

Deno.test("every rule's token is found at the very start, the very end, and after a \\n escape", () => {
  for (const rule of RULES) {
    if (rule.keyed) continue;
    const token = fakeToken(rule.id);
    const secret = secretOf(rule.id, token);
    for (const text of [token, `x ${token}`, JSON.stringify(`line one\n${token}\nline three`)]) {
      const found = detectSecrets(bytes(text), { fileName: "a.txt" });
      assert.equal(found.length, 1, `${rule.id} in ${text.length} chars`);
      assert.equal(found[0]!.rule, rule.id);
      assertNoSecretLeak(JSON.stringify(found), [secret]);
    }
  }
});

Deno.test("an encrypted PEM block with its Proc-Type and DEK-Info lines is found", () => {
  const body = fakeToken("private-key").split("\n").slice(1, -1).join("\n");
  const pem = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n" +
    `DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\n${body}\n` +
    "-----END RSA PRIVATE KEY-----";
  const found = detectSecrets(bytes(`key:\n${pem}\n`), { fileName: "id_rsa" });
  assert.deepEqual(found.map((item) => [item.rule, item.line, item.redacted]), [
    ["private-key", 2, "-----BEGIN RSA PRIVATE KEY-----…"],
  ]);
});

Deno.test("a file of repeated PEM headers without bodies holds no finding", () => {
  const text = "-----BEGIN PRIVATE KEY-----".repeat(40_000);
  assert.deepEqual(detectSecrets(bytes(text), { fileName: "a.txt" }), []);
});

Deno.test("hostile runs of prefixes hold no finding (the walk back is bounded)", () => {
  for (const text of ["sk-".repeat(100_000), "sk-proj-".repeat(40_000), "gh_ghp_".repeat(40_000)]) {
    assert.deepEqual(detectSecrets(bytes(text), { fileName: "a.txt" }), []);
  }
  const token = fakeToken("github-token");
  const found = detectSecrets(bytes(`${"sk-".repeat(50_000)} ${token}`), { fileName: "a.txt" });
  assert.deepEqual(found.map((item) => item.rule), ["github-token"]);
});
