// Copyright the terok-vault authors. MIT license.
/**
 * The agents' and tools' own files, in the shapes their tools write them, through the real
 * CLI on the built-in roster: `scan` on credential paths, `scan --deep` everywhere else. Every
 * secret is found with its key path and line, and attributed to the entry whose host dir
 * (auth dir or `mounts:`) holds it.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeBody, fakeToken } from "../_secrets.ts";
import { makeSandbox, put, type Sandbox } from "./_helpers.ts";

const CLAUDE_MARKER = "terok-proxy-phantom-token:vault-handles-real-auth";
const planted: string[] = [];

function opaque(): string {
  const value = `FAKE-TEST-${fakeBody(32)}`;
  planted.push(value);
  return value;
}
function token(ruleId: string): string {
  const value = fakeToken(ruleId);
  planted.push(value);
  return value;
}

type Row = [
  provider: string | null,
  path: string,
  rule: string,
  keyPath: string | null,
  line: number | null,
];

/** `scan --deep --json`: every leak and finding item as one row, in report order. */
async function deepRows(box: Sandbox): Promise<{ code: number; rows: Row[] }> {
  const run = await runVault(["scan", "--deep", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assertNoSecretLeak(run.stdout + run.stderr, planted);
  const report = JSON.parse(run.stdout);
  const rows: Row[] = [];
  for (const item of [...report.leaks, ...report.findings]) {
    for (const e of item.evidence) {
      rows.push([
        item.provider,
        item.path.slice(box.mounts.length + 1),
        e.rule,
        e.key_path,
        e.line,
      ]);
    }
  }
  return { code: run.code, rows };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

Deno.test("claude mcp add --client-secret: mcpOAuthClientConfig's secret beside the phantom, and alone", async () => {
  await using box = await makeSandbox();
  const beside = opaque();
  const alone = opaque();
  const server = "sentry|3f2a1b0c9d8e7f60";
  await put(
    `${box.mounts}/_claude-config/.credentials.json`,
    json({
      claudeAiOauth: { accessToken: CLAUDE_MARKER, refreshToken: "", expiresAt: null, scopes: [] },
      mcpOAuthClientConfig: { [server]: { clientSecret: beside } },
    }),
  );
  // Claude Code's own format without a phantom, in a host dir no entry names.
  await put(
    `${box.mounts}/_old-claude/.credentials.json`,
    json({ mcpOAuthClientConfig: { [server]: { clientSecret: alone } } }),
  );
  const { code, rows } = await deepRows(box);
  assert.equal(code, 1);
  assert.deepEqual(rows, [
    [
      "claude",
      "_claude-config/.credentials.json",
      "secret-value",
      `mcpOAuthClientConfig.${server}.clientSecret`,
      10,
    ],
    [
      null,
      "_old-claude/.credentials.json",
      "secret-value",
      `mcpOAuthClientConfig.${server}.clientSecret`,
      4,
    ],
  ]);
  // Plain scan and clean judge the credential path the same way.
  const scan = await runVault(["scan", "--mounts-dir", box.mounts, "--no-user"]);
  assert.equal(scan.code, 1);
  assertNoSecretLeak(scan.stdout + scan.stderr, planted);
  assert.equal(
    scan.stdout,
    `Leaked credential files in ${box.mounts}:\n` +
      `  claude: ${box.mounts}/_claude-config/.credentials.json\n` +
      `    secret-value at mcpOAuthClientConfig.${server}.clientSecret: …${beside.slice(-4)}\n`,
  );
});

Deno.test("codex mcp add --env and http_headers in config.toml are found by key name", async () => {
  await using box = await makeSandbox();
  const sentry = opaque();
  const header = opaque();
  const toml = [
    'model = "gpt-5-codex"',
    'approval_policy = "on-request"',
    "",
    "[mcp_servers.sentry]",
    'command = "npx"',
    'args = ["-y", "@sentry/mcp-server@latest"]',
    "",
    "[mcp_servers.sentry.env]",
    `SENTRY_AUTH_TOKEN = "${sentry}"`,
    'SENTRY_HOST = "sentry.example.invalid"',
    "",
    "[mcp_servers.linear]",
    'url = "https://mcp.linear.example.invalid/mcp"',
    "http_headers = { Authorization = " + `"Bearer ${header}", "X-Client" = 'codex' }`,
    "",
  ].join("\n");
  await put(`${box.mounts}/_codex-config/config.toml`, toml);
  const { code, rows } = await deepRows(box);
  assert.equal(code, 1);
  assert.deepEqual(rows, [
    [
      "codex",
      "_codex-config/config.toml",
      "secret-value",
      "mcp_servers.sentry.env.SENTRY_AUTH_TOKEN",
      9,
    ],
    [
      "codex",
      "_codex-config/config.toml",
      "secret-value",
      "mcp_servers.linear.http_headers.Authorization",
      14,
    ],
  ]);
});

Deno.test("registry auth, AWS shared credentials and .npmrc hold their secrets under their keys", async () => {
  await using box = await makeSandbox();
  const password = opaque();
  const identity = opaque();
  const awsSecret = `FAKE${fakeBody(36)}`;
  const session = opaque();
  const npm = token("npm-token");
  const basic = btoa(`me:${opaque()}`);
  planted.push(awsSecret, basic);
  const base = `${box.mounts}/_orphan`;
  await put(
    `${base}/containers/auth.json`,
    json({ auths: { "quay.io": { auth: btoa(`robot:${password}`) } } }),
  );
  planted.push(btoa(`robot:${password}`));
  await put(
    `${base}/.docker/config.json`,
    json({ auths: { "registry.example.invalid": { identitytoken: identity } }, credsStore: "" }),
  );
  await put(
    `${base}/.aws/credentials`,
    `[default]\naws_access_key_id = ${
      token("aws-access-key-id")
    }\naws_secret_access_key = ${awsSecret}\n` +
      `\n[profile dev]\nregion = eu-west-1\naws_session_token = ${session}\n`,
  );
  await put(
    `${base}/.npmrc`,
    `//registry.npmjs.org/:_authToken=${npm}\n//npm.example.invalid/:_auth=${basic}\nfund=false\n`,
  );
  const { code, rows } = await deepRows(box);
  assert.equal(code, 1);
  assert.deepEqual(rows, [
    [null, "_orphan/.aws/credentials", "aws-access-key-id", "default.aws_access_key_id", 2],
    [null, "_orphan/.aws/credentials", "secret-value", "default.aws_secret_access_key", 3],
    [null, "_orphan/.aws/credentials", "secret-value", "profile dev.aws_session_token", 7],
    [
      null,
      "_orphan/.docker/config.json",
      "secret-value",
      "auths.registry.example.invalid.identitytoken",
      4,
    ],
    [null, "_orphan/.npmrc", "npm-token", "//registry.npmjs.org/:_authToken", 1],
    [null, "_orphan/.npmrc", "secret-value", "//npm.example.invalid/:_auth", 2],
    [null, "_orphan/containers/auth.json", "secret-value", "auths.quay.io.auth", 4],
  ]);
});

Deno.test(".claude.json: primaryApiKey, MCP env and headers (also per project), each with its key path", async () => {
  await using box = await makeSandbox();
  const config = {
    numStartups: 12,
    primaryApiKey: token("anthropic-api-key"),
    mcpServers: {
      sentry: {
        type: "stdio",
        command: "npx",
        env: { SENTRY_AUTH_TOKEN: opaque(), LOG_LEVEL: "info" },
      },
      github: {
        type: "http",
        url: "https://api.example.invalid/mcp",
        headers: { Authorization: `Bearer ${token("github-token")}` },
      },
    },
    projects: {
      "/home/dev/work": {
        allowedTools: [],
        mcpServers: {
          linear: {
            type: "sse",
            url: "https://x.example.invalid",
            headers: { "X-Api-Key": opaque() },
          },
        },
      },
    },
  };
  await put(`${box.mounts}/_claude-config/.claude.json`, json(config));
  const { code, rows } = await deepRows(box);
  assert.equal(code, 1);
  const file = "_claude-config/.claude.json";
  assert.deepEqual(rows, [
    ["claude", file, "anthropic-api-key", "primaryApiKey", 3],
    ["claude", file, "secret-value", "mcpServers.sentry.env.SENTRY_AUTH_TOKEN", 9],
    ["claude", file, "github-token", "mcpServers.github.headers.Authorization", 17],
    [
      "claude",
      file,
      "secret-value",
      "projects./home/dev/work.mcpServers.linear.headers.X-Api-Key",
      29,
    ],
  ]);
});

Deno.test("Gemini's id_token has its key path; opencode's mounts: dirs are attributed to opencode", async () => {
  await using box = await makeSandbox();
  const creds = {
    access_token: token("google-oauth-access-token"),
    scope: "openid https://www.googleapis.com/auth/cloud-platform",
    token_type: "Bearer",
    id_token: token("jwt"),
    expiry_date: 1767225600000,
  };
  await put(`${box.mounts}/_orphan/.gemini/oauth_creds.json`, json(creds));
  await put(
    `${box.mounts}/_opencode-data/log/session.log`,
    `started\nkey ${token("github-token")}\n`,
  );
  await put(`${box.mounts}/_opencode-state/opencode/x.txt`, `${token("groq-api-key")}\n`);
  const { code, rows } = await deepRows(box);
  assert.equal(code, 1);
  assert.deepEqual(rows, [
    ["opencode", "_opencode-data/log/session.log", "github-token", null, 2],
    ["opencode", "_opencode-state/opencode/x.txt", "groq-api-key", null, 1],
    [null, "_orphan/.gemini/oauth_creds.json", "google-oauth-access-token", "access_token", 2],
    [null, "_orphan/.gemini/oauth_creds.json", "jwt", "id_token", 5],
  ]);
});

Deno.test("MDN's documentation example in a vendored test file is no finding", async () => {
  await using box = await makeSandbox();
  const test = [
    "// whatwg-url tests, as a package opencode installs ships them",
    'const url = new URL("https://anonymous:flabada@developer.mozilla.org/en-US/docs/Web/API/URL/password");',
    'assert.equal(url.password, "flabada");',
    "",
  ].join("\n");
  await put(`${box.mounts}/_opencode-config/node_modules/whatwg-url/test/password.js`, test);
  const run = await runVault(["scan", "--deep", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout).findings, []);
});
