// Copyright the terok-vault authors. MIT license.
/**
 * End-to-end adversarial tests: the real CLI (`deno task scan|clean`, scoped permissions from
 * the launcher) against shared mounts a hostile container has prepared or is changing.
 */
import assert from "node:assert/strict";
import { type CliRun, REPO_ROOT, runTask, writeRoster } from "./_cli.ts";
import { exists, fakeLeak, makeSandbox, mkfifo, put, type Sandbox } from "./_helpers.ts";
import { agedFile } from "./_race.ts";

/** Unique, obviously fake content of every file outside the mounts dir. */
const VICTIM = `VICTIM-MARKER-${crypto.randomUUID()}-FAKE-not-a-secret`;

function cliArgs(command: "scan" | "clean", box: Sandbox, extra: string[] = []): string[] {
  return [
    command,
    "--mounts-dir",
    box.mounts,
    "--roster",
    `${box.base}/roster`,
    "--no-user",
    ...extra,
  ];
}

function assertNoVictim(run: CliRun): void {
  assert.equal(run.stdout.includes(VICTIM), false, "victim content in stdout");
  assert.equal(run.stderr.includes(VICTIM), false, "victim content in stderr");
}

Deno.test("scan and clean CLI finish on a credential file symlinked to a FIFO outside", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, {
    alpha: ["_alpha-config", "creds.json"],
    beta: ["_beta-config", "creds.json"],
  });
  await mkfifo(`${box.outside}/fifo`);
  await Deno.mkdir(`${box.mounts}/_alpha-config`);
  await Deno.symlink(`${box.outside}/fifo`, `${box.mounts}/_alpha-config/creds.json`);
  await Deno.mkdir(`${box.mounts}/_beta-config`);
  await mkfifo(`${box.mounts}/_beta-config/creds.json`);

  // A symlink to a host file is an escape (the provider is unchecked), never followed.
  const scan = await runTask(cliArgs("scan", box));
  assert.equal(scan.code, 3, scan.stderr);
  assert.match(scan.stdout, /^No leaked credential files found\.$/m);
  assert.match(
    scan.stderr,
    /skipped 'alpha': credential path escapes the mounts dir \(the credential file is a symlink to an absolute path\)/,
  );
  assert.match(scan.stderr, /'beta' the credential file is a FIFO; not opened/);

  const json = await runTask(cliArgs("scan", box, ["--json"]));
  assert.equal(json.code, 3, json.stderr);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.skipped.map((s: { provider: string }) => s.provider), ["alpha"]);
  assert.deepEqual(report.observations.map((o: { kind: string }) => o.kind), [
    "escape",
    "not_regular",
  ]);

  const clean = await runTask(cliArgs("clean", box));
  assert.equal(clean.code, 3, clean.stderr);
  assert.match(clean.stdout, /^No leaked credential files found\.$/m);
  assert.equal((await Deno.lstat(`${box.mounts}/_alpha-config/creds.json`)).isSymlink, true);
  assert.equal((await Deno.lstat(`${box.outside}/fifo`)).isFifo, true);
  assert.equal((await Deno.lstat(`${box.mounts}/_beta-config/creds.json`)).isFifo, true);
});

Deno.test("scan and clean CLI never follow a symlinked host dir or intermediate directory", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, {
    nested: ["_nested-config", "sub/creds.json"],
    hostlink: ["_hostlink-config", "creds.json"],
  });
  await put(`${box.outside}/creds.json`, VICTIM);
  await Deno.mkdir(`${box.mounts}/_nested-config`);
  await Deno.symlink(box.outside, `${box.mounts}/_nested-config/sub`);
  await Deno.symlink(box.outside, `${box.mounts}/_hostlink-config`);

  const scan = await runTask(cliArgs("scan", box));
  assertNoVictim(scan);
  assert.equal(scan.code, 3, scan.stderr);
  assert.match(scan.stdout, /^No leaked credential files found\.$/m);
  assert.match(scan.stderr, /credential leak scan skipped 'hostlink': credential path escapes/);
  assert.match(scan.stderr, /credential leak scan skipped 'nested': credential path escapes/);

  const json = await runTask(cliArgs("scan", box, ["--json"]));
  assertNoVictim(json);
  assert.equal(json.code, 3);
  const report = JSON.parse(json.stdout);
  assert.deepEqual(report.skipped.map((s: { provider: string }) => s.provider), [
    "hostlink",
    "nested",
  ]);
  assert.deepEqual(
    report.observations.map((o: { provider: string; kind: string; path: string }) => [
      o.provider,
      o.kind,
      o.path,
    ]),
    [
      ["hostlink", "escape", `${box.mounts}/_hostlink-config`],
      ["nested", "escape", `${box.mounts}/_nested-config/sub`],
    ],
  );

  for (const extra of [[], ["--dry-run"], ["--json"]]) {
    const clean = await runTask(cliArgs("clean", box, extra));
    assertNoVictim(clean);
    assert.equal(clean.code, 3, clean.stderr);
  }
  assert.equal(await Deno.readTextFile(`${box.outside}/creds.json`), VICTIM);
});

Deno.test("scan CLI warns about a file where a host dir should be and scans the others", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, {
    broken: ["_broken-config", "creds.json"],
    leaky: ["_leaky-config", "creds.json"],
  });
  await put(`${box.mounts}/_broken-config`, "a file, not a directory");
  await put(`${box.mounts}/_leaky-config/creds.json`, fakeLeak("leaky"));

  const withLeak = await runTask(cliArgs("scan", box));
  assert.equal(withLeak.code, 1, withLeak.stderr);
  assert.match(
    withLeak.stdout,
    new RegExp(`^  leaky: ${box.mounts}/_leaky-config/creds\\.json$`, "m"),
  );
  assert.match(
    withLeak.stderr,
    new RegExp(
      `terok-vault: warning: credential leak scan skipped 'broken': '${box.mounts}/_broken-config' is not a directory`,
    ),
  );

  const clean = await runTask(cliArgs("clean", box));
  // The leak is removed, but 'broken' stays unchecked: exit 3, not 0.
  assert.equal(clean.code, 3, clean.stderr);
  assert.match(
    clean.stdout,
    new RegExp(`^Moved leaky: ${box.mounts}/_leaky-config/creds\\.json to quarantine `, "m"),
  );
  assert.equal(await exists(`${box.mounts}/_leaky-config/creds.json`), false);

  const noLeak = await runTask(cliArgs("scan", box));
  assert.equal(noLeak.code, 3, noLeak.stderr);
  assert.match(noLeak.stdout, /^No leaked credential files found\.$/m);
  assert.equal(await Deno.readTextFile(`${box.mounts}/_broken-config`), "a file, not a directory");
});

Deno.test({
  name: "CONCURRENT SWAPPER: scan and clean CLI under a container swapping files and dirs (~12 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, {
      flat: ["_flat-config", "creds.json"],
      nested: ["_nested-config", "sub/creds.json"],
    });
    // The victims: a file and a directory outside the mounts dir, named like the targets.
    const victimAtime = await agedFile(`${box.outside}/creds.json`, VICTIM);
    const otherAtime = await agedFile(`${box.outside}/other.json`, VICTIM);
    const victimBefore = await Deno.lstat(`${box.outside}/creds.json`);
    // Control: reading moves an old atime on this file system, so an unchanged one means unread.
    const probeAtime = await agedFile(`${box.base}/atime-probe`, "probe");
    await Deno.readTextFile(`${box.base}/atime-probe`);
    const recordsAtime = (await Deno.lstat(`${box.base}/atime-probe`)).atime?.getTime() !==
      probeAtime.getTime();

    const swapper = new Deno.Command("python3", {
      args: [`${REPO_ROOT}/tests/testdata/mounts/swapper.py`, box.mounts, box.outside, "12"],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const runs: Record<string, number> = {};
    const codes = new Set<number>();
    try {
      // Let the swapper create its entries before the first run.
      for (let waited = 0; !(await exists(`${box.mounts}/_nested-config/sub.alt`)); waited += 20) {
        if (waited > 5000) throw new Error("the swapper did not start within 5 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const variants: [command: "scan" | "clean", ...extra: string[]][] = [
        ["scan"],
        ["clean"],
        ["scan", "--json"],
        ["clean", "--json"],
        ["clean", "--dry-run"],
      ];
      const deadline = Date.now() + 11_000;
      for (let i = 0; Date.now() < deadline; i++) {
        const [command, ...extra] = variants[i % variants.length]!;
        const run = await runTask(cliArgs(command, box, extra));
        assertNoVictim(run);
        assert.ok([0, 1, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
        if (extra.includes("--json")) JSON.parse(run.stdout);
        codes.add(run.code);
        const key = [command, ...extra].join(" ");
        runs[key] = (runs[key] ?? 0) + 1;
      }
    } finally {
      const status = await swapper.output();
      const swaps = new TextDecoder().decode(status.stdout).trim();
      console.log(
        `swapper: ${swaps} swaps (exit ${status.code}); CLI runs: ${
          JSON.stringify(runs)
        }; exit codes seen: ${[...codes].sort()}`,
      );
      assert.equal(status.code, 0, new TextDecoder().decode(status.stderr));
    }
    // Each run that meets the swapping nested directory waits once for it to be quiet.
    assert.ok(Object.values(runs).reduce((a, b) => a + b, 0) >= 4, "too few CLI runs");
    // No byte of a victim was read (where this file system records reads).
    if (recordsAtime) {
      const atimes = [
        (await Deno.lstat(`${box.outside}/creds.json`)).atime?.getTime(),
        (await Deno.lstat(`${box.outside}/other.json`)).atime?.getTime(),
      ];
      assert.deepEqual(atimes, [victimAtime.getTime(), otherAtime.getTime()], "a victim was read");
    } else console.log("victim atime check skipped: this file system does not record reads");
    // Every victim is still there, unchanged, and is the same file.
    assert.equal(await Deno.readTextFile(`${box.outside}/creds.json`), VICTIM);
    assert.equal(await Deno.readTextFile(`${box.outside}/other.json`), VICTIM);
    const victimAfter = await Deno.lstat(`${box.outside}/creds.json`);
    assert.equal(victimAfter.ino, victimBefore.ino);
    assert.equal(victimAfter.mtime?.getTime(), victimBefore.mtime?.getTime());
    assert.deepEqual(
      [...Deno.readDirSync(box.outside)].map((e) => e.name).sort(),
      ["creds.json", "other.json"],
    );
  },
});
