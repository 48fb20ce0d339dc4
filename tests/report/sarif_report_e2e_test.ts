/**
 * `scan --format sarif` through the real CLI: valid against the SARIF 2.1.0 JSON Schema, one
 * result per evidence item with its file, line and key path, stable partial fingerprints,
 * never the secret, and the exit codes of `scan`.
 */
import assert from "node:assert/strict";
import { Ajv } from "ajv";
import { runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import sarifSchema from "../testdata/report/sarif-2.1.0-rtm.5.json" with { type: "json" };

/** The published schema is draft-04; ajv 8 reads it as draft-07 once its id is `$id`. */
function sarifValidator() {
  const { $schema: _draft, id, ...rest } = sarifSchema as Record<string, unknown>;
  // The published `language` pattern has a stray "]" that is only valid without the u flag.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  const isUri = (value: string) => URL.canParse(value);
  ajv.addFormat("uri", isUri);
  ajv.addFormat("uri-reference", (value: string) => URL.canParse(value, "file:///"));
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...rest, $id: String(id) });
}

const validate = sarifValidator();

function assertValidSarif(log: unknown): void {
  const valid = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
}

interface Tree {
  mounts: string;
  secrets: string[];
  cleanup(): Promise<void>;
}

/** A GitHub token leaked in gh's hosts.yml, and (for --deep) an API key in a project file. */
async function leakyMounts(): Promise<Tree> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-sarif-" }));
  const mounts = `${base}/mounts`;
  const github = fakeToken("github-token");
  const anthropic = fakeToken("anthropic-api-key");
  await Deno.mkdir(`${mounts}/_gh-config`, { recursive: true });
  await Deno.writeTextFile(
    `${mounts}/_gh-config/hosts.yml`,
    `github.com:\n  oauth_token: ${github}\n`,
  );
  await Deno.mkdir(`${mounts}/_claude-config/my project`, { recursive: true });
  await Deno.writeTextFile(
    `${mounts}/_claude-config/my project/notes.md`,
    `# notes\n\nkey: ${anthropic}\n`,
  );
  return {
    mounts,
    secrets: [github, anthropic],
    cleanup: () => Deno.remove(base, { recursive: true }),
  };
}

// deno-lint-ignore no-explicit-any
type Log = any;

Deno.test("scan --format sarif: a valid SARIF 2.1.0 log with one result per leak, exit 1", async () => {
  const tree = await leakyMounts();
  try {
    const run = await runVault([
      "scan",
      "--mounts-dir",
      tree.mounts,
      "--no-user",
      "--format",
      "sarif",
    ]);
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, "");
    assertNoSecretLeak(run.stdout + run.stderr, tree.secrets);
    const log: Log = JSON.parse(run.stdout);
    assertValidSarif(log);
    assert.equal(log.version, "2.1.0");
    // The validator does refuse what breaks the schema (so a pass means something).
    assert.equal(validate({ ...log, version: "2.0.0" }), false);
    assert.equal(validate({ ...log, runs: [{ results: [] }] }), false);
    const sarifRun = log.runs[0];
    assert.equal(sarifRun.tool.driver.name, "terok-vault");
    const ruleIds = sarifRun.tool.driver.rules.map((rule: Log) => rule.id);
    for (
      const id of [
        "github-token",
        "anthropic-api-key",
        "secret-value",
        "unrecognized-content",
        "oversized",
      ]
    ) {
      assert.ok(ruleIds.includes(id), id);
    }
    assert.equal(new Set(ruleIds).size, ruleIds.length, "one rule per id");
    assert.deepEqual(sarifRun.originalUriBaseIds, { MOUNTS: { uri: `file://${tree.mounts}/` } });
    assert.deepEqual(sarifRun.invocations, [{ executionSuccessful: true }]);
    assert.equal(sarifRun.results.length, 1);
    const [result] = sarifRun.results;
    assert.equal(result.ruleId, "github-token");
    assert.equal(sarifRun.tool.driver.rules[result.ruleIndex].id, "github-token");
    assert.equal(result.level, "error");
    assert.deepEqual(result.locations, [{
      physicalLocation: {
        artifactLocation: { uri: "_gh-config/hosts.yml", uriBaseId: "MOUNTS" },
        region: { startLine: 2 },
      },
      logicalLocations: [{ fullyQualifiedName: "github.com.oauth_token", kind: "member" }],
    }]);
    assert.equal(result.properties.kind, "leak");
    assert.equal(result.properties.provider, "gh");
    assert.match(result.properties.fingerprint, /^[0-9a-f]{16}$/);
    assert.match(result.partialFingerprints["terokVaultLocation/v1"], /^[0-9a-f]{16}$/);
    assert.match(result.message.text, /in the credential file of 'gh' at .*oauth_token: ghp_…/);
  } finally {
    await tree.cleanup();
  }
});

Deno.test("scan --deep --format sarif: findings too, with percent-encoded URIs; fingerprints stable across runs", async () => {
  const tree = await leakyMounts();
  try {
    const args = ["scan", "--deep", "--mounts-dir", tree.mounts, "--no-user", "--format=sarif"];
    const first = await runVault(args);
    const second = await runVault(args);
    assert.equal(first.code, 1, first.stderr);
    assert.equal(first.stderr, "");
    assertNoSecretLeak(first.stdout, tree.secrets);
    const log: Log = JSON.parse(first.stdout);
    assertValidSarif(log);
    const results = log.runs[0].results;
    const finding = results.find((result: Log) => result.properties.kind === "finding");
    assert.ok(finding, first.stdout);
    assert.equal(finding.ruleId, "anthropic-api-key");
    assert.deepEqual(finding.locations[0].physicalLocation, {
      artifactLocation: { uri: "_claude-config/my%20project/notes.md", uriBaseId: "MOUNTS" },
      region: { startLine: 3 },
    });
    assert.ok(results.some((result: Log) => result.properties.kind === "leak"));
    const prints = (run: { stdout: string }) =>
      JSON.parse(run.stdout).runs[0].results.map((r: Log) => r.partialFingerprints);
    assert.deepEqual(prints(second), prints(first));
    const distinct = new Set(prints(first).map((p: Log) => p["terokVaultLocation/v1"]));
    assert.equal(distinct.size, results.length);
  } finally {
    await tree.cleanup();
  }
});

Deno.test("scan --format sarif on clean mounts: no results, exit 0; a skipped provider: executionSuccessful false, exit 3", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-sarif-" }));
  try {
    const mounts = `${base}/mounts`;
    await Deno.mkdir(mounts);
    const sarifScan = ["scan", "--mounts-dir", mounts, "--no-user", "--format", "sarif"];
    const clean = await runVault(sarifScan);
    assert.equal(clean.code, 0, clean.stderr);
    const log: Log = JSON.parse(clean.stdout);
    assertValidSarif(log);
    assert.deepEqual(log.runs[0].results, []);
    // A host dir that is a symlink out of the mounts: that provider cannot be checked.
    await Deno.mkdir(`${base}/elsewhere`);
    await Deno.symlink(`${base}/elsewhere`, `${mounts}/_gh-config`);
    const skipped = await runVault(sarifScan);
    assert.equal(skipped.code, 3, skipped.stderr);
    const skippedLog: Log = JSON.parse(skipped.stdout);
    assertValidSarif(skippedLog);
    const [invocation] = skippedLog.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.match(invocation.toolExecutionNotifications[0].message.text, /skipped 'gh'/);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("scan --format: an unknown format and --json with another format are usage errors (exit 2)", async () => {
  const unknown = await runVault(["scan", "--format", "sarf", "--no-user"]);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stdout, "");
  assert.match(
    unknown.stderr,
    /^terok-vault: error: Option --format needs one of text, json, sarif, not "sarf" \(did you mean "sarif"\?\)\n/,
  );
  const both = await runVault(["scan", "--json", "--format", "sarif", "--no-user"]);
  assert.equal(both.code, 2);
  assert.match(
    both.stderr,
    /^terok-vault: error: Options --json and --format sarif contradict each other \(--json is --format json\)\n/,
  );
});

Deno.test("scan --format sarif: a file terok's config.yml exposes on purpose is a suppressed note, exit 0", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-sarif-" }));
  try {
    const mounts = `${base}/mounts`;
    const access = fakeToken("claude-oauth-access-token");
    await Deno.mkdir(`${mounts}/_claude-config`, { recursive: true });
    await Deno.writeTextFile(
      `${mounts}/_claude-config/.credentials.json`,
      JSON.stringify({ claudeAiOauth: { accessToken: access, refreshToken: null } }),
    );
    await Deno.writeTextFile(
      `${base}/config.yml`,
      "experimental: true\nagent:\n  claude:\n    expose_oauth_token: true\n",
    );
    const run = await runVault(
      ["scan", "--mounts-dir", mounts, "--no-user", "--format", "sarif"],
      { env: { TEROK_CONFIG_FILE: `${base}/config.yml` } },
    );
    assert.equal(run.code, 0, run.stderr);
    assertNoSecretLeak(run.stdout + run.stderr, [access]);
    const log: Log = JSON.parse(run.stdout);
    assertValidSarif(log);
    const results = log.runs[0].results;
    assert.equal(results.length, 1);
    const [result] = results;
    assert.equal(result.ruleId, "claude-oauth-access-token");
    assert.equal(result.level, "note");
    assert.equal(result.properties.kind, "exposed");
    assert.equal(result.properties.provider, "claude");
    assert.equal(result.properties.redacted, `sk-ant-oat01-…${access.slice(-4)}`);
    assert.equal(
      result.locations[0].physicalLocation.artifactLocation.uri,
      "_claude-config/.credentials.json",
    );
    assert.match(
      result.message.text,
      /credential file of 'claude', exposed on purpose by terok's config\.yml/,
    );
    assert.deepEqual(result.suppressions, [{
      kind: "external",
      justification: "terok's config.yml sets experimental and agent.<name>.expose_oauth_token, " +
        "so terok puts this real token in the shared mount on purpose; every container can read it.",
    }]);
    assert.equal(log.runs[0].invocations[0].executionSuccessful, true);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});
