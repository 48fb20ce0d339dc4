// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { cleanMounts } from "../../src/mounts/clean_mounts.ts";
import {
  CLAUDE_PHANTOM,
  CODEX_PHANTOM,
  exists,
  fakeLeak,
  jumpingClock,
  leakPaths,
  makeSandbox,
  mkfifo,
  put,
  type Sandbox,
  target,
} from "./_helpers.ts";

const TARGETS = [
  target("claude", "_claude-config", ".credentials.json"),
  target("codex", "_codex-config", "auth.json"),
  target("gh", "_gh-config", "hosts.yml"),
  target("glab", "_glab-config", "config.yml"),
  target("nested", "_nested-config", "sub/creds.json"),
  target("vibe", "_vibe-config", ".env"),
  target("escaped", "_escaped-config", "creds.json"),
  target("fifo", "_fifo-config", "creds.json"),
];

/** One of each: leaks, a phantom, an empty file, symlinks to outside, a FIFO. */
async function populate(box: Sandbox): Promise<void> {
  await put(`${box.mounts}/_claude-config/.credentials.json`, fakeLeak("claude"));
  await put(`${box.mounts}/_codex-config/auth.json`, CODEX_PHANTOM);
  await put(`${box.mounts}/_gh-config/hosts.yml`, "");
  await put(`${box.outside}/config.yml`, fakeLeak("victim-file"));
  await Deno.mkdir(`${box.mounts}/_glab-config`);
  await Deno.symlink(`${box.outside}/config.yml`, `${box.mounts}/_glab-config/config.yml`);
  await put(`${box.mounts}/_nested-config/sub/creds.json`, fakeLeak("nested"));
  await put(`${box.mounts}/_vibe-config/.env`, CLAUDE_PHANTOM);
  await put(`${box.outside}/creds.json`, fakeLeak("victim-dir"));
  await Deno.symlink(box.outside, `${box.mounts}/_escaped-config`);
  await Deno.mkdir(`${box.mounts}/_fifo-config`);
  await mkfifo(`${box.mounts}/_fifo-config/creds.json`);
  await put(`${box.mounts}/_claude-config/other.json`, fakeLeak("not a target"));
}

/** Every path under the sandbox with its content (symlink targets for links). */
async function snapshot(root: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  async function walk(dir: string): Promise<void> {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isSymlink) result.set(path, `-> ${await Deno.readLink(path)}`);
      else if (entry.isDirectory) {
        result.set(path, "dir");
        await walk(path);
      } else if (entry.isFile) result.set(path, await Deno.readTextFile(path));
      else result.set(path, "special");
    }
  }
  await walk(root);
  return result;
}

Deno.test("cleanMounts() removes exactly the leaks and nothing else", async () => {
  await using box = await makeSandbox();
  await populate(box);
  const before = await snapshot(box.base);
  const report = await cleanMounts(box.mounts, TARGETS, { clock: jumpingClock() });
  const leaks = [
    { provider: "claude", path: `${box.mounts}/_claude-config/.credentials.json` },
    { provider: "nested", path: `${box.mounts}/_nested-config/sub/creds.json` },
  ];
  assert.deepEqual(leakPaths(report.leaks), leaks);
  assert.deepEqual(leakPaths(report.removed), leaks);
  assert.deepEqual(report.removed.map((leak) => leak.otherLinks), leaks.map(() => 0));
  assert.deepEqual(report.failed, []);
  assert.equal(report.dryRun, false);
  assert.deepEqual(report.observations.map((o) => [o.provider, o.kind]), [
    ["glab", "escape"],
    ["escaped", "escape"],
    ["fifo", "not_regular"],
  ]);
  assert.deepEqual(report.skipped.map((s) => s.provider), ["glab", "escaped"]);
  const after = await snapshot(box.base);
  const expected = new Map(before);
  for (const leak of leaks) expected.delete(leak.path);
  // The state directory: no private link left, and the quarantine keeping each leak.
  const quarantine = `${box.mounts}/.terok-vault-${Deno.uid()}/quarantine`;
  expected.set(`${box.mounts}/.terok-vault-${Deno.uid()}`, "dir");
  expected.set(quarantine, "dir");
  for (const leak of report.removed) {
    const kept = leak.quarantined!;
    const entry = `${quarantine}/${kept.id}`;
    const rest = kept.path.slice(entry.length + 1).split("/");
    for (let i = 0; i < rest.length - 1; i++) {
      expected.set(`${entry}/${rest.slice(0, i + 1).join("/")}`, "dir");
    }
    expected.set(entry, "dir");
    expected.set(kept.path, before.get(leak.path)!);
    const manifest = `${entry}/.terok-vault-manifest.json`;
    const recorded = JSON.parse(after.get(manifest)!);
    assert.deepEqual(
      [recorded.provider, recorded.original_path, recorded.action, recorded.size],
      [leak.provider, leak.path, "removed", before.get(leak.path)!.length],
    );
    expected.set(manifest, after.get(manifest)!);
    assert.equal((await Deno.lstat(kept.path)).mode! & 0o777, 0o600);
  }
  assert.deepEqual(after, expected);
});

Deno.test("cleanMounts() with dryRun lists the leaks and changes nothing", async () => {
  await using box = await makeSandbox();
  await populate(box);
  const before = await snapshot(box.base);
  const report = await cleanMounts(box.mounts, TARGETS, { dryRun: true, clock: jumpingClock() });
  assert.deepEqual(report.wouldRemove.map((l) => l.provider), ["claude", "nested"]);
  assert.deepEqual(report.wouldRemove, report.leaks);
  assert.deepEqual(report.removed, []);
  assert.equal(report.dryRun, true);
  // Nothing changed: the private directory the reads hard-linked into is gone again.
  assert.deepEqual(await snapshot(box.base), before);
});

Deno.test("cleanMounts() leaves a clean tree as it is", async () => {
  await using box = await makeSandbox();
  await populate(box);
  await cleanMounts(box.mounts, TARGETS, { clock: jumpingClock() });
  const before = await snapshot(box.base);
  const report = await cleanMounts(box.mounts, TARGETS, { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.removed, []);
  assert.deepEqual(await snapshot(box.base), before);
});

/** Root ignores directory modes; the test then needs `chattr +i`, probed once here. */
async function canMakeImmutable(): Promise<boolean> {
  if (Deno.uid() !== 0) return true;
  const dir = await Deno.makeTempDir();
  try {
    const set = await new Deno.Command("chattr", { args: ["+i", dir], stderr: "null" }).output()
      .then((o) => o.success, () => false);
    if (set) await new Deno.Command("chattr", { args: ["-i", dir] }).output();
    return set;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}
const IMMUTABLE_POSSIBLE = await canMakeImmutable();
if (!IMMUTABLE_POSSIBLE) {
  console.log("'cleanMounts() reports a leak it cannot remove' is ignored: root without chattr +i");
}

Deno.test({
  name: "cleanMounts() reports a leak it cannot remove",
  ignore: !IMMUTABLE_POSSIBLE,
  async fn() {
    await using box = await makeSandbox();
    await put(`${box.mounts}/_claude-config/.credentials.json`, fakeLeak("claude"));
    await Deno.chmod(`${box.mounts}/_claude-config`, 0o500);
    const immutable = Deno.uid() === 0;
    if (immutable) {
      await new Deno.Command("chattr", { args: ["+i", `${box.mounts}/_claude-config`] }).output();
    }
    try {
      const report = await cleanMounts(box.mounts, TARGETS.slice(0, 1), { clock: jumpingClock() });
      assert.deepEqual(report.removed, []);
      assert.equal(report.failed.length, 1);
      assert.equal(report.failed[0]?.path, `${box.mounts}/_claude-config/.credentials.json`);
      assert.match(report.failed[0]?.reason ?? "", /permission denied|not permitted/);
      assert.equal(await exists(`${box.mounts}/_claude-config/.credentials.json`), true);
    } finally {
      if (immutable) {
        await new Deno.Command("chattr", { args: ["-i", `${box.mounts}/_claude-config`] }).output();
      }
      await Deno.chmod(`${box.mounts}/_claude-config`, 0o755);
    }
  },
});

Deno.test("cleanMounts() restores the working directory", async () => {
  await using box = await makeSandbox();
  await populate(box);
  const before = Deno.cwd();
  await cleanMounts(box.mounts, TARGETS, { clock: jumpingClock() });
  assert.equal(Deno.cwd(), before);
});

Deno.test("cleanMounts() removes a hard-linked leak's name and says its content lives on", async () => {
  await using box = await makeSandbox();
  const leak = `${box.mounts}/_claude-config/.credentials.json`;
  await put(leak, fakeLeak("claude"));
  await Deno.link(leak, `${box.mounts}/_claude-config/.keep`);
  const report = await cleanMounts(box.mounts, [
    target("claude", "_claude-config", ".credentials.json"),
  ]);
  assert.deepEqual(
    report.removed.map(({ provider, path, otherLinks }) => ({
      provider,
      path,
      otherLinks,
    })),
    [{ provider: "claude", path: leak, otherLinks: 1 }],
  );
  assert.deepEqual(report.failed, []);
  assert.equal(await exists(leak), false);
  assert.equal(await Deno.readTextFile(`${box.mounts}/_claude-config/.keep`), fakeLeak("claude"));
});
