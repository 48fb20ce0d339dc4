// Copyright the terok-vault authors. MIT license.
/**
 * `scan --deep` through the real CLI under its scoped flags: planted tokens anywhere in the
 * mounts, decoys, entries that must never be opened or followed, a binary, bounds reached;
 * and a container swapping walked files and directories for symlinks to host victims.
 */
import assert from "node:assert/strict";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { REPO_ROOT, runTask, writeRoster } from "./_cli.ts";
import { agedFile } from "./_race.ts";
import { CLAUDE_PHANTOM, makeSandbox, mkfifo, put, type Sandbox } from "./_helpers.ts";

async function fingerprint(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")
    .slice(0, 16);
}

function deepArgs(box: Sandbox, extra: string[] = []): string[] {
  return [
    "--quiet",
    "vault",
    "scan",
    "--deep",
    "--mounts-dir",
    box.mounts,
    "--roster",
    `${box.base}/roster`,
    "--no-user",
    ...extra,
  ];
}

/** True when reading a file moves its access time here (relatime with an old atime). */
async function atimeRecorded(box: Sandbox): Promise<boolean> {
  const probe = `${box.outside}/atime-probe`;
  const before = await agedFile(probe, "probe");
  await Deno.readTextFile(probe);
  const after = (await Deno.lstat(probe)).atime!;
  await Deno.remove(probe);
  return after.getTime() !== before.getTime();
}

/** Make `count` empty files in `dir` quickly. */
async function manyFiles(dir: string, count: number): Promise<void> {
  const script = "import os,sys\nd=sys.argv[1]\nos.makedirs(d)\n" +
    "for i in range(int(sys.argv[2])): open(os.path.join(d, f'e{i:06d}'), 'w').close()";
  const { code } = await new Deno.Command("python3", { args: ["-c", script, dir, String(count)] })
    .output();
  assert.equal(code, 0);
}

Deno.test("scan --deep finds tokens anywhere, follows and opens nothing else, reports its bounds", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
  const apiKey = fakeToken("anthropic-api-key");
  const ghToken = fakeToken("github-token");
  const hfToken = fakeToken("huggingface-token");
  const victimToken = fakeToken("openrouter-api-key");
  const binaryToken = fakeToken("gitlab-token");
  const secrets = [apiKey, ghToken, hfToken, victimToken, binaryToken];
  const a = `${box.mounts}/_alpha-config`;
  await put(`${a}/creds.json`, CLAUDE_PHANTOM);
  await put(`${a}/projects/p/session.jsonl`, `{"a":1}\n{"b":2}\n{"text":"key ${apiKey} here"}\n`);
  await put(`${a}/settings.json`, JSON.stringify({ env: { GH_TOKEN: ghToken } }, null, 2));
  await put(`${box.mounts}/_orphan/notes/.env`, `HF_TOKEN=${hfToken}\n`);
  await put(`${a}/decoy.txt`, `sk-ant-api03-${"X".repeat(93)}AA\nghp_${"0".repeat(36)}\n`);
  const victimAtime = await agedFile(`${box.outside}/victim.env`, `KEY=${victimToken}\n`);
  await Deno.symlink(`${box.outside}/victim.env`, `${a}/victim-link`);
  await Deno.symlink(`${a}/loop-b`, `${a}/loop-a`);
  await Deno.symlink(`${a}/loop-a`, `${a}/loop-b`);
  await mkfifo(`${a}/fifo`);
  // A device node (the harmless /dev/null numbers; only root may make one): never opened.
  const device = Deno.uid() === 0 &&
    (await new Deno.Command("mknod", { args: [`${a}/device`, "c", "1", "3"] }).output()).success;
  if (!device) console.log("device node case skipped: mknod needs root");
  const binary = new Uint8Array(2 * 1024 * 1024);
  binary.set(new TextEncoder().encode(binaryToken), 1000);
  await Deno.writeFile(`${a}/blob.bin`, binary);
  await manyFiles(`${box.mounts}/_big`, 100_000);

  const run = await runTask(deepArgs(box, ["--json"]));
  assertNoSecretLeak(run.stdout + run.stderr, secrets);
  assert.equal(run.code, 1, run.stderr);
  const report = JSON.parse(run.stdout);
  assert.deepEqual(report.leaks, []);
  const found = report.findings.map((f: Record<string, unknown>) => ({
    provider: f.provider,
    path: f.path,
    evidence: (f.evidence as Record<string, unknown>[]).map((e) => [
      e.rule,
      e.key_path,
      e.line,
      e.fingerprint,
    ]),
  }));
  assert.deepEqual(found, [
    {
      provider: "alpha",
      path: `${a}/projects/p/session.jsonl`,
      evidence: [["anthropic-api-key", null, 3, await fingerprint(apiKey)]],
    },
    {
      provider: "alpha",
      path: `${a}/settings.json`,
      evidence: [["github-token", "env.GH_TOKEN", 3, await fingerprint(ghToken)]],
    },
    {
      provider: null,
      path: `${box.mounts}/_orphan/notes/.env`,
      evidence: [["huggingface-token", "HF_TOKEN", 1, await fingerprint(hfToken)]],
    },
  ]);
  assert.deepEqual(report.deep.limits_hit, [
    { limit: "entries_per_dir", bound: 20_000, count: 1, path: `${box.mounts}/_big` },
  ]);
  assert.deepEqual(report.deep.unread, []);
  // session, settings, .env, decoy, blob, and the first 20,000 entries of _big.
  assert.equal(report.deep.files, 20_005);
  assert.equal(report.deep.binary_skipped, 1);
  assert.equal(report.deep.symlinks, 3);
  assert.equal(report.deep.special, device ? 2 : 1);
  assert.match(
    run.stderr,
    /terok-vault: warning: deep scan reached its bound of 20000 entries per directory 1 time\(s\), first at '[^']*\/_big'; the scan is incomplete\n/,
  );
  // The symlinked victim was never read, the FIFO never opened (the scan returned), and
  // nothing was removed.
  assert.equal(
    (await Deno.lstat(`${box.outside}/victim.env`)).atime?.getTime(),
    victimAtime.getTime(),
  );
  assert.equal(
    await Deno.readTextFile(`${a}/settings.json`),
    JSON.stringify({ env: { GH_TOKEN: ghToken } }, null, 2),
  );
  // No private link left: the private directory is gone again.
  await assert.rejects(
    Deno.lstat(`${box.mounts}/.terok-vault-${Deno.uid()}`),
    Deno.errors.NotFound,
  );
});

Deno.test("scan --deep text output: findings with evidence, exit 3 when only a bound was hit", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
  const token = fakeToken("github-token");
  await put(`${box.mounts}/_alpha-config/notes.md`, `# notes\ntoken: ${token}\n`);
  const found = await runTask(deepArgs(box));
  assertNoSecretLeak(found.stdout + found.stderr, [token]);
  assert.deepEqual(found, {
    code: 1,
    stdout: "No leaked credential files found.\n" +
      "Secrets found elsewhere in the mounts (not removed; rotate them):\n" +
      `  alpha: ${box.mounts}/_alpha-config/notes.md\n` +
      `    github-token at line 2: ghp_…${token.slice(-4)}\n` +
      `Deep scan: 1 file(s), ${
        `# notes\ntoken: ${token}\n`.length
      } bytes read, 0 binary skipped.\n`,
    stderr: "",
  });
  await Deno.remove(`${box.mounts}/_alpha-config/notes.md`);
  let deepDir = `${box.mounts}/_alpha-config`;
  for (let i = 0; i < 33; i++) deepDir += "/d";
  await Deno.mkdir(deepDir, { recursive: true });
  const bounded = await runTask(deepArgs(box));
  assert.equal(bounded.code, 3, bounded.stderr);
  assert.equal(
    bounded.stdout,
    "No leaked credential files found.\nNo secrets found elsewhere in the mounts.\n" +
      "Deep scan: 0 file(s), 0 bytes read, 0 binary skipped.\n",
  );
  assert.match(bounded.stderr, /deep scan reached its bound of 32 directory levels 1 time\(s\)/);
  assert.match(
    bounded.stderr,
    /the deep scan is incomplete, so the mounts are not known to be clean\n$/,
  );
});

Deno.test({
  name: "CONCURRENT SWAPPER: scan --deep never reads a victim a container swaps in (~12-45 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, {
      flat: ["_flat-config", "creds.json"],
      nested: ["_nested-config", "sub/creds.json"],
    });
    const victimToken = fakeToken("anthropic-api-key");
    const victimAtime = await agedFile(`${box.outside}/creds.json`, `{"k":"${victimToken}"}`);
    const otherAtime = await agedFile(`${box.outside}/other.json`, `{"k":"${victimToken}"}`);
    const recordsAtime = await atimeRecorded(box);
    // A token of the mount's own inside the directory the swapper flips: finding it shows the
    // walk really went into that directory while it was being swapped. Written before the
    // swapper starts: written during a burst, the name could lead into the victim's dir.
    const ownToken = fakeToken("github-token");
    await Deno.mkdir(`${box.mounts}/_nested-config/sub`, { recursive: true });
    await Deno.writeTextFile(`${box.mounts}/_nested-config/sub/notes.txt`, `token ${ownToken}\n`);
    const control = `${box.base}/swapper-control`;
    await Deno.mkdir(control);
    const swapper = new Deno.Command("python3", {
      args: [
        `${REPO_ROOT}/tests/testdata/mounts/swapper.py`,
        box.mounts,
        box.outside,
        "60",
        "bursty",
        control,
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let runs = 0;
    let ownFound = 0;
    let held = false;
    const codes = new Set<number>();
    try {
      for (let waited = 0; waited < 5000; waited += 20) {
        try {
          await Deno.lstat(`${box.mounts}/_nested-config/sub.alt`);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
      // At least 11 s of runs. On a loaded machine every walk may meet a burst (a run outlasts
      // the 3 s quiet spell), so after 14 s without a read inside the swapped dir the swapper
      // is asked to hold its quiet spell (still running, the real directory in place) until
      // a walk has read there: the check below still fails when the walk cannot get in at all.
      const start = Date.now();
      const enough = () => Date.now() - start >= 11_000 && ownFound > 0;
      while (!enough() && Date.now() - start < 45_000) {
        if (!held && ownFound === 0 && Date.now() - start >= 14_000) {
          await Deno.writeTextFile(`${control}/hold`, "");
          held = true;
        }
        const run = await runTask(deepArgs(box, runs % 2 === 0 ? ["--json"] : []));
        assertNoSecretLeak(run.stdout + run.stderr, [victimToken, ownToken]);
        if (run.stdout.includes(`ghp_…${ownToken.slice(-4)}`)) ownFound++;
        assert.ok([0, 1, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
        if (runs % 2 === 0) {
          const report = JSON.parse(run.stdout);
          const fingerprints = [...report.leaks, ...report.findings].flatMap((item) =>
            item.evidence.map((e: { fingerprint: string | null }) => e.fingerprint)
          );
          assert.ok(!fingerprints.includes(await fingerprint(victimToken)), "victim reported");
        }
        codes.add(run.code);
        runs++;
      }
    } finally {
      await Deno.writeTextFile(`${control}/stop`, "");
      const status = await swapper.output();
      console.log(
        `swapper: ${new TextDecoder().decode(status.stdout).trim()} swaps; deep runs: ${runs} ` +
          `(own token found in ${ownFound}${held ? ", quiet spell held" : ""}); ` +
          `exit codes: ${[...codes].sort()}; atime recorded here: ${recordsAtime}`,
      );
      assert.equal(status.code, 0, new TextDecoder().decode(status.stderr));
    }
    assert.ok(runs >= 4, "too few deep runs");
    assert.ok(ownFound > 0, "the walk never read inside the swapped directory");
    if (recordsAtime) {
      assert.equal(
        (await Deno.lstat(`${box.outside}/creds.json`)).atime?.getTime(),
        victimAtime.getTime(),
      );
      assert.equal(
        (await Deno.lstat(`${box.outside}/other.json`)).atime?.getTime(),
        otherAtime.getTime(),
      );
    } else {
      console.log("atime check skipped: this file system does not record reads");
    }
  },
});
