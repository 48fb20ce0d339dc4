// Copyright the terok-vault authors. MIT license.
/**
 * No fingerprint lets a dictionary recover a secret: through the real CLI, passwords and
 * values of no token shape get `null`; a token a rule knows by its random body keeps its
 * unkeyed fingerprint, comparable across hosts.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { makeSandbox, put } from "./_helpers.ts";

async function sha256Prefix(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("").slice(
    0,
    16,
  );
}

/** A small wordlist of the kind an attacker tries first; it holds both planted passwords. */
const WORDLIST = [
  "password",
  "123456",
  "qwerty",
  "letmein",
  "sunshine1",
  "Summer2024!",
  "Winter2024!",
  "admin",
];

Deno.test("scan --deep --json: a wordlist recovers no password from the fingerprints", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  await put(
    `${box.mounts}/_orphan/app/database.yml`,
    "url: postgres://app:Winter2024!@db.example.invalid/app\n",
  );
  await put(`${box.mounts}/_orphan/.git-credentials`, "https://me:sunshine1@github.com\n");
  await put(`${box.mounts}/_orphan/notes.txt`, `token ${token}\n`);
  const run = await runVault(["scan", "--deep", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assertNoSecretLeak(run.stdout + run.stderr, [token, "Winter2024!", "sunshine1"]);
  assert.equal(run.code, 1, run.stderr);
  const items = JSON.parse(run.stdout).findings.flatMap((
    f: { path: string; evidence: { rule: string; fingerprint: string | null }[] },
  ) => f.evidence.map((e) => [f.path.slice(box.mounts.length + 1), e.rule, e.fingerprint]));
  assert.deepEqual(items, [
    ["_orphan/.git-credentials", "secret-value", null],
    ["_orphan/app/database.yml", "url-password", null],
    ["_orphan/notes.txt", "github-token", await sha256Prefix(token)],
  ]);
  for (const word of WORDLIST) {
    assert.ok(
      !run.stdout.includes(await sha256Prefix(word)),
      `a fingerprint gives away wordlist entry ${WORDLIST.indexOf(word)}`,
    );
  }
});
