// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { isPhantomCredential } from "../../src/detect/is_phantom_credential.ts";

const CLAUDE = "terok-proxy-phantom-token:vault-handles-real-auth";
const CODEX = "terok-proxy-codex-oauth-marker:vault-handles-real-auth";
const FAKE = "FAKE-TEST-SECRET-not-real";

const json = (value: unknown) => JSON.stringify(value);

Deno.test("isPhantomCredential() accepts the Claude marker with refreshToken absent", () => {
  assert.equal(isPhantomCredential(json({ claudeAiOauth: { accessToken: CLAUDE } })), true);
});

Deno.test("isPhantomCredential() accepts the Claude marker with refreshToken empty", () => {
  const empty = { claudeAiOauth: { accessToken: CLAUDE, refreshToken: "" } };
  assert.equal(isPhantomCredential(json(empty)), true);
});

Deno.test("isPhantomCredential() rejects a null refreshToken, as terok's own check does", () => {
  const nulled = { claudeAiOauth: { accessToken: CLAUDE, refreshToken: null } };
  assert.equal(isPhantomCredential(json(nulled)), false);
});

Deno.test("isPhantomCredential() rejects a phantom behind a byte-order mark", () => {
  const bom = `\uFEFF${json({ claudeAiOauth: { accessToken: CLAUDE } })}`;
  assert.equal(isPhantomCredential(bom), false);
});

Deno.test("isPhantomCredential() keeps other Claude fields irrelevant", () => {
  const doc = { claudeAiOauth: { accessToken: CLAUDE, expiresAt: 1, scopes: ["x"] }, other: 2 };
  assert.equal(isPhantomCredential(json(doc)), true);
});

Deno.test("isPhantomCredential() rejects the Claude marker with a non-empty refreshToken", () => {
  const doc = { claudeAiOauth: { accessToken: CLAUDE, refreshToken: FAKE } };
  assert.equal(isPhantomCredential(json(doc)), false);
});

Deno.test("isPhantomCredential() rejects a refreshToken that is not a string", () => {
  for (const refreshToken of [0, false, [], {}]) {
    const doc = { claudeAiOauth: { accessToken: CLAUDE, refreshToken } };
    assert.equal(isPhantomCredential(json(doc)), false, JSON.stringify(refreshToken));
  }
});

Deno.test("isPhantomCredential() rejects a wrong or near-miss Claude marker", () => {
  for (const accessToken of [FAKE, `${CLAUDE} `, CLAUDE.toUpperCase(), CODEX, "", null]) {
    assert.equal(isPhantomCredential(json({ claudeAiOauth: { accessToken } })), false);
  }
  assert.equal(isPhantomCredential(json({ claudeAiOauth: {} })), false);
});

Deno.test("isPhantomCredential() rejects claudeAiOauth that is not an object", () => {
  for (const claudeAiOauth of [CLAUDE, [CLAUDE], null, 1, [{ accessToken: CLAUDE }]]) {
    assert.equal(isPhantomCredential(json({ claudeAiOauth })), false);
  }
});

Deno.test("isPhantomCredential() rejects a top level that is not an object", () => {
  for (const doc of [[{ claudeAiOauth: { accessToken: CLAUDE } }], CLAUDE, null, 3, true]) {
    assert.equal(isPhantomCredential(json(doc)), false);
  }
});

Deno.test("isPhantomCredential() rejects invalid JSON and empty text", () => {
  const text = json({ claudeAiOauth: { accessToken: CLAUDE } });
  assert.equal(isPhantomCredential(text.slice(0, -1)), false);
  assert.equal(isPhantomCredential(`${text}x`), false);
  assert.equal(isPhantomCredential(""), false);
  assert.equal(isPhantomCredential(`CLAUDE_TOKEN=${CLAUDE}`), false);
});

Deno.test("isPhantomCredential() ignores markers inherited from the prototype", () => {
  const text = `{"__proto__": {"claudeAiOauth": {"accessToken": "${CLAUDE}"}}}`;
  assert.equal(isPhantomCredential(text), false);
});

Deno.test("isPhantomCredential() accepts the Codex markers with OPENAI_API_KEY absent", () => {
  const doc = { tokens: { access_token: CODEX, refresh_token: CODEX } };
  assert.equal(isPhantomCredential(json(doc)), true);
});

Deno.test("isPhantomCredential() accepts the Codex markers with OPENAI_API_KEY empty or null", () => {
  for (const key of ["", null]) {
    const doc = { OPENAI_API_KEY: key, tokens: { access_token: CODEX, refresh_token: CODEX } };
    assert.equal(isPhantomCredential(json(doc)), true);
  }
});

Deno.test("isPhantomCredential() rejects the Codex markers with OPENAI_API_KEY set", () => {
  const doc = { OPENAI_API_KEY: FAKE, tokens: { access_token: CODEX, refresh_token: CODEX } };
  assert.equal(isPhantomCredential(json(doc)), false);
});

Deno.test("isPhantomCredential() requires both Codex markers", () => {
  const one = [
    { tokens: { access_token: CODEX } },
    { tokens: { refresh_token: CODEX } },
    { tokens: { access_token: CODEX, refresh_token: FAKE } },
    { tokens: { access_token: FAKE, refresh_token: CODEX } },
    { tokens: { access_token: CLAUDE, refresh_token: CLAUDE } },
  ];
  for (const doc of one) assert.equal(isPhantomCredential(json(doc)), false, json(doc));
});

Deno.test("isPhantomCredential() rejects Codex tokens that are not an object", () => {
  for (const tokens of [null, [CODEX, CODEX], CODEX]) {
    assert.equal(isPhantomCredential(json({ tokens })), false);
  }
});
