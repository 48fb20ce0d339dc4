// Copyright the terok-vault authors. MIT license.
/**
 * `watch` through the real CLI (`deno task watch`, scoped permissions from the launcher):
 * leaks written while it runs are reported, or removed with --clean; phantoms stay; signals
 * end it with 0; bad usage is 2.
 */
import assert from "node:assert/strict";
import { runTask, writeRoster } from "./_cli.ts";
import { CLAUDE_PHANTOM, exists, makeSandbox, put, type Sandbox } from "./_helpers.ts";
import {
  assertNoSecret,
  claudeCredentials,
  events,
  fakeClaudeToken,
  isEvent,
  startWatch,
} from "./_watch_cli.ts";

async function sharedRoster(box: Sandbox): Promise<string[]> {
  // Two providers in one host dir: one round of re-inspection covers both files.
  await writeRoster(`${box.base}/roster`, {
    alpha: ["_shared-config", "alpha.json"],
    beta: ["_shared-config", "beta.json"],
  });
  await Deno.mkdir(`${box.mounts}/_shared-config`);
  return ["--mounts-dir", box.mounts, "--roster", `${box.base}/roster`, "--no-user"];
}

Deno.test("watch --clean --json removes a leak written into a host dir and keeps a phantom", async () => {
  await using box = await makeSandbox();
  const args = await sharedRoster(box);
  const secrets = [fakeClaudeToken("oat"), fakeClaudeToken("ort")];
  const watch = startWatch([...args, "--clean", "--json"]);
  try {
    await watch.waitFor(isEvent("rescan"));
    await put(`${box.mounts}/_shared-config/alpha.json`, CLAUDE_PHANTOM);
    await put(
      `${box.mounts}/_shared-config/beta.json`,
      claudeCredentials(secrets[0]!, secrets[1]!),
    );
    await watch.waitFor(isEvent("removed", `${box.mounts}/_shared-config/beta.json`));
  } finally {
    assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
  }
  assert.equal(await exists(`${box.mounts}/_shared-config/beta.json`), false);
  assert.equal(await Deno.readTextFile(`${box.mounts}/_shared-config/alpha.json`), CLAUDE_PHANTOM);
  const all = events(watch);
  assert.deepEqual(all[0], {
    time: all[0]!.time,
    event: "rescan",
    reason: "start",
    mounts_dir: box.mounts,
    mounts_dir_exists: true,
    inspected: 2,
    leaks: 0,
  });
  assert.match(String(all[0]!.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const removed = all.filter((e) => e.event === "removed");
  assert.equal(removed.length, 1);
  assert.equal(removed[0]!.provider, "beta");
  // Evidence: both tokens by rule and key path, redacted to prefix and last 4, fingerprinted.
  const evidence = removed[0]!.evidence as Record<string, unknown>[];
  assert.deepEqual(
    evidence.map((e) => [e.rule, e.key_path, e.line]).sort(),
    [
      ["claude-oauth-access-token", "claudeAiOauth.accessToken", 1],
      ["claude-oauth-refresh-token", "claudeAiOauth.refreshToken", 1],
    ],
  );
  for (const item of evidence) {
    assert.deepEqual(Object.keys(item).sort(), [
      "description",
      "fingerprint",
      "key_path",
      "line",
      "redacted",
      "rule",
    ]);
    assert.match(String(item.fingerprint), /^[0-9a-f]{16}$/);
    assert.match(String(item.redacted), /^sk-ant-o[ar]t01-…[A-Za-z0-9_-]{4}$/);
  }
  // Nothing but the start rescan and the removal: the phantom is neither a leak nor removed.
  assert.deepEqual(all.map((e) => e.event), ["rescan", "removed"]);
  assert.equal(watch.stderr(), "");
  assertNoSecret(watch.stdout() + watch.stderr(), secrets);
});

Deno.test("watch (text) reports a new leak once, again when it changes, and SIGINT ends it with 0", async () => {
  await using box = await makeSandbox();
  const args = await sharedRoster(box);
  const secrets = (["oat", "ort", "oat", "ort"] as const).map((kind) => fakeClaudeToken(kind));
  const leakPath = `${box.mounts}/_shared-config/beta.json`;
  const leakLine = new RegExp(
    `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z leak beta: ${leakPath}$`,
  );
  const watch = startWatch(args);
  try {
    await watch.waitFor((line) => / rescan \(start\): 2 credential path\(s\) inspected/.test(line));
    await put(leakPath, claudeCredentials(secrets[0]!, secrets[1]!));
    await watch.waitFor((line) => leakLine.test(line));
    // A change to another file of the host dir re-inspects it: the same leak is not told again.
    await put(`${box.mounts}/_shared-config/alpha.json`, CLAUDE_PHANTOM);
    await put(`${box.mounts}/_shared-config/unrelated.txt`, "x");
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(watch.lines.filter((line) => leakLine.test(line)).length, 1, watch.stdout());
    // Removed by someone else, then written again: told again.
    await Deno.remove(leakPath);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await put(leakPath, claudeCredentials(secrets[2]!, secrets[3]!));
    await watch.waitFor((line) =>
      leakLine.test(line) && watch.lines.filter((l) => leakLine.test(l)).length === 2
    );
  } finally {
    assert.equal(await watch.stop("SIGINT"), 0, watch.stderr());
  }
  assert.equal(await Deno.readTextFile(leakPath), claudeCredentials(secrets[2]!, secrets[3]!));
  // Under each leak line, one indented line per evidence item, the token redacted.
  const first = watch.lines.findIndex((line) => leakLine.test(line));
  assert.deepEqual(
    watch.lines.slice(first + 1, first + 3).sort(),
    [
      `    claude-oauth-access-token at claudeAiOauth.accessToken: sk-ant-oat01-…${
        secrets[0]!.slice(-4)
      }`,
      `    claude-oauth-refresh-token at claudeAiOauth.refreshToken: sk-ant-ort01-…${
        secrets[1]!.slice(-4)
      }`,
    ].sort(),
  );
  assertNoSecret(watch.stdout() + watch.stderr(), secrets);
});

Deno.test("watch stops with 0 on SIGTERM right after start-up", async () => {
  await using box = await makeSandbox();
  const args = await sharedRoster(box);
  const watch = startWatch([...args, "--json"]);
  await watch.waitFor(isEvent("rescan"));
  assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
  assert.equal(watch.stderr(), "");
});

Deno.test("watch refuses bad usage with exit 2 and one clear line", async () => {
  await using box = await makeSandbox();
  const args = await sharedRoster(box);
  for (const value of ["0", "-5", "abc", "1e400", ""]) {
    const run = await runTask(["--quiet", "watch", ...args, `--interval=${value}`]);
    assert.equal(run.code, 2, `--interval=${value}: ${run.stderr}`);
    const message = value === ""
      ? "terok-vault: error: Option --interval needs a value"
      : `terok-vault: error: Option --interval needs a positive number of seconds (at most 2000000), not "${value}"`;
    assert.equal(run.stderr.split("\n")[0], message);
    assert.match(run.stderr.split("\n")[1]!, /^Usage: terok-vault watch /);
    assert.equal(run.stdout, "");
  }
  const missing = await runTask([
    "--quiet",
    "watch",
    ...args.slice(2),
    "--mounts-dir",
    `${box.base}/nope`,
  ]);
  assert.equal(missing.code, 2, missing.stderr);
  assert.equal(
    missing.stderr,
    `terok-vault: error: Option --mounts-dir names "${box.base}/nope", which does not exist\n`,
  );
  const unknown = await runTask(["--quiet", "watch", ...args, "--dry-run"]);
  assert.equal(unknown.code, 2);
  assert.match(
    unknown.stderr,
    /^terok-vault: error: Unknown option "--dry-run" for watch \(it is an option of clean\)\n/,
  );
});

Deno.test("watch waits for a default mounts dir that does not exist yet, then guards it", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
  const live = `${box.base}/live`;
  const secrets = [fakeClaudeToken("oat"), fakeClaudeToken("ort")];
  const watch = startWatch(
    ["--roster", `${box.base}/roster`, "--no-user", "--clean", "--json"],
    [],
    {
      TEROK_SANDBOX_LIVE_DIR: live,
    },
  );
  try {
    const start = JSON.parse(await watch.waitFor(isEvent("rescan")));
    assert.equal(start.mounts_dir_exists, false);
    assert.equal(start.mounts_dir, `${live}/mounts`);
    await Deno.mkdir(`${live}/mounts/_alpha-config`, { recursive: true });
    await watch.waitFor((line) => line.includes('"reason":"appeared"'));
    await put(
      `${live}/mounts/_alpha-config/creds.json`,
      claudeCredentials(secrets[0]!, secrets[1]!),
    );
    await watch.waitFor(isEvent("removed", `${live}/mounts/_alpha-config/creds.json`));
  } finally {
    assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
  }
  assert.deepEqual(events(watch).map((e) => `${e.event}${e.reason ? `(${e.reason})` : ""}`), [
    "rescan(start)",
    "rescan(appeared)",
    "removed",
  ]);
  assertNoSecret(watch.stdout() + watch.stderr(), secrets);
});
