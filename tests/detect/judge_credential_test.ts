// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { judgeCredential } from "../../src/detect/judge_credential.ts";
import type { CredentialVerdict, DetectContext } from "../../src/detect/types.ts";
import { assertNoSecretLeak, fakeBody, fakeToken } from "../_secrets.ts";
import { bytes, shape, subtleFingerprint } from "./_helpers.ts";
import { loadYamlParser } from "../../src/detect/load_yaml_parser.ts";

// gh hosts.yml and glab config.yml are YAML: the detector reads them with the parser loaded.
await loadYamlParser();

const CLAUDE_MARKER = "terok-proxy-phantom-token:vault-handles-real-auth";
const CODEX_MARKER = "terok-proxy-codex-oauth-marker:vault-handles-real-auth";

/** Every secret planted in this file, checked against every verdict's JSON. */
const planted: string[] = [];
function secret(ruleId: string): string {
  const token = fakeToken(ruleId);
  planted.push(token);
  return token;
}
function opaque(): string {
  const value = `FAKE-TEST-opaque-${fakeBody(32)}`;
  planted.push(value);
  return value;
}

function judge(text: string, context: DetectContext & { truncated?: boolean }): CredentialVerdict {
  const verdict = judgeCredential(bytes(text), context);
  assertNoSecretLeak(JSON.stringify(verdict), planted);
  return verdict;
}

function leakShape(verdict: CredentialVerdict): [string, string | null, number | null][] {
  assert.equal(verdict.verdict, "leak");
  return verdict.verdict === "leak" ? shape(verdict.evidence) : [];
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

// --- Claude .credentials.json -------------------------------------------------------------

/** As terok writes the phantom: subscription metadata, the marker, an empty refresh token. */
function claudePhantom(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    claudeAiOauth: {
      accessToken: CLAUDE_MARKER,
      refreshToken: "",
      expiresAt: null,
      scopes: ["user:inference", "user:profile"],
      subscriptionType: "max",
      rateLimitTier: "default_claude_max_20x",
    },
    ...extra,
  };
}

Deno.test("Claude credentials: real OAuth tokens are a leak, by rule, key path and line", async () => {
  const access = secret("claude-oauth-access-token");
  const refresh = secret("claude-oauth-refresh-token");
  const text = json({
    claudeAiOauth: {
      accessToken: access,
      refreshToken: refresh,
      expiresAt: 1767225600000,
      scopes: ["user:inference"],
      subscriptionType: "pro",
    },
  });
  const verdict = judge(text, { fileName: ".credentials.json" });
  assert.deepEqual(leakShape(verdict), [
    ["claude-oauth-access-token", "claudeAiOauth.accessToken", 3],
    ["claude-oauth-refresh-token", "claudeAiOauth.refreshToken", 4],
  ]);
  assert.equal(verdict.format, "claude-credentials");
  if (verdict.verdict === "leak") {
    assert.equal(verdict.evidence[0]!.fingerprint, await subtleFingerprint(access));
    assert.equal(verdict.evidence[1]!.redacted, `sk-ant-ort01-…${refresh.slice(-4)}`);
  }
});

Deno.test("Claude credentials: the phantom terok writes is clean", () => {
  assert.deepEqual(judge(json(claudePhantom()), { fileName: ".credentials.json" }), {
    verdict: "clean",
    reason: "phantom",
    format: "claude-credentials",
  });
});

Deno.test("Claude credentials: empty, null and absent tokens hold no secret", () => {
  for (
    const oauth of [{ accessToken: "", refreshToken: "" }, {
      accessToken: null,
      refreshToken: null,
    }, {}]
  ) {
    assert.deepEqual(judge(json({ claudeAiOauth: oauth }), { fileName: ".credentials.json" }), {
      verdict: "clean",
      reason: "no-secret",
      format: "claude-credentials",
    });
  }
});

Deno.test("Claude credentials: real mcpOAuth tokens beside the phantom are a leak", () => {
  const mcp = {
    "linear|5f1e2d3c4b5a6978": {
      serverName: "linear",
      serverUrl: "https://mcp.linear.app/sse",
      accessToken: opaque(),
      refreshToken: opaque(),
      expiresAt: 1767225600000,
      clientId: "client-FAKE",
      clientSecret: opaque(),
    },
  };
  const verdict = judge(json(claudePhantom({ mcpOAuth: mcp })), { fileName: ".credentials.json" });
  assert.deepEqual(leakShape(verdict), [
    ["secret-value", "mcpOAuth.linear|5f1e2d3c4b5a6978.accessToken", 17],
    ["secret-value", "mcpOAuth.linear|5f1e2d3c4b5a6978.refreshToken", 18],
    ["secret-value", "mcpOAuth.linear|5f1e2d3c4b5a6978.clientSecret", 21],
  ]);
});

// --- Codex auth.json ------------------------------------------------------------------------

/** terok's synthetic id_token: `alg: none`, public claims only, signature "terok". */
function codexSyntheticIdToken(): string {
  const b64 = (v: unknown) =>
    btoa(JSON.stringify(v)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return [
    b64({ alg: "none", typ: "JWT" }),
    b64({ exp: 253402300799, email: "a@example.com" }),
    "terok",
  ]
    .join(".");
}

Deno.test("Codex auth: the phantom terok writes (with its unsigned id_token) is clean", () => {
  const phantom = {
    OPENAI_API_KEY: null,
    tokens: {
      id_token: codexSyntheticIdToken(),
      access_token: CODEX_MARKER,
      refresh_token: CODEX_MARKER,
      account_id: "acct-FAKE",
    },
    last_refresh: "9999-01-01T00:00:00Z",
  };
  assert.deepEqual(judge(json(phantom), { fileName: "auth.json" }), {
    verdict: "clean",
    reason: "phantom",
    format: "codex-auth",
  });
});

Deno.test("Codex auth: an API key or real tokens are a leak, even beside the markers", () => {
  const key = secret("openai-api-key");
  const withKey = {
    OPENAI_API_KEY: key,
    tokens: { access_token: CODEX_MARKER, refresh_token: CODEX_MARKER },
  };
  assert.deepEqual(leakShape(judge(json(withKey), { fileName: "auth.json" })), [
    ["openai-api-key", "OPENAI_API_KEY", 2],
  ]);
  const idToken = secret("jwt");
  const real = {
    OPENAI_API_KEY: null,
    tokens: { id_token: idToken, access_token: opaque(), refresh_token: opaque() },
  };
  assert.deepEqual(leakShape(judge(json(real), { fileName: "auth.json" })), [
    ["jwt", "tokens.id_token", 4],
    ["secret-value", "tokens.access_token", 5],
    ["secret-value", "tokens.refresh_token", 6],
  ]);
});

Deno.test("Codex auth: empty, null and absent values hold no secret", () => {
  for (
    const doc of [{ OPENAI_API_KEY: "" }, { OPENAI_API_KEY: null }, { tokens: {} }, {
      OPENAI_API_KEY: null,
      tokens: { access_token: null, refresh_token: "" },
    }]
  ) {
    assert.deepEqual(judge(json(doc), { fileName: "auth.json" }), {
      verdict: "clean",
      reason: "no-secret",
      format: "codex-auth",
    });
  }
});

// --- gh hosts.yml ---------------------------------------------------------------------------

Deno.test("gh hosts.yml: the token in a keyring (no oauth_token) is clean", () => {
  const text =
    "github.com:\n    users:\n        octocat:\n    git_protocol: https\n    user: octocat\n";
  assert.deepEqual(judge(text, { fileName: "hosts.yml" }), {
    verdict: "clean",
    reason: "no-secret",
    format: "gh-hosts",
  });
});

Deno.test("gh hosts.yml: oauth_token in the file is a leak at both places gh writes it", () => {
  const token = secret("github-token").replace(/^ghp_/, "gho_");
  planted.push(token);
  const text = `github.com:\n    users:\n        octocat:\n            oauth_token: ${token}\n` +
    `    git_protocol: https\n    user: octocat\n    oauth_token: ${token}\n`;
  assert.deepEqual(leakShape(judge(text, { fileName: "hosts.yml" })), [
    ["github-token", "github.com.users.octocat.oauth_token", 4],
    ["github-token", "github.com.oauth_token", 7],
  ]);
});

Deno.test("gh hosts.yml: empty, null, phantom and absent tokens hold no secret; {} is clean", () => {
  for (
    const value of ['""', "", "~", `${CLAUDE_MARKER}`]
  ) {
    const text = `github.com:\n    oauth_token: ${value}\n    user: octocat\n`;
    assert.equal(judge(text, { fileName: "hosts.yml" }).verdict, "clean", value);
  }
  assert.deepEqual(judge("{}\n", { fileName: "hosts.yml" }), {
    verdict: "clean",
    reason: "no-secret",
    format: "gh-hosts",
  });
});

Deno.test("gh hosts.yml: YAML with aliases or broken syntax fails closed", () => {
  const alias = "a: &x\n    oauth_token: ''\nb: *x\n";
  assert.deepEqual(leakShape(judge(alias, { fileName: "hosts.yml" })), [
    ["unrecognized-content", null, null],
  ]);
  assert.deepEqual(leakShape(judge("github.com: [oops\n", { fileName: "hosts.yml" })), [
    ["unrecognized-content", null, null],
  ]);
});

// --- glab config.yml ------------------------------------------------------------------------

/** glab's default config.yml, as `glab` writes it on first run (comments shortened). */
function glabConfig(tokenLine: string): string {
  return [
    "# What protocol to use when performing Git operations. Supported values: ssh, https.",
    "git_protocol: ssh",
    "# What editor glab should run when creating issues, merge requests, etc.",
    "editor:",
    "browser:",
    "glamour_style: dark",
    "check_update: false",
    "display_hyperlinks: false",
    "host: gitlab.com",
    "no_prompt: false",
    "telemetry: true",
    "hosts:",
    "  gitlab.com:",
    "    # What protocol to use to access the API endpoint.",
    "    api_protocol: https",
    "    api_host: gitlab.com",
    `    ${tokenLine}`,
    "",
  ].join("\n");
}

Deno.test("glab config.yml: the default with an empty token is clean", () => {
  for (const line of ["token:", 'token: ""', "token: null"]) {
    assert.deepEqual(judge(glabConfig(line), { fileName: "config.yml" }), {
      verdict: "clean",
      reason: "no-secret",
      format: "glab-config",
    });
  }
  assert.equal(judge(glabConfig("user: me"), { fileName: "config.yml" }).verdict, "clean");
});

Deno.test("glab config.yml: a token is a leak", () => {
  const token = secret("gitlab-token");
  assert.deepEqual(leakShape(judge(glabConfig(`token: ${token}`), { fileName: "config.yml" })), [
    ["gitlab-token", "hosts.gitlab.com.token", 17],
  ]);
  assert.deepEqual(
    leakShape(judge(glabConfig(`oauth2_refresh_token: ${opaque()}`), { fileName: "config.yml" })),
    [["secret-value", "hosts.gitlab.com.oauth2_refresh_token", 17]],
  );
});

// --- opencode auth.json ---------------------------------------------------------------------

Deno.test("opencode auth.json: {} after a logout is clean", () => {
  assert.deepEqual(judge("{}", { fileName: "auth.json" }), {
    verdict: "clean",
    reason: "no-secret",
    format: "opencode-auth",
  });
});

Deno.test("opencode auth.json: API keys and OAuth tokens are a leak; empty and null are not", () => {
  const doc = {
    openrouter: { type: "api", key: secret("openrouter-api-key") },
    anthropic: {
      type: "oauth",
      refresh: secret("claude-oauth-refresh-token"),
      access: secret("claude-oauth-access-token"),
      expires: 1767225600000,
    },
  };
  assert.deepEqual(leakShape(judge(json(doc), { fileName: "auth.json" })), [
    ["openrouter-api-key", "openrouter.key", 4],
    ["claude-oauth-refresh-token", "anthropic.refresh", 8],
    ["claude-oauth-access-token", "anthropic.access", 9],
  ]);
  const empty = { openrouter: { type: "api", key: "" }, other: { type: "api", key: null } };
  assert.equal(judge(json(empty), { fileName: "auth.json" }).verdict, "clean");
});

// --- Google OAuth (Gemini oauth_creds.json) -----------------------------------------------

Deno.test("Google OAuth creds: tokens are a leak; empty and null are not", () => {
  const doc = {
    access_token: secret("google-oauth-access-token"),
    scope: "https://www.googleapis.com/auth/cloud-platform openid",
    token_type: "Bearer",
    id_token: secret("jwt"),
    expiry_date: 1767225600000,
    refresh_token: secret("google-oauth-refresh-token"),
  };
  assert.deepEqual(leakShape(judge(json(doc), { fileName: "oauth_creds.json" })), [
    ["google-oauth-access-token", "access_token", 2],
    ["jwt", "id_token", 5],
    ["google-oauth-refresh-token", "refresh_token", 7],
  ]);
  for (const value of ["", null]) {
    const clean = { access_token: value, refresh_token: value, token_type: "Bearer" };
    assert.equal(judge(json(clean), { fileName: "oauth_creds.json" }).verdict, "clean");
  }
});

// --- dotenv ---------------------------------------------------------------------------------

Deno.test("dotenv: a value under a proxied or secret-named key is a leak", () => {
  const mistral = opaque();
  const other = opaque();
  const aws = opaque();
  const text =
    `# vibe\nMISTRAL_API_KEY=${mistral}\nexport SERVICE_TOKEN="${other}" # note\nEDITOR=vim\n` +
    `AWS_SECRET_ACCESS_KEY='${aws}'\n`;
  const context = { fileName: ".env", phantomEnv: ["MISTRAL_API_KEY"] };
  assert.deepEqual(leakShape(judge(text, context)), [
    ["secret-value", "MISTRAL_API_KEY", 2],
    ["secret-value", "SERVICE_TOKEN", 3],
    ["secret-value", "AWS_SECRET_ACCESS_KEY", 5],
  ]);
});

Deno.test("dotenv: empty, placeholder, phantom, reference and unrelated values are clean", () => {
  const text = "MISTRAL_API_KEY=\nOTHER_API_KEY=''\nA_TOKEN=xxxxxxxxxxxx\n" +
    `B_TOKEN=${CLAUDE_MARKER}\nC_SECRET=\${VAULT_C}\n\n# comment\nEDITOR=vim\n`;
  assert.deepEqual(judge(text, { fileName: ".env", phantomEnv: ["MISTRAL_API_KEY"] }), {
    verdict: "clean",
    reason: "no-secret",
    format: "dotenv",
  });
});

Deno.test("dotenv: a line that is not KEY=VALUE makes the file unrecognized", () => {
  assert.deepEqual(leakShape(judge("EDITOR=vim\nthis is not dotenv\n", { fileName: ".env" })), [
    ["unrecognized-content", null, null],
  ]);
});

// --- fail-closed verdicts ------------------------------------------------------------------

Deno.test("an empty file is clean, and so is whitespace: neither holds a value", () => {
  for (const text of ["", " \n"]) {
    assert.deepEqual(judge(text, { fileName: "config.json" }), {
      verdict: "clean",
      reason: "empty",
      format: null,
    });
  }
});

Deno.test("an unknown format with no rule match is unrecognized content, fail closed", () => {
  const verdict = judge("FAKE-TEST-SECRET-not-real\n", { fileName: "config.json" });
  assert.deepEqual(verdict, {
    verdict: "leak",
    format: null,
    evidence: [{
      rule: "unrecognized-content",
      description:
        "Content in no known format and not a phantom (a credential file is judged fail-closed)",
      keyPath: null,
      line: null,
      redacted: "…",
      fingerprint: null,
    }],
  });
  assert.deepEqual(leakShape(judge('{"apiKey": "x1"}', { fileName: "config.json" })), [
    ["unrecognized-content", null, null],
  ]);
});

Deno.test("unparseable text in a known file name is judged by the rules first", () => {
  const token = secret("anthropic-api-key");
  assert.deepEqual(
    leakShape(judge(`{"primaryApiKey": "${token}",,`, { fileName: ".credentials.json" })),
    [["anthropic-api-key", null, 1]],
  );
});

Deno.test("a phantom behind a BOM, or invalid UTF-8, is not a phantom", () => {
  const bom = `\uFEFF${JSON.stringify(claudePhantom())}`;
  assert.deepEqual(leakShape(judge(bom, { fileName: ".credentials.json" })), [
    ["unrecognized-content", null, null],
  ]);
  const invalid = new Uint8Array([0x7b, 0x7d, 0xff, 0xfe]);
  const verdict = judgeCredential(invalid, { fileName: "auth.json" });
  assert.deepEqual(leakShape(verdict), [["unrecognized-content", null, null]]);
});

Deno.test("a truncated file is oversized, plus the rules' matches in what was read", () => {
  const token = secret("github-token");
  const verdict = judge(`{"note": "x", "t": "${token}"`, {
    fileName: "auth.json",
    truncated: true,
  });
  assert.deepEqual(leakShape(verdict), [["oversized", null, null], ["github-token", null, 1]]);
  assert.deepEqual(leakShape(judge("", { fileName: "auth.json", truncated: true })), [
    ["oversized", null, null],
  ]);
});

Deno.test("a rule match anywhere makes a phantom a leak", () => {
  const key = secret("anthropic-api-key");
  const doc = claudePhantom({ note: `old key ${key}` });
  assert.deepEqual(leakShape(judge(json(doc), { fileName: ".credentials.json" })), [
    ["anthropic-api-key", "note", 13],
  ]);
});

Deno.test("every format: a phantom marker in a secret-bearing value holds no secret", () => {
  const cases: [string, string, string][] = [
    [
      ".credentials.json",
      json({ mcpOAuth: { s: { accessToken: CLAUDE_MARKER } } }),
      "claude-credentials",
    ],
    [".claude.json", json({ primaryApiKey: CLAUDE_MARKER }), "claude-config"],
    ["auth.json", json({ OPENAI_API_KEY: CODEX_MARKER }), "codex-auth"],
    ["hosts.yml", `github.com:\n    oauth_token: ${CODEX_MARKER}\n`, "gh-hosts"],
    ["config.yml", `hosts:\n  gitlab.com:\n    token: ${CLAUDE_MARKER}\n`, "glab-config"],
    ["auth.json", json({ openrouter: { type: "api", key: CLAUDE_MARKER } }), "opencode-auth"],
    ["oauth_creds.json", json({ access_token: CLAUDE_MARKER, scope: "x" }), "google-oauth"],
    [".env", `MISTRAL_API_KEY=${CLAUDE_MARKER}\n`, "dotenv"],
    ["settings.json", json({ env: { ANTHROPIC_API_KEY: CLAUDE_MARKER } }), "claude-settings"],
  ];
  for (const [fileName, text, format] of cases) {
    assert.deepEqual(judge(text, { fileName }), { verdict: "clean", reason: "no-secret", format });
  }
});

Deno.test("every format: an absent secret-bearing value holds no secret", () => {
  const cases: [string, string, string][] = [
    [".credentials.json", json({ mcpOAuth: {} }), "claude-credentials"],
    ["hosts.yml", "github.com:\n    user: octocat\n", "gh-hosts"],
    ["config.yml", "hosts:\n  gitlab.com:\n    api_host: gitlab.com\n", "glab-config"],
    ["auth.json", json({ openrouter: { type: "api" } }), "opencode-auth"],
    ["oauth_creds.json", json({ refresh_token: null, token_type: "Bearer" }), "google-oauth"],
    [".env", "# nothing yet\n", "dotenv"],
    ["settings.json", json({ env: { DEBUG: "1" } }), "claude-settings"],
  ];
  for (const [fileName, text, format] of cases) {
    assert.deepEqual(judge(text, { fileName }), { verdict: "clean", reason: "no-secret", format });
  }
});

Deno.test("a hostile document with 50,000 secret values is judged quickly, evidence capped", () => {
  const doc: Record<string, unknown> = {};
  for (let i = 0; i < 50_000; i++) doc[`p${i}`] = { type: "api", key: `FAKE-TEST-value-${i}-x` };
  const verdict = judgeCredential(bytes(JSON.stringify(doc)), { fileName: "auth.json" });
  assert.equal(verdict.verdict, "leak");
  if (verdict.verdict === "leak") assert.equal(verdict.evidence.length, 100);
});

Deno.test("generic shapes in other file names stay unknown: fail closed, not clean", () => {
  const typed = json({ myservice: { type: "bearer", secret: "FAKE-TEST" } });
  assert.deepEqual(leakShape(judge(typed, { fileName: "token.json" })), [
    ["unrecognized-content", null, null],
  ]);
  assert.deepEqual(leakShape(judge("myservice:\n  password: FAKE\n", { fileName: "cred.yml" })), [
    ["unrecognized-content", null, null],
  ]);
  assert.deepEqual(leakShape(judge(json({ env: {}, apiKey: "FAKE" }), { fileName: "key.json" })), [
    ["unrecognized-content", null, null],
  ]);
});

Deno.test("judgeCredential() shows only the last 4 characters of a value with no public prefix", () => {
  const value = "FAKEmistralKEY1234567890";
  const verdict = judgeCredential(bytes(`MISTRAL_API_KEY=${value}\n`), {
    fileName: ".env",
    phantomEnv: ["MISTRAL_API_KEY"],
  });
  assert.equal(verdict.verdict, "leak");
  assert.equal(verdict.verdict === "leak" ? verdict.evidence[0]!.redacted : "", "…7890");
});

Deno.test("judgeCredential() calls a file that holds no value at all empty, in any format", () => {
  for (const text of ["{}", " {}\n", "[ ]", "\n\n", "{\n}\n"]) {
    assert.deepEqual(judgeCredential(bytes(text), { fileName: "config.json" }), {
      verdict: "clean",
      reason: "empty",
      format: null,
    }, JSON.stringify(text));
  }
  const stray = judgeCredential(bytes("{} x"), { fileName: "config.json" });
  assert.equal(stray.verdict, "leak");
});
