// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import {
  CLAUDE_PHANTOM,
  CODEX_PHANTOM,
  DEFAULT_TARGETS,
  FAKE_SECRET,
  fakeLeak,
  jumpingClock,
  leakPaths,
  makeSandbox,
  makeUnixSocket,
  mkfifo,
  put,
  target,
} from "./_helpers.ts";

const CLAUDE = target("claude", "_claude-config", ".credentials.json");
const CODEX = target("codex", "_codex-config", "auth.json");
const NESTED = target("nested", "_nested-config", "sub/creds.json");

Deno.test("scanMounts() reports no leaks for a mounts dir that does not exist", async () => {
  await using box = await makeSandbox();
  const report = await scanMounts(`${box.base}/missing`, DEFAULT_TARGETS, {
    clock: jumpingClock(),
  });
  assert.deepEqual(report, {
    mountsDir: `${box.base}/missing`,
    mountsDirExists: false,
    inspected: 0,
    leaks: [],
    observations: [],
    skipped: [],
  });
});

Deno.test("scanMounts() is silent about absent host dirs and absent files", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_codex-config`);
  await Deno.mkdir(`${box.mounts}/_nested-config`);
  const report = await scanMounts(box.mounts, [CLAUDE, CODEX, NESTED], { clock: jumpingClock() });
  assert.deepEqual(report, {
    mountsDir: box.mounts,
    mountsDirExists: true,
    inspected: 3,
    leaks: [],
    observations: [],
    skipped: [],
  });
});

Deno.test("scanMounts() calls a real credential file a leak, flat and nested", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_claude-config/.credentials.json`, fakeLeak("claude"));
  await put(`${box.mounts}/_nested-config/sub/creds.json`, fakeLeak("nested"));
  const report = await scanMounts(box.mounts, [CLAUDE, CODEX, NESTED], { clock: jumpingClock() });
  assert.deepEqual(leakPaths(report.leaks), [
    { provider: "claude", path: `${box.mounts}/_claude-config/.credentials.json` },
    { provider: "nested", path: `${box.mounts}/_nested-config/sub/creds.json` },
  ]);
  assert.deepEqual(report.observations, []);
  assert.deepEqual(report.skipped, []);
});

Deno.test("scanMounts() treats empty files and phantoms as clean", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_claude-config/.credentials.json`, CLAUDE_PHANTOM);
  await put(`${box.mounts}/_codex-config/auth.json`, "");
  await put(`${box.mounts}/_nested-config/sub/creds.json`, CODEX_PHANTOM);
  const report = await scanMounts(box.mounts, [CLAUDE, CODEX, NESTED], { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.observations, []);
  assert.deepEqual(report.skipped, []);
});

Deno.test("scanMounts() accepts one provider's phantom in another provider's file", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_claude-config/.credentials.json`, CODEX_PHANTOM);
  await put(`${box.mounts}/_codex-config/auth.json`, CLAUDE_PHANTOM);
  const report = await scanMounts(box.mounts, [CLAUDE, CODEX], { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
});

Deno.test("scanMounts() calls content that is not UTF-8 a leak", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_claude-config`);
  const bytes = new TextEncoder().encode(CLAUDE_PHANTOM);
  const broken = new Uint8Array([...bytes.subarray(0, 5), 0xff, ...bytes.subarray(5)]);
  await Deno.writeFile(`${box.mounts}/_claude-config/.credentials.json`, broken);
  const report = await scanMounts(box.mounts, [CLAUDE], { clock: jumpingClock() });
  assert.equal(report.leaks.length, 1);
});

Deno.test("scanMounts() never follows a credential file symlinked out of its host dir: an escape", async () => {
  await using box = await makeSandbox();
  await put(`${box.outside}/victim.json`, fakeLeak("victim"));
  await Deno.mkdir(`${box.mounts}/_claude-config`);
  const path = `${box.mounts}/_claude-config/.credentials.json`;
  await Deno.symlink(`${box.outside}/victim.json`, path);
  const report = await scanMounts(box.mounts, [CLAUDE], { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
  const detail = "the credential file is a symlink to an absolute path";
  assert.deepEqual(report.skipped, [{
    provider: "claude",
    reason: `credential path escapes the mounts dir (${detail})`,
  }]);
  assert.deepEqual(report.observations, [{ provider: "claude", kind: "escape", path, detail }]);
});

Deno.test("scanMounts() never opens a FIFO, directory or socket", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_claude-config`);
  await mkfifo(`${box.mounts}/_claude-config/.credentials.json`);
  await Deno.mkdir(`${box.mounts}/_codex-config/auth.json`, { recursive: true });
  await Deno.mkdir(`${box.mounts}/_nested-config/sub`, { recursive: true });
  await makeUnixSocket(`${box.mounts}/_nested-config/sub/creds.json`);
  const report = await scanMounts(box.mounts, [CLAUDE, CODEX, NESTED], { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.skipped, []);
  assert.deepEqual(report.observations.map((o) => [o.provider, o.kind, o.detail]), [
    ["claude", "not_regular", "the credential file is a FIFO; not opened"],
    ["codex", "not_regular", "the credential file is a directory; not opened"],
    ["nested", "not_regular", "the credential file is a socket; not opened"],
  ]);
});

Deno.test("scanMounts() reports a symlinked host dir as an escape and reads nothing", async () => {
  await using box = await makeSandbox();
  await put(`${box.outside}/.credentials.json`, fakeLeak("victim"));
  await Deno.symlink(box.outside, `${box.mounts}/_claude-config`);
  const report = await scanMounts(box.mounts, [CLAUDE], { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.observations, [{
    provider: "claude",
    kind: "escape",
    path: `${box.mounts}/_claude-config`,
    detail: "a directory on the path is a symlink",
  }]);
  assert.deepEqual(report.skipped, [{
    provider: "claude",
    reason: "credential path escapes the mounts dir (a directory on the path is a symlink)",
  }]);
});

Deno.test("scanMounts() reports a symlinked intermediate directory as an escape", async () => {
  await using box = await makeSandbox();
  await put(`${box.outside}/creds.json`, fakeLeak("victim"));
  await Deno.mkdir(`${box.mounts}/_nested-config`);
  await Deno.symlink(box.outside, `${box.mounts}/_nested-config/sub`);
  // A symlink to a directory inside the mounts dir is not followed either.
  await put(`${box.mounts}/_codex-config/real/auth.json`, fakeLeak("codex"));
  await Deno.mkdir(`${box.mounts}/_inner-config`);
  await Deno.symlink("../_codex-config/real", `${box.mounts}/_inner-config/sub`);
  const inner = target("inner", "_inner-config", "sub/auth.json");
  const report = await scanMounts(box.mounts, [NESTED, inner], { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.observations.map((o) => [o.provider, o.kind, o.path]), [
    ["nested", "escape", `${box.mounts}/_nested-config/sub`],
    ["inner", "escape", `${box.mounts}/_inner-config/sub`],
  ]);
  assert.deepEqual(report.skipped.map((s) => s.provider), ["nested", "inner"]);
});

Deno.test("scanMounts() refuses roster paths that leave their host dir", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_claude-config/x`, fakeLeak("claude"));
  await put(`${box.base}/creds.json`, fakeLeak("victim"));
  const targets = [
    target("dotdot", "..", "creds.json"),
    target("slash", "_claude-config/..", "x"),
    target("up", "_claude-config", "../../creds.json"),
    target("absolute", "_claude-config", `${box.base}/creds.json`),
    target("empty", "", "x"),
    target("emptyfile", "_claude-config", ""),
  ];
  const report = await scanMounts(box.mounts, targets, { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.observations.map((o) => o.kind), Array(6).fill("escape"));
  assert.deepEqual(report.skipped.map((s) => s.provider), targets.map((t) => t.provider));
});

Deno.test("scanMounts() skips a provider whose host dir is a file and scans the others", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_claude-config`, "not a directory");
  await put(`${box.mounts}/_nested-config/sub`, "not a directory either");
  await put(`${box.mounts}/_codex-config/auth.json`, fakeLeak("codex"));
  const report = await scanMounts(box.mounts, [CLAUDE, CODEX, NESTED], { clock: jumpingClock() });
  assert.deepEqual(leakPaths(report.leaks), [
    { provider: "codex", path: `${box.mounts}/_codex-config/auth.json` },
  ]);
  assert.deepEqual(report.skipped, [
    { provider: "claude", reason: `'${box.mounts}/_claude-config' is not a directory` },
    { provider: "nested", reason: `'${box.mounts}/_nested-config/sub' is not a directory` },
  ]);
  assert.deepEqual(report.observations, []);
});

Deno.test("scanMounts() skips every provider when the mounts dir is a file", async () => {
  await using box = await makeSandbox();
  await put(`${box.base}/file`, "x");
  const report = await scanMounts(`${box.base}/file`, [CLAUDE, CODEX], { clock: jumpingClock() });
  assert.equal(report.mountsDirExists, true);
  assert.deepEqual(report.skipped.map((s) => s.provider), ["claude", "codex"]);
  assert.deepEqual(report.leaks, []);
});

Deno.test("scanMounts() calls a file over the read bound an oversized leak, reading only its head", async () => {
  await using box = await makeSandbox();
  // A phantom padded past the bound: a whole read would call it a phantom.
  const padded = `${CLAUDE_PHANTOM.slice(0, -1)}${" ".repeat(70 * 1024)}}`;
  await put(`${box.mounts}/_claude-config/.credentials.json`, padded);
  // A sparse 64 GiB file: reading it whole would exhaust memory and time.
  await Deno.mkdir(`${box.mounts}/_codex-config`);
  const huge = `${box.mounts}/_codex-config/auth.json`;
  await Deno.writeTextFile(huge, CODEX_PHANTOM);
  await Deno.truncate(huge, 64 * 1024 ** 3);
  const report = await scanMounts(box.mounts, [CLAUDE, CODEX], { clock: jumpingClock() });
  assert.deepEqual(report.leaks.map((l) => l.provider), ["claude", "codex"]);
  assert.deepEqual(report.leaks.map((l) => l.evidence.map((e) => e.rule)), [
    ["oversized"],
    ["oversized"],
  ]);
});

Deno.test("scanMounts() reads a phantom right at the read bound", async () => {
  await using box = await makeSandbox();
  const padded = `${CLAUDE_PHANTOM.slice(0, -1)}${" ".repeat(64 * 1024)}}`.slice(0, 64 * 1024);
  const exact = `${padded.slice(0, -1)}}`;
  assert.equal(exact.length, 64 * 1024);
  await put(`${box.mounts}/_claude-config/.credentials.json`, exact);
  const report = await scanMounts(box.mounts, [CLAUDE], { clock: jumpingClock() });
  assert.deepEqual(report.leaks, []);
});

Deno.test("scanMounts() resolves a relative mounts dir to its absolute real path", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_codex-config/auth.json`, fakeLeak("codex"));
  const before = Deno.cwd();
  Deno.chdir(box.base);
  try {
    const report = await scanMounts("mounts", [CODEX]);
    assert.equal(report.mountsDir, box.mounts);
    assert.deepEqual(leakPaths(report.leaks), [
      { provider: "codex", path: `${box.mounts}/_codex-config/auth.json` },
    ]);
    assert.equal(Deno.cwd(), box.base);
  } finally {
    Deno.chdir(before);
  }
});

Deno.test("scanMounts() follows a trusted symlinked parent of the mounts dir", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_codex-config/auth.json`, fakeLeak("codex"));
  await Deno.symlink(box.base, `${box.outside}/link`);
  const report = await scanMounts(`${box.outside}/link/mounts`, [CODEX], { clock: jumpingClock() });
  assert.equal(report.mountsDir, box.mounts);
  assert.deepEqual(leakPaths(report.leaks), [
    { provider: "codex", path: `${box.mounts}/_codex-config/auth.json` },
  ]);
});

Deno.test("scanMounts() restores the working directory", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_nested-config/sub/creds.json`, fakeLeak("nested"));
  const before = Deno.cwd();
  await scanMounts(box.mounts, [NESTED, CLAUDE], { clock: jumpingClock() });
  assert.equal(Deno.cwd(), before);
});

Deno.test("scanMounts() inspects only the targets among thousands of other entries", async () => {
  await using box = await makeSandbox();
  for (let i = 0; i < 1500; i++) {
    await Deno.mkdir(`${box.mounts}/_other-${i}`);
    await Deno.writeTextFile(`${box.mounts}/_other-${i}/auth.json`, fakeLeak("other"));
  }
  for (let i = 0; i < 1500; i++) {
    await Deno.writeTextFile(`${box.mounts}/_codex-config-${i}.json`, fakeLeak("other"));
  }
  await put(`${box.mounts}/_codex-config/auth.json`, fakeLeak("codex"));
  for (let i = 0; i < 1000; i++) {
    await Deno.writeTextFile(`${box.mounts}/_codex-config/unrelated-${i}`, fakeLeak("other"));
  }
  const report = await scanMounts(box.mounts, DEFAULT_TARGETS, { clock: jumpingClock() });
  assert.equal(report.inspected, DEFAULT_TARGETS.length);
  assert.deepEqual(leakPaths(report.leaks), [
    { provider: "codex", path: `${box.mounts}/_codex-config/auth.json` },
  ]);
});

Deno.test("scanMounts() scans the eight default credential files, mixed", async () => {
  await using box = await makeSandbox();
  const contents: Record<string, string> = {
    "_blablador-config/config.json": fakeLeak("blablador"),
    "_claude-config/.credentials.json": CLAUDE_PHANTOM,
    "_codex-config/auth.json": CODEX_PHANTOM,
    "_gh-config/hosts.yml": `github.com:\n  oauth_token: ${FAKE_SECRET}\n`,
    "_glab-config/config.yml": "",
    "_kisski-config/config.json": CLAUDE_PHANTOM,
    "_openrouter-config/config.json": fakeLeak("openrouter"),
    "_vibe-config/.env": `MISTRAL_API_KEY=${FAKE_SECRET}\n`,
  };
  for (const [path, text] of Object.entries(contents)) await put(`${box.mounts}/${path}`, text);
  const report = await scanMounts(box.mounts, DEFAULT_TARGETS, { clock: jumpingClock() });
  assert.deepEqual(report.leaks.map((l) => l.provider), ["blablador", "gh", "openrouter", "vibe"]);
  assert.equal(report.inspected, 8);
  assert.equal(JSON.stringify(report).includes(FAKE_SECRET), false);
});

Deno.test("scanMounts() calls a phantom behind a byte-order mark a leak", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_claude-config/.credentials.json`, `\uFEFF${CLAUDE_PHANTOM}`);
  const report = await scanMounts(box.mounts, [CLAUDE], { clock: jumpingClock() });
  assert.deepEqual(leakPaths(report.leaks), [{
    provider: "claude",
    path: `${box.mounts}/_claude-config/.credentials.json`,
  }]);
});
