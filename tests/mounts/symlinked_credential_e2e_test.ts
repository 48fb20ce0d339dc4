// Copyright the terok-vault authors. MIT license.
/**
 * A symlink at a credential path, through the real CLI: one whose target stays in its host
 * dir is judged by that target (Claude Code follows it), and `clean` keeps the leaked target
 * and removes it and the link; one that leads anywhere else is an escape (exit 3).
 */
import assert from "node:assert/strict";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { runTask } from "./_cli.ts";
import { CLAUDE_PHANTOM, exists, makeSandbox, put, type Sandbox } from "./_helpers.ts";

const HOST = "_claude-config";

function run(box: Sandbox, command: string, ...extra: string[]) {
  return runTask([command, "--mounts-dir", box.mounts, "--no-user", ...extra]);
}

function credentials(): { text: string; tokens: string[] } {
  const access = fakeToken("claude-oauth-access-token");
  const refresh = fakeToken("claude-oauth-refresh-token");
  const text = JSON.stringify({ claudeAiOauth: { accessToken: access, refreshToken: refresh } });
  return { text, tokens: [access, refresh] };
}

Deno.test("scan and clean judge a symlinked .credentials.json by its target in the host dir", async () => {
  await using box = await makeSandbox();
  const { text, tokens } = credentials();
  const link = `${box.mounts}/${HOST}/.credentials.json`;
  const real = `${box.mounts}/${HOST}/backup/real.json`;
  await put(real, text);
  await Deno.symlink("backup/real.json", link);
  const scan = await run(box, "scan", "--json");
  assert.equal(scan.code, 1, scan.stderr);
  assertNoSecretLeak(scan.stdout + scan.stderr, tokens);
  const report = JSON.parse(scan.stdout);
  assert.deepEqual(report.leaks.map((leak: { path: string }) => leak.path), [real]);
  assert.deepEqual([report.observations, report.skipped], [[], []]);
  const clean = await run(box, "clean", "--json");
  assert.equal(clean.code, 0, clean.stderr);
  const cleaned = JSON.parse(clean.stdout);
  assert.deepEqual(cleaned.removed.map((leak: { path: string }) => leak.path), [real]);
  // The target is kept in the quarantine (under its own path), and both names are gone.
  const kept = cleaned.removed[0].quarantine.path as string;
  assert.ok(kept.endsWith(`/${HOST}/backup/real.json`), kept);
  assert.equal(await Deno.readTextFile(kept), text);
  assert.equal(await exists(real), false);
  assert.equal(await exists(link), false);
  const after = await run(box, "scan");
  assert.deepEqual(after, { code: 0, stdout: "No leaked credential files found.\n", stderr: "" });
});

Deno.test("a symlinked .credentials.json to a phantom in the host dir is clean and kept", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/${HOST}/phantom.json`, CLAUDE_PHANTOM);
  await Deno.symlink("./phantom.json", `${box.mounts}/${HOST}/.credentials.json`);
  assert.deepEqual(await run(box, "clean"), {
    code: 0,
    stdout: "No leaked credential files found.\n",
    stderr: "",
  });
  assert.equal(await exists(`${box.mounts}/${HOST}/.credentials.json`), true);
});

Deno.test("a symlink at a credential path that leads out of its host dir is an escape: exit 3, nothing read", async () => {
  await using box = await makeSandbox();
  const { text, tokens } = credentials();
  await put(`${box.outside}/creds.json`, text);
  await put(`${box.mounts}/_other-config/creds.json`, text);
  await Deno.mkdir(`${box.mounts}/${HOST}`);
  await Deno.symlink(box.outside, `${box.mounts}/${HOST}/sub`);
  const link = `${box.mounts}/${HOST}/.credentials.json`;
  const atime = (await Deno.stat(`${box.outside}/creds.json`)).atime;
  const cases: [target: string, detail: string][] = [
    [`${box.outside}/creds.json`, "the credential file is a symlink to an absolute path"],
    ["/home/dev/.claude/real.json", "the credential file is a symlink to an absolute path"],
    [
      "../_other-config/creds.json",
      "the credential file is a symlink that leads out of its host dir",
    ],
    ["sub/creds.json", "a directory on the path is a symlink"],
    [".", "the credential file is a symlink to its host dir"],
  ];
  for (const [target, detail] of cases) {
    await Deno.remove(link).catch(() => {});
    await Deno.symlink(target, link);
    for (const command of ["scan", "clean"]) {
      const result = await run(box, command, "--json");
      assert.equal(result.code, 3, `${command} ${target}: ${result.stderr}`);
      assertNoSecretLeak(result.stdout + result.stderr, tokens);
      const report = JSON.parse(result.stdout);
      assert.deepEqual(report.leaks, [], target);
      const escaped = report.observations.filter((o: { kind: string }) => o.kind === "escape");
      assert.equal(escaped.length, 1, target);
      assert.equal(escaped[0].detail, detail, target);
      assert.deepEqual(report.skipped.map((s: { provider: string }) => s.provider), ["claude"]);
    }
    assert.equal(await Deno.readLink(link), target); // clean removes nothing it did not judge
  }
  assert.deepEqual((await Deno.stat(`${box.outside}/creds.json`)).atime, atime);
});
