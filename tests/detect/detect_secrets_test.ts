// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { detectSecrets } from "../../src/detect/detect_secrets.ts";
import { isBinary } from "../../src/detect/is_binary.ts";
import { assertNoSecretLeak, fakeBody, fakeToken } from "../_secrets.ts";
import { bytes, shape } from "./_helpers.ts";

Deno.test("detectSecrets() finds Claude config's primaryApiKey and settings env blocks", () => {
  const key = fakeToken("anthropic-api-key");
  const config = JSON.stringify({ numStartups: 4, primaryApiKey: key }, null, 2);
  assert.deepEqual(shape(detectSecrets(bytes(config), { fileName: ".claude.json" })), [
    ["anthropic-api-key", "primaryApiKey", 3],
  ]);
  const opaque = `FAKE-TEST-${fakeBody(30)}`;
  const settings = JSON.stringify({ env: { MY_API_KEY: opaque, DEBUG: "1" } }, null, 2);
  const found = detectSecrets(bytes(settings), { fileName: "settings.json" });
  assert.deepEqual(shape(found), [["secret-value", "env.MY_API_KEY", 3]]);
  assertNoSecretLeak(JSON.stringify(found), [key, opaque]);
});

Deno.test("detectSecrets() reads .git-credentials passwords", () => {
  const token = fakeToken("github-token");
  const opaque = `FAKE-TEST-${fakeBody(24)}`;
  const text = `https://octocat:${token}@github.com\nhttps://me:${opaque}@git.example.org\n`;
  const found = detectSecrets(bytes(text), { fileName: ".git-credentials" });
  assert.deepEqual(shape(found), [
    ["github-token", "github.com.password", 1],
    ["secret-value", "git.example.org.password", 2],
  ]);
  assertNoSecretLeak(JSON.stringify(found), [token, opaque]);
});

Deno.test("detectSecrets() finds tokens in session logs and returns [] for clean text", () => {
  const token = fakeToken("claude-oauth-access-token");
  const log = `{"type":"user","text":"hi"}\n{"type":"tool","out":"export T=${token}"}\n`;
  assert.deepEqual(shape(detectSecrets(bytes(log), { fileName: "s.jsonl" })), [
    ["claude-oauth-access-token", null, 2],
  ]);
  assert.deepEqual(detectSecrets(bytes("nothing to see\n"), { fileName: "notes.txt" }), []);
  assert.deepEqual(detectSecrets(new Uint8Array(0), { fileName: "empty" }), []);
});

Deno.test("detectSecrets() never reports unrecognized content, nor phantoms", () => {
  const phantom = JSON.stringify({
    claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
  });
  assert.deepEqual(detectSecrets(bytes(phantom), { fileName: ".credentials.json" }), []);
  assert.deepEqual(detectSecrets(bytes("random words\n"), { fileName: "auth.json" }), []);
});

Deno.test("isBinary() is true exactly when the first block holds a NUL byte", () => {
  assert.equal(isBinary(bytes("text\n")), false);
  assert.equal(isBinary(new Uint8Array(0)), false);
  assert.equal(isBinary(new Uint8Array([65, 0, 66])), true);
});

Deno.test("detectSecrets() reads MCP servers' env blocks in ~/.claude.json, globally and per project", () => {
  const slack = fakeToken("slack-token");
  const opaque = `FAKE-TEST-${fakeBody(30)}`;
  const doc = {
    numStartups: 3,
    mcpServers: { slack: { command: "npx", env: { SLACK_BOT_TOKEN: slack, LOG: "debug" } } },
    projects: { "/home/dev/app": { mcpServers: { db: { env: { DB_PASSWORD: opaque } } } } },
  };
  const found = detectSecrets(bytes(JSON.stringify(doc, null, 2)), { fileName: ".claude.json" });
  assert.deepEqual(shape(found), [
    ["slack-token", "mcpServers.slack.env.SLACK_BOT_TOKEN", 7],
    ["secret-value", "projects./home/dev/app.mcpServers.db.env.DB_PASSWORD", 17],
  ]);
  assertNoSecretLeak(JSON.stringify(found), [slack, opaque]);
});

Deno.test("detectSecrets(): JSON Lines are no document, a JSON document over lines still is", () => {
  const token = fakeToken("github-token");
  const found = (text: string) => shape(detectSecrets(bytes(text), { fileName: "x.json" }));
  // A session log: its first line a whole value, more after it.
  assert.deepEqual(found(`{"type":"user"}\n{"token":"${token}"}\n`), [
    ["github-token", null, 2],
  ]);
  // One document followed by blank lines, or whose first line ends in `}` without closing it.
  assert.deepEqual(found(`{"token":"${token}"}\n\n \n`), [["github-token", "token", 1]]);
  assert.deepEqual(found(`{"a": {"b": 1}\n, "token": "${token}"}\n`), [
    ["github-token", "token", 2],
  ]);
  assert.deepEqual(found(`{\n  "token": "${token}"\n}\n`), [["github-token", "token", 2]]);
});
