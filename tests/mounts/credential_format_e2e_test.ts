// Copyright the terok-vault authors. MIT license.
/**
 * A credential path is judged by the format its roster entry names, and every value in it
 * must be known: through the real CLI on the built-in roster, one harmless-looking addition a
 * container makes no longer hides a real key from `scan` or `clean`.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeBody } from "../_secrets.ts";
import { makeSandbox, put } from "./_helpers.ts";

/** A key without a known prefix, as opencode-style configs hold them: obviously fake. */
function prefixlessKey(): string {
  return `FAKE-TEST-${fakeBody(32)}`;
}

interface Judged {
  provider: string;
  evidence: [string, string | null, number | null][];
}

async function scanJson(mounts: string): Promise<{ code: number; leaks: Judged[] }> {
  const run = await runVault(["scan", "--mounts-dir", mounts, "--no-user", "--json"]);
  const report = JSON.parse(run.stdout);
  return {
    code: run.code,
    leaks: report.leaks.map((leak: Record<string, unknown>) => ({
      provider: leak.provider,
      evidence: (leak.evidence as Record<string, unknown>[]).map((
        e,
      ) => [e.rule, e.key_path, e.line]),
    })),
  };
}

Deno.test('scan: {"tokens":{}} or {"mcpOAuth":{}} beside a key in an opencode config.json is a leak', async () => {
  for (const decoy of [{ tokens: {} }, { mcpOAuth: {} }]) {
    await using box = await makeSandbox();
    const key = prefixlessKey();
    const text = JSON.stringify({ ...decoy, apiKey: key }, null, 2);
    await put(`${box.mounts}/_openrouter-config/config.json`, text);
    const run = await runVault(["scan", "--mounts-dir", box.mounts, "--no-user", "--json"]);
    assertNoSecretLeak(run.stdout + run.stderr, [key]);
    assert.equal(run.code, 1, run.stderr);
    assert.deepEqual((await scanJson(box.mounts)).leaks, [
      { provider: "openrouter", evidence: [["unrecognized-content", null, null]] },
    ]);
    // clean removes it: the key no longer stays in the shared mount.
    const clean = await runVault(["clean", "--mounts-dir", box.mounts, "--no-user"]);
    assert.equal(clean.code, 0, clean.stderr);
    assertNoSecretLeak(clean.stdout + clean.stderr, [key]);
    await assert.rejects(
      Deno.lstat(`${box.mounts}/_openrouter-config/config.json`),
      Deno.errors.NotFound,
    );
  }
});

Deno.test("scan: a top-level hosts: {} does not make gh's hosts.yml read as glab's", async () => {
  await using box = await makeSandbox();
  const legacy = fakeBody(40, "0123456789abcdef");
  const text = `hosts: {}\ngithub.com:\n    oauth_token: ${legacy}\n    user: octo\n`;
  await put(`${box.mounts}/_gh-config/hosts.yml`, text);
  const run = await runVault(["scan", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assertNoSecretLeak(run.stdout + run.stderr, [legacy]);
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual((await scanJson(box.mounts)).leaks, [
    { provider: "gh", evidence: [["secret-value", "github.com.oauth_token", 3]] },
  ]);
  // clean no longer keeps it in the mount.
  const clean = await runVault(["clean", "--mounts-dir", box.mounts, "--no-user"]);
  assert.equal(clean.code, 0, clean.stderr);
  assertNoSecretLeak(clean.stdout + clean.stderr, [legacy]);
  await assert.rejects(Deno.lstat(`${box.mounts}/_gh-config/hosts.yml`), Deno.errors.NotFound);
});

Deno.test("scan: MISTRAL_API_KEY=${EMPTY}<key> in .env is the key (references are removed)", async () => {
  await using box = await makeSandbox();
  const key = prefixlessKey();
  await put(`${box.mounts}/_vibe-config/.env`, `# vibe\nMISTRAL_API_KEY=\${EMPTY}${key}\n`);
  const run = await runVault(["scan", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assertNoSecretLeak(run.stdout + run.stderr, [key]);
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.leaks[0].evidence, [{
    rule: "secret-value",
    description: "Secret-bearing value of a dotenv file",
    key_path: "MISTRAL_API_KEY",
    line: 2,
    redacted: `…${key.slice(-4)}`,
    fingerprint: null,
  }]);
});

Deno.test("scan: a reference that expands to nothing, and a phantom alone, stay clean", async () => {
  await using box = await makeSandbox();
  await put(
    `${box.mounts}/_vibe-config/.env`,
    "MISTRAL_API_KEY=${MISTRAL_FROM_VAULT}\nEDITOR=vim\n",
  );
  const phantom = {
    claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
  };
  await put(`${box.mounts}/_kisski-config/config.json`, JSON.stringify(phantom));
  const run = await runVault(["scan", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout).leaks, []);
});

Deno.test("scan: a value beside the phantom at a key its format does not know is a leak", async () => {
  await using box = await makeSandbox();
  const key = prefixlessKey();
  const phantom = {
    claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
    backup: key,
  };
  // In a file of no known format (kisski's config.json) and in Claude's own file alike.
  await put(`${box.mounts}/_kisski-config/config.json`, JSON.stringify(phantom, null, 2));
  await put(`${box.mounts}/_claude-config/.credentials.json`, JSON.stringify(phantom, null, 2));
  const run = await runVault(["scan", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assertNoSecretLeak(run.stdout + run.stderr, [key]);
  assert.equal(run.code, 1, run.stderr);
  assert.deepEqual((await scanJson(box.mounts)).leaks, [
    { provider: "claude", evidence: [["unrecognized-content", "backup", 5]] },
    { provider: "kisski", evidence: [["unrecognized-content", "backup", 5]] },
  ]);
});
