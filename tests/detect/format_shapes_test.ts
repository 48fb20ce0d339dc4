// Copyright the terok-vault authors. MIT license.
/**
 * Credential files in a known format but an unexpected shape: a malformed one fails closed
 * (unrecognized content), odd entries are passed over, and every real value is still found.
 */
import assert from "node:assert/strict";
import { judgeCredential } from "../../src/detect/judge_credential.ts";
import type { CredentialVerdict } from "../../src/detect/types.ts";
import { assertNoSecretLeak, fakeBody } from "../_secrets.ts";
import { bytes } from "./_helpers.ts";
import { loadYamlParser } from "../../src/detect/load_yaml_parser.ts";

// gh hosts.yml and glab config.yml are YAML: the detector reads them with the parser loaded.
await loadYamlParser();

const VALUE = `FAKE-TEST-${fakeBody(24)}`;

/** The verdict, its format and its evidence as (rule, keyPath, line). */
function judged(fileName: string, text: string) {
  const verdict: CredentialVerdict = judgeCredential(bytes(text), { fileName });
  assertNoSecretLeak(JSON.stringify(verdict), [VALUE]);
  assert.equal(verdict.verdict, "leak");
  return verdict.verdict === "leak"
    ? [verdict.format, verdict.evidence.map((e) => [e.rule, e.keyPath, e.line])]
    : [];
}

const UNRECOGNIZED = [null, [["unrecognized-content", null, null]]];

Deno.test("judgeCredential() fails closed on a malformed dotenv quote, and reads a quoted value with a comment", () => {
  assert.deepEqual(judged(".env", `MISTRAL_API_KEY="${VALUE}\n`), UNRECOGNIZED);
  assert.deepEqual(judged(".env", `MISTRAL_API_KEY="${VALUE}" trailing\n`), UNRECOGNIZED);
  assert.deepEqual(judged(".env", `MISTRAL_API_KEY="${VALUE}" # note\n`), [
    "dotenv",
    [["secret-value", "MISTRAL_API_KEY", 1]],
  ]);
});

Deno.test("judgeCredential() fails closed on a line of .git-credentials that is no URL, and keeps a password it cannot decode", () => {
  assert.deepEqual(judged(".git-credentials", "not a url\n"), UNRECOGNIZED);
  assert.deepEqual(judged(".git-credentials", `https://user:${VALUE}%E0%A4%A@github.com\n`), [
    "git-credentials",
    [["secret-value", "github.com.password", 1]],
  ]);
});

Deno.test("judgeCredential() fails closed on a YAML or JSON document of the wrong shape", () => {
  assert.deepEqual(judged("hosts.yml", "github.com: just-a-string\n"), UNRECOGNIZED);
  assert.deepEqual(judged(".credentials.json", "[1,2]"), UNRECOGNIZED);
});

Deno.test("judgeCredential() finds the real values beside odd entries, which fail closed", () => {
  const gh = `github.com:\n  users:\n    me: not-a-map\n    you:\n      oauth_token: ${VALUE}\n`;
  assert.deepEqual(judged("hosts.yml", gh), [
    "gh-hosts",
    [
      ["unrecognized-content", "github.com.users.me", 3],
      ["secret-value", "github.com.users.you.oauth_token", 5],
    ],
  ]);
  const glab = `hosts:\n  gitlab.com: null\n  other.com:\n    token: ${VALUE}\n`;
  assert.deepEqual(judged("config.yml", glab), [
    "glab-config",
    [["secret-value", "hosts.other.com.token", 4]],
  ]);
  const claude = JSON.stringify({
    claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
    mcpOAuth: { a: "str", b: { accessToken: VALUE } },
  });
  assert.deepEqual(judged(".credentials.json", claude), [
    "claude-credentials",
    [["secret-value", "mcpOAuth.b.accessToken", 1], ["unrecognized-content", "mcpOAuth.a", 1]],
  ]);
  const mcp = JSON.stringify({
    mcpServers: { a: "str", b: { env: "x" }, c: { env: { GITHUB_TOKEN: VALUE } } },
  });
  assert.deepEqual(judged(".claude.json", mcp)[1], [
    ["secret-value", "mcpServers.c.env.GITHUB_TOKEN", 1],
  ]);
});

Deno.test("judgeCredential() finds a value written with JSON escapes, without a line", () => {
  const escaped = `{"claudeAiOauth":{"accessToken":"\\u0046${VALUE.slice(1)}"}}`;
  assert.deepEqual(judged(".credentials.json", escaped), [
    "claude-credentials",
    [["secret-value", "claudeAiOauth.accessToken", null]],
  ]);
});

Deno.test("judgeCredential() takes a three-part id_token that is no JWT as a secret", () => {
  const codex = JSON.stringify({ tokens: { id_token: "a.b.c", access_token: VALUE } });
  assert.deepEqual(judged("auth.json", codex), [
    "codex-auth",
    [["secret-value", "tokens.id_token", 1], ["secret-value", "tokens.access_token", 1]],
  ]);
});
