/**
 * Accepted findings through the real CLI under its scoped flags: the allowlist (by
 * fingerprint, by rule and path glob, expired entries), `--baseline`, and what scan, scan
 * --deep, clean and watch do with accepted and known items (listed, marked, not counted); and
 * that a credential file terok's config.yml exposes on purpose is never accepted, known or
 * spared (in SARIF it keeps its own suppression, and its baselineState comes from the
 * report's `exposed[]`, which never makes a later leak known).
 */
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { runVault, type VaultRun } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { writeRoster } from "../mounts/_cli.ts";
import { events, isEvent, startRosterWatch, startWatch } from "../mounts/_watch_cli.ts";

async function fingerprint(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")
    .slice(0, 16);
}

interface Box extends AsyncDisposable {
  base: string;
  mounts: string;
  /** The leak at alpha's credential path. */
  leakPath: string;
  /** The finding below alpha's host dir. */
  logPath: string;
  apiKey: string;
  ghToken: string;
  secrets: string[];
  /** Runs `vault <args> --mounts-dir M --roster R --no-user`. */
  run(args: string[], env?: Record<string, string>): Promise<VaultRun>;
}

/** alpha's credential file holds an Anthropic key; a log below its host dir a GitHub token. */
async function makeBox(): Promise<Box> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-allow-" }));
  const mounts = `${base}/mounts`;
  await writeRoster(`${base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
  await Deno.mkdir(`${mounts}/_alpha-config/logs`, { recursive: true });
  const apiKey = fakeToken("anthropic-api-key");
  const ghToken = fakeToken("github-token");
  const leakPath = `${mounts}/_alpha-config/creds.json`;
  const logPath = `${mounts}/_alpha-config/logs/run.txt`;
  await Deno.writeTextFile(leakPath, JSON.stringify({ api_key: apiKey }));
  await Deno.writeTextFile(logPath, `token ${ghToken}\n`);
  return {
    base,
    mounts,
    leakPath,
    logPath,
    apiKey,
    ghToken,
    secrets: [apiKey, ghToken],
    run: async (args, env) => {
      const [command, ...rest] = args;
      const run = await runVault(
        [command!, ...rest, "--mounts-dir", mounts, "--roster", `${base}/roster`, "--no-user"],
        env === undefined ? {} : { env },
      );
      assertNoSecretLeak(run.stdout + run.stderr, [apiKey, ghToken]);
      return run;
    },
    [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }),
  };
}

const DEEP_SUMMARY = "Deep scan: 1 file(s), 47 bytes read, 0 binary skipped.\n";

function redactedKey(key: string): string {
  return `sk-ant-api03-…${key.slice(-4)}`;
}

function redactedGh(token: string): string {
  return `ghp_…${token.slice(-4)}`;
}

Deno.test("scan --deep: an accepted leak (by fingerprint) and finding (by rule and glob) stay listed, marked, and exit 0", async () => {
  await using box = await makeBox();
  const allow = `${box.base}/allow.yaml`;
  await Deno.writeTextFile(
    allow,
    `allowlist_version: 1\naccept:\n  - fingerprint: "${await fingerprint(box.apiKey)}"\n` +
      "    reason: fixture key, revoked\n    expires: 2999-12-31\n" +
      "  - rule: github-token\n    path: _alpha-config/logs/*.txt\n    reason: test log\n",
  );
  const text = await box.run(["scan", "--deep", "--allow-file", allow]);
  assert.deepEqual(text, {
    code: 0,
    stdout: `Leaked credential files in ${box.mounts}:\n` +
      `  alpha: ${box.leakPath} (accepted)\n` +
      `    anthropic-api-key at api_key: ${
        redactedKey(box.apiKey)
      } [accepted: fixture key, revoked]\n` +
      "Secrets found elsewhere in the mounts (not removed; rotate them):\n" +
      `  alpha: ${box.logPath} (accepted)\n` +
      `    github-token at line 1: ${redactedGh(box.ghToken)} [accepted: test log]\n` +
      DEEP_SUMMARY +
      "Not counted: 2 accepted (allowlist), 0 known (baseline); they stay listed above.\n",
    stderr: "",
  });
  const json = await box.run(["scan", "--deep", "--json", "--allow-file", allow]);
  assert.equal(json.code, 0);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.leaks[0].evidence[0], {
    rule: "anthropic-api-key",
    description: "Anthropic API key",
    key_path: "api_key",
    line: 1,
    redacted: redactedKey(box.apiKey),
    fingerprint: await fingerprint(box.apiKey),
    accepted: true,
    reason: "fixture key, revoked",
    allowed_by: `${allow}:3`,
  });
  assert.equal(report.leaks[0].accepted, true);
  assert.equal(report.leaks[0].reason, "fixture key, revoked");
  assert.equal(report.findings[0].accepted, true);
  assert.equal(report.findings[0].evidence[0].allowed_by, `${allow}:6`);
  assert.deepEqual(report.allowlist, { file: allow, entries: 2, expired: [] });
});

Deno.test("a rule and path glob never accepts a leak at a credential path; a fingerprint only its own token", async () => {
  await using box = await makeBox();
  const allow = `${box.base}/allow.yaml`;
  await Deno.writeTextFile(
    allow,
    "accept:\n  - rule: anthropic-api-key\n    path: '**'\n    reason: too broad\n" +
      '  - fingerprint: "0123456789abcdef"\n    reason: another token\n',
  );
  const run = await box.run(["scan", "--allow-file", allow]);
  assert.deepEqual(run, {
    code: 1,
    stdout: `Leaked credential files in ${box.mounts}:\n  alpha: ${box.leakPath}\n` +
      `    anthropic-api-key at api_key: ${redactedKey(box.apiKey)}\n`,
    stderr: "",
  });
});

Deno.test("an expired entry is reported (stderr and JSON) and accepts nothing", async () => {
  await using box = await makeBox();
  const allow = `${box.base}/allow.yaml`;
  await Deno.writeTextFile(
    allow,
    `accept:\n  - fingerprint: "${await fingerprint(box.apiKey)}"\n    reason: was a fixture\n` +
      "    expires: 2020-01-31\n",
  );
  const warning = `terok-vault: warning: ${allow}:2: the entry for fingerprint ` +
    `${await fingerprint(box.apiKey)} expired on 2020-01-31 and accepts nothing any more ` +
    "(reason: was a fixture)\n";
  const run = await box.run(["scan", "--allow-file", allow]);
  assert.deepEqual(run, {
    code: 1,
    stdout: `Leaked credential files in ${box.mounts}:\n  alpha: ${box.leakPath}\n` +
      `    anthropic-api-key at api_key: ${redactedKey(box.apiKey)}\n`,
    stderr: warning,
  });
  const json = await box.run(["scan", "--json", "--allow-file", allow]);
  assert.equal(json.code, 1);
  assert.equal(json.stderr, warning);
  const report = JSON.parse(json.stdout);
  assert.equal(report.leaks[0].accepted, undefined);
  assert.deepEqual(report.allowlist, {
    file: allow,
    entries: 1,
    expired: [{
      line: 2,
      fingerprint: await fingerprint(box.apiKey),
      reason: "was a fixture",
      expires: "2020-01-31",
    }],
  });
});

// As root the default is /etc/terok/vault-allow.yaml (tests/cli/grants_test.ts), not for a test to write.
Deno.test({
  name: "the default allowlist is <XDG_CONFIG_HOME>/terok/vault-allow.yaml, read without an option",
  ignore: Deno.uid() === 0,
  fn: async () => {
    await using box = await makeBox();
    await Deno.mkdir(`${box.base}/config/terok`, { recursive: true });
    await Deno.writeTextFile(
      `${box.base}/config/terok/vault-allow.yaml`,
      `accept:\n  - fingerprint: "${await fingerprint(box.apiKey)}"\n    reason: fixture\n`,
    );
    const run = await box.run(["scan"], { XDG_CONFIG_HOME: `${box.base}/config` });
    assert.deepEqual(run, {
      code: 0,
      stdout: `Leaked credential files in ${box.mounts}:\n  alpha: ${box.leakPath} (accepted)\n` +
        `    anthropic-api-key at api_key: ${redactedKey(box.apiKey)} [accepted: fixture]\n` +
        "Not counted: 1 accepted (allowlist), 0 known (baseline); they stay listed above.\n",
      stderr: "",
    });
  },
});

Deno.test("--baseline: what an earlier report holds is known and does not count; a new token does", async () => {
  await using box = await makeBox();
  const before = await box.run(["scan", "--deep", "--json"]);
  assert.equal(before.code, 1);
  const baseline = `${box.base}/baseline.json`;
  await Deno.writeTextFile(baseline, before.stdout);
  const known = await box.run(["scan", "--deep", "--baseline", baseline]);
  assert.deepEqual(known, {
    code: 0,
    stdout: `Leaked credential files in ${box.mounts}:\n` +
      `  alpha: ${box.leakPath} (known)\n` +
      `    anthropic-api-key at api_key: ${redactedKey(box.apiKey)} [known]\n` +
      "Secrets found elsewhere in the mounts (not removed; rotate them):\n" +
      `  alpha: ${box.logPath} (known)\n` +
      `    github-token at line 1: ${redactedGh(box.ghToken)} [known]\n` +
      DEEP_SUMMARY +
      "Not counted: 0 accepted (allowlist), 2 known (baseline); they stay listed above.\n",
    stderr: "",
  });
  // A new token in the same file is new; the old one in it stays known.
  const fresh = fakeToken("github-token");
  await Deno.writeTextFile(box.logPath, `token ${box.ghToken}\ntoken ${fresh}\n`);
  const json = await runVault([
    "scan",
    "--deep",
    "--json",
    "--baseline",
    baseline,
    "--mounts-dir",
    box.mounts,
    "--roster",
    `${box.base}/roster`,
    "--no-user",
  ]);
  assertNoSecretLeak(json.stdout + json.stderr, [...box.secrets, fresh]);
  assert.equal(json.code, 1);
  const report = JSON.parse(json.stdout);
  assert.equal(report.leaks[0].known, true);
  assert.deepEqual(report.findings[0].evidence.map((e: { known?: boolean }) => e.known), [
    true,
    undefined,
  ]);
  assert.equal(report.findings[0].known, undefined);
  assert.deepEqual(report.baseline, { file: baseline, items: 2 });
});

Deno.test("scan --format sarif: accepted results carry a suppression with the reason, known ones baselineState unchanged, and the log validates", async () => {
  await using box = await makeBox();
  const before = await box.run(["scan", "--json"]);
  const baseline = `${box.base}/baseline.json`;
  await Deno.writeTextFile(baseline, before.stdout);
  const allow = `${box.base}/allow.yaml`;
  await Deno.writeTextFile(
    allow,
    "accept:\n  - rule: github-token\n    path: _alpha-config/**\n    reason: test log\n",
  );
  const run = await box.run([
    "scan",
    "--deep",
    "--format",
    "sarif",
    "--allow-file",
    allow,
    "--baseline",
    baseline,
  ]);
  assert.equal(run.code, 0, run.stderr);
  const log = JSON.parse(run.stdout);
  assertValidSarif(log);
  const results = log.runs[0].results;
  assert.deepEqual(
    results.map((r: Record<string, unknown>) => [r.ruleId, r.baselineState, r.suppressions]),
    [
      ["anthropic-api-key", "unchanged", undefined],
      ["github-token", "new", [{
        kind: "external",
        status: "accepted",
        justification: "test log",
      }]],
    ],
  );
});

Deno.test("clean leaves an accepted leak in place and says so; an unaccepted one is moved", async () => {
  await using box = await makeBox();
  await writeRoster(`${box.base}/roster`, {
    alpha: ["_alpha-config", "creds.json"],
    beta: ["_beta-config", "auth.json"],
  });
  const other = fakeToken("openai-api-key");
  await Deno.mkdir(`${box.mounts}/_beta-config`);
  await Deno.writeTextFile(`${box.mounts}/_beta-config/auth.json`, JSON.stringify({ key: other }));
  const allow = `${box.base}/allow.yaml`;
  await Deno.writeTextFile(
    allow,
    `accept:\n  - fingerprint: "${await fingerprint(box.apiKey)}"\n    reason: fixture\n`,
  );
  const bytes = await Deno.readFile(box.leakPath);
  const dry = await box.run(["clean", "--dry-run", "--allow-file", allow]);
  assert.equal(dry.code, 1);
  assert.match(
    dry.stdout,
    new RegExp(
      `^Would remove beta: .*\n.*\nWould leave alpha: ${box.leakPath} in place \\(accepted\\)\n    anthropic-api-key at api_key: .* \\[accepted: fixture\\]\n$`,
    ),
  );
  const clean = await box.run(["clean", "--json", "--allow-file", allow]);
  assertNoSecretLeak(clean.stdout, [other]);
  assert.equal(clean.code, 0, clean.stderr);
  const report = JSON.parse(clean.stdout);
  assert.deepEqual(report.spared.map((l: { path: string }) => l.path), [box.leakPath]);
  assert.deepEqual(report.removed.map((l: { provider: string }) => l.provider), ["beta"]);
  assert.deepEqual(await Deno.readFile(box.leakPath), bytes);
  assert.equal(
    await Deno.lstat(`${box.mounts}/_beta-config/auth.json`).then(() => true, () => false),
    false,
  );
  // Without the allowlist, clean moves it as any other leak.
  const plain = await box.run(["clean"]);
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /^Moved alpha: /);
});

Deno.test("watch --clean --json: an accepted leak is an event marked accepted and stays in place", async () => {
  await using box = await makeBox();
  const allow = `${box.base}/allow.yaml`;
  await Deno.writeTextFile(
    allow,
    `accept:\n  - fingerprint: "${await fingerprint(box.apiKey)}"\n    reason: fixture\n`,
  );
  const watch = startRosterWatch(box, "--clean", "--json", "--allow-file", allow);
  try {
    const line = await watch.waitFor((l) => l.includes('"event":"leak"'), 30_000);
    const event = JSON.parse(line);
    assert.equal(event.accepted, true);
    assert.equal(event.reason, "fixture");
    assert.equal(event.evidence[0].accepted, true);
    await watch.waitFor((l) => l.includes('"event":"rescan"'), 30_000);
  } finally {
    assert.equal(await watch.stop("SIGTERM"), 0);
  }
  assert.equal(watch.stderr(), "");
  assertNoSecretLeak(watch.stdout(), box.secrets);
  assert.equal(await Deno.readTextFile(box.leakPath), JSON.stringify({ api_key: box.apiKey }));
});

Deno.test("bad allowlist and baseline files: one line with file, key path and line:column, exit 2", async () => {
  await using box = await makeBox();
  const allow = `${box.base}/allow.yaml`;
  const cases: [string, string][] = [
    [
      "accept:\n  - fingerprint: '0123456789abcdef'\n    reason: x\n    path: a/*\n",
      `${allow}:4:5: accept[0].path: An entry names a fingerprint, or a rule and a path glob, not both`,
    ],
    [
      "accept:\n  - rule: github-tokn\n    path: a\n    reason: x\n",
      `${allow}:2:11: accept[0].rule: Unknown rule "github-tokn" (did you mean "github-token"?)`,
    ],
    [
      "accept:\n  - fingerprint: 1234567890123456\n    reason: x\n",
      `${allow}:2:18: accept[0].fingerprint: YAML reads this value as a number; write the ` +
      'fingerprint in quotes ("...")',
    ],
    [
      "accept:\n  - rule: github-token\n    path: /etc/*\n    reason: x\n",
      `${allow}:3:11: accept[0].path: A path glob is relative to the mounts dir (no leading /)`,
    ],
    [
      "accept:\n  - fingerprint: '0123456789abcdef'\n    reason: x\n    expires: 2026-02-30\n",
      `${allow}:4:14: accept[0].expires: Expected a date YYYY-MM-DD (the last day the entry ` +
      'accepts), got "2026-02-30"',
    ],
    [
      "accept:\n  - fingerprint: '0123456789abcdef'\n",
      `${allow}:2:5: accept[0].reason: Required key is missing`,
    ],
    [
      "acept: []\n",
      `${allow}:1:1: acept: Unknown key "acept" (did you mean "accept"?)`,
    ],
  ];
  for (const [text, message] of cases) {
    await Deno.writeTextFile(allow, text);
    const run = await box.run(["scan", "--allow-file", allow]);
    assert.deepEqual(
      run,
      { code: 2, stdout: "", stderr: `terok-vault: error: ${message}\n` },
      text,
    );
  }
  const missing = await box.run(["scan", "--allow-file", `${box.base}/nope.yaml`]);
  assert.deepEqual(missing, {
    code: 2,
    stdout: "",
    stderr: `terok-vault: error: Option --allow-file names "${box.base}/nope.yaml", which does ` +
      "not exist\n",
  });
  const baseline = `${box.base}/baseline.json`;
  const baselines: [string, string][] = [
    [
      `{"mounts_dir": "/m",\n "leaks": [\n  {"path": "/m/a", "evidence": [}\n]}`,
      `${baseline}:3:33: Is not valid JSON`,
    ],
    [
      '{"mounts_dir": "/m", "leaks": [{"path": "/elsewhere/a", "evidence": []}]}',
      `${baseline}: leaks[0].path: Expected a path inside the report's mounts_dir (a baseline ` +
      "is the output of scan --json)",
    ],
    [
      '{"mounts_dir": "/m", "leaks": [{"path": "/m/a", "evidence": [{"rule": "x", "fingerprint": 5}]}]}',
      `${baseline}: leaks[0].evidence[0].fingerprint: Expected 16 hex digits or null (a baseline ` +
      "is the output of scan --json)",
    ],
  ];
  for (const [text, message] of baselines) {
    await Deno.writeTextFile(baseline, text);
    const run = await box.run(["scan", "--baseline", baseline]);
    assert.deepEqual(
      run,
      { code: 2, stdout: "", stderr: `terok-vault: error: ${message}\n` },
      text,
    );
  }
  // A credential file named as a baseline by mistake: its content never reaches the message.
  const wrong = await box.run(["scan", "--baseline", box.leakPath]);
  assert.deepEqual(wrong, {
    code: 2,
    stdout: "",
    stderr: `terok-vault: error: ${box.leakPath}: mounts_dir: Expected the absolute path of the ` +
      "mounts dir (a baseline is the output of scan --json)\n",
  });
});

Deno.test("schema allowlist prints the allowlist's JSON Schema; a valid file passes it, a bad one does not", async () => {
  const run = await runVault(["schema", "allowlist"]);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, "");
  const schema = JSON.parse(run.stdout);
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  const { $schema: _draft, ...rest } = schema;
  const validate = new Ajv({ strict: false }).compile(rest);
  const good = {
    allowlist_version: 1,
    accept: [
      { fingerprint: "0123456789abcdef", reason: "fixture", expires: "2026-12-31" },
      { rule: "github-token", path: "_codex-config/**", reason: "test logs" },
    ],
  };
  assert.ok(validate(good), JSON.stringify(validate.errors));
  for (
    const bad of [
      { accept: [{ fingerprint: "0123456789abcdef", rule: "x", path: "a", reason: "r" }] },
      { accept: [{ rule: "github-token", reason: "r" }] },
      { accept: [{ fingerprint: "0123", reason: "r" }] },
      { accept: [{ fingerprint: "0123456789abcdef" }] },
      { accpet: [] },
    ]
  ) assert.equal(validate(bad), false, JSON.stringify(bad));
  const roster = await runVault(["schema", "roster"]);
  assert.equal(roster.stdout, (await runVault(["schema"])).stdout);
});

const EXPOSE_CLAUDE = "experimental: true\nagent:\n  claude:\n    expose_oauth_token: true\n";

interface ExposedBox extends AsyncDisposable {
  base: string;
  mounts: string;
  /** Claude's credential file, which terok's config.yml exposes on purpose. */
  claudeFile: string;
  claudeText: string;
  access: string;
  refresh: string;
  /** Codex's auth.json: a leak. */
  codexFile: string;
  codexText: string;
  openai: string;
  /** TEROK_CONFIG_FILE (the exposing config.yml) and HOME. */
  env: Record<string, string>;
  /** An allowlist accepting every token of both files by fingerprint. */
  allowAll: string;
  /** Runs `vault <args> --mounts-dir M --no-user` with the default roster. */
  run(args: string[], env?: Record<string, string>): Promise<VaultRun>;
}

/** The default roster's Claude file, exposed by terok's config.yml, and a codex leak. */
async function makeExposedBox(): Promise<ExposedBox> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-allow-x-" }));
  const mounts = `${base}/mounts`;
  await Deno.mkdir(`${mounts}/_claude-config`, { recursive: true });
  await Deno.mkdir(`${mounts}/_codex-config`, { recursive: true });
  const access = fakeToken("claude-oauth-access-token");
  const refresh = fakeToken("claude-oauth-refresh-token");
  const openai = fakeToken("openai-api-key");
  const claudeFile = `${mounts}/_claude-config/.credentials.json`;
  const claudeText = JSON.stringify({
    claudeAiOauth: { accessToken: access, refreshToken: refresh, expiresAt: 1 },
  });
  const codexFile = `${mounts}/_codex-config/auth.json`;
  const codexText = JSON.stringify({ OPENAI_API_KEY: openai });
  await Deno.writeTextFile(claudeFile, claudeText, { mode: 0o600 });
  await Deno.writeTextFile(codexFile, codexText, { mode: 0o600 });
  await Deno.writeTextFile(`${base}/config.yml`, EXPOSE_CLAUDE);
  const allowAll = `${base}/allow.yaml`;
  const entries = await Promise.all(
    [access, refresh, openai].map(async (token) =>
      `  - fingerprint: "${await fingerprint(token)}"\n    reason: fixture\n`
    ),
  );
  await Deno.writeTextFile(allowAll, `accept:\n${entries.join("")}`);
  const env = { TEROK_CONFIG_FILE: `${base}/config.yml`, HOME: base };
  return {
    base,
    mounts,
    claudeFile,
    claudeText,
    access,
    refresh,
    codexFile,
    codexText,
    openai,
    env,
    allowAll,
    run: async (args, runEnv = env) => {
      const [command, ...rest] = args;
      const run = await runVault([command!, ...rest, "--mounts-dir", mounts, "--no-user"], {
        env: runEnv,
      });
      assertNoSecretLeak(run.stdout + run.stderr, [access, refresh, openai]);
      return run;
    },
    [Symbol.asyncDispose]: () => Deno.remove(base, { recursive: true }),
  };
}

const EXPOSED_HEADING = "Credential files exposed on purpose (terok's config.yml: experimental " +
  "and agent.<name>.expose_oauth_token; readable by every container, never removed):";

Deno.test("an exposed file is never accepted, known or spared: the allowlist judges leaks and findings only", async () => {
  await using box = await makeExposedBox();
  const json = await box.run(["scan", "--json", "--allow-file", box.allowAll]);
  assert.equal(json.code, 0, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.leaks.map((l: Record<string, unknown>) => [l.path, l.accepted]), [
    [box.codexFile, true],
  ]);
  // The exposed file's entry is exactly as without an allowlist: no marks at all.
  assert.equal(report.exposed.length, 1);
  const exposed = report.exposed[0];
  assert.deepEqual(Object.keys(exposed), ["provider", "path", "evidence"]);
  assert.equal(exposed.path, box.claudeFile);
  for (const item of exposed.evidence) {
    assert.deepEqual(Object.keys(item), [
      "rule",
      "description",
      "key_path",
      "line",
      "redacted",
      "fingerprint",
    ]);
  }
  const openaiShown = report.leaks[0].evidence[0].redacted;
  const text = await box.run(["scan", "--allow-file", box.allowAll]);
  assert.deepEqual(text, {
    code: 0,
    stdout: [
      `Leaked credential files in ${box.mounts}:`,
      `  codex: ${box.codexFile} (accepted)`,
      `    openai-api-key at OPENAI_API_KEY: ${openaiShown} [accepted: fixture]`,
      EXPOSED_HEADING,
      `  claude: ${box.claudeFile}`,
      `    claude-oauth-access-token at claudeAiOauth.accessToken: sk-ant-oat01-…${
        box.access.slice(-4)
      }`,
      `    claude-oauth-refresh-token at claudeAiOauth.refreshToken: sk-ant-ort01-…${
        box.refresh.slice(-4)
      }`,
      "Not counted: 1 accepted (allowlist), 0 known (baseline); they stay listed above.",
      "",
    ].join("\n"),
    stderr: "",
  });
  // clean spares the accepted leak; the exposed file is neither spared nor touched.
  const clean = await box.run(["clean", "--json", "--allow-file", box.allowAll]);
  assert.equal(clean.code, 0, clean.stderr);
  const cleaned = JSON.parse(clean.stdout);
  assert.deepEqual(cleaned.spared.map((l: { path: string }) => l.path), [box.codexFile]);
  assert.deepEqual(cleaned.removed, []);
  assert.deepEqual(cleaned.failed, []);
  assert.deepEqual(cleaned.exposed.map((l: { path: string }) => l.path), [box.claudeFile]);
  assert.equal(await Deno.readTextFile(box.claudeFile), box.claudeText);
  assert.equal((await Deno.lstat(box.claudeFile)).nlink, 1, "no quarantine link to it");
  assert.equal(await Deno.readTextFile(box.codexFile), box.codexText);
  // watch --clean: the exposed event carries no marks, the accepted leak's event does.
  const watch = startWatch(
    ["--no-user", "--mounts-dir", box.mounts, "--clean", "--json", "--allow-file", box.allowAll],
    [],
    box.env,
  );
  try {
    await watch.waitFor(isEvent("rescan"), 30_000);
  } finally {
    assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
  }
  assert.equal(watch.stderr(), "");
  assertNoSecretLeak(watch.stdout(), [box.access, box.refresh, box.openai]);
  const told = events(watch).filter((e) => e.event !== "rescan");
  assert.deepEqual(told.map((e) => [e.event, e.path, e.accepted, e.known]), [
    ["exposed", box.claudeFile, undefined, undefined],
    ["leak", box.codexFile, true, undefined],
  ]);
  assert.equal(await Deno.readTextFile(box.claudeFile), box.claudeText);
  assert.equal(await Deno.readTextFile(box.codexFile), box.codexText);
});

Deno.test("scan --format sarif: an exposed file keeps its own suppression and a baselineState by the report's exposed[]; the log validates", async () => {
  await using box = await makeExposedBox();
  const before = await box.run(["scan", "--json"]);
  assert.equal(before.code, 1, before.stderr);
  const baseline = `${box.base}/baseline.json`;
  await Deno.writeTextFile(baseline, before.stdout);
  // A new access token in the exposed file; the refresh token stays.
  const access = fakeToken("claude-oauth-access-token");
  await Deno.writeTextFile(box.claudeFile, box.claudeText.replace(box.access, access));
  const allow = `${box.base}/codex.yaml`;
  await Deno.writeTextFile(
    allow,
    `accept:\n  - fingerprint: "${await fingerprint(box.openai)}"\n    reason: fixture\n`,
  );
  const args = ["scan", "--format", "sarif", "--allow-file", allow, "--baseline", baseline];
  const run = await box.run(args);
  assert.equal(run.code, 0, run.stderr);
  assertNoSecretLeak(run.stdout, [access]);
  const log = JSON.parse(run.stdout);
  assertValidSarif(log);
  const exposedWhy = [{
    kind: "external",
    justification: "terok's config.yml sets experimental and agent.<name>.expose_oauth_token, " +
      "so terok puts this real token in the shared mount on purpose; every container can read it.",
  }];
  assert.deepEqual(
    log.runs[0].results.map((r: Record<string, Record<string, unknown>>) => [
      r.ruleId,
      r.properties!.kind,
      r.baselineState,
      r.suppressions,
    ]),
    [
      ["openai-api-key", "leak", "unchanged", [{
        kind: "external",
        status: "accepted",
        justification: "fixture",
      }]],
      ["claude-oauth-access-token", "exposed", "new", exposedWhy],
      ["claude-oauth-refresh-token", "exposed", "unchanged", exposedWhy],
    ],
  );
});

Deno.test("--baseline: a report that saw a file exposed never makes it known once terok stops exposing it", async () => {
  await using box = await makeExposedBox();
  await Deno.remove(box.codexFile);
  const before = await box.run(["scan", "--json"]);
  assert.equal(before.code, 0, before.stderr);
  assert.equal(JSON.parse(before.stdout).exposed.length, 1);
  const baseline = `${box.base}/baseline.json`;
  await Deno.writeTextFile(baseline, before.stdout);
  // terok's config.yml no longer exposes the token: the same file is now a leak, and it counts.
  await Deno.writeTextFile(`${box.base}/config.yml`, "");
  const run = await box.run(["scan", "--json", "--baseline", baseline]);
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.exposed, []);
  assert.deepEqual(report.leaks.map((l: Record<string, unknown>) => [l.path, l.known]), [
    [box.claudeFile, undefined],
  ]);
  assert.deepEqual(report.baseline, { file: baseline, items: 0 });
});

/** The SARIF validator of tests/report (the published schema, read as draft-07). */
function assertValidSarif(log: unknown): void {
  validateSarif ??= sarifValidator();
  assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
}

let validateSarif: ReturnType<typeof sarifValidator> | undefined;

function sarifValidator() {
  const text = Deno.readTextFileSync(
    new URL("../testdata/report/sarif-2.1.0-rtm.5.json", import.meta.url),
  );
  const { $schema: _draft, id, ...rest } = JSON.parse(text) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  ajv.addFormat("uri-reference", (value: string) => URL.canParse(value, "file:///"));
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...rest, $id: String(id) });
}
