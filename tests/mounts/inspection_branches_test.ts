// Copyright the terok-vault authors. MIT license.
/** Safety branches of the credential-path inspection, each with its exact outcome. */
import assert from "node:assert/strict";
import { credentialClassifier } from "../../src/mounts/_classify.ts";
import { inspectTarget } from "../../src/mounts/_inspect_target.ts";
import { judgeLeaf } from "../../src/mounts/_judge_leaf.ts";
import { PrivateDir } from "../../src/mounts/_private_dir.ts";
import { removeLeak } from "../../src/mounts/_remove_leak.ts";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import { REPO_ROOT } from "./_cli.ts";
import {
  fakeLeak,
  holdLease,
  jumpingClock,
  makeSandbox,
  put,
  type Sandbox,
  target,
} from "./_helpers.ts";

/** Runs report_driver.ts with read and write on the mounts dir but not /proc/self/cwd. */
async function cleanWithoutPinnedDirGrant(box: Sandbox, targets: unknown[]) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      `--allow-read=${box.mounts}`,
      `--allow-write=${box.mounts}`,
      "--allow-sys=uid",
      `${REPO_ROOT}/tests/testdata/mounts/report_driver.ts`,
      "clean",
      box.mounts,
      JSON.stringify(targets),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test("cleanMounts() without the /proc/self/cwd grant removes a flat leak, refuses a nested one", async () => {
  await using box = await makeSandbox();
  const flat = `${box.mounts}/_flat-config/creds.json`;
  const nested = `${box.mounts}/_nested-config/sub/creds.json`;
  await put(flat, fakeLeak("flat"));
  await put(nested, fakeLeak("nested"));
  const report = await cleanWithoutPinnedDirGrant(box, [
    target("flat", "_flat-config", "creds.json"),
    target("nested", "_nested-config", "sub/creds.json"),
  ]);
  assert.deepEqual(report.removed.map((l: { path: string }) => l.path), [flat]);
  assert.deepEqual(report.failed, [{
    provider: "nested",
    path: nested,
    reason: "not removed: it sits below a directory the container controls, and removing it " +
      "safely needs --allow-write=/proc/self/cwd",
  }]);
  await assert.rejects(Deno.lstat(flat), Deno.errors.NotFound);
  assert.equal(await Deno.readTextFile(nested), fakeLeak("nested"));
});

Deno.test("removeLeak() refuses when its directory moved or the file vanished", async () => {
  await using box = await makeSandbox();
  const before = Deno.cwd();
  try {
    await put(`${box.mounts}/_h/creds.json`, fakeLeak("h"));
    Deno.chdir(`${box.mounts}/_h`);
    const judged = Deno.lstatSync("creds.json");
    await Deno.rename(`${box.mounts}/_h`, `${box.mounts}/_moved`);
    assert.deepEqual(removeLeak("creds.json", `${box.mounts}/_h`, judged, undefined), {
      ok: false,
      reason: "its directory moved; not removed",
    });
    await Deno.rename(`${box.mounts}/_moved`, `${box.mounts}/_h`);
    Deno.chdir(`${box.mounts}/_h`);
    // Another file under the same name (the judged inode stays alive, so its number is not
    // reused for the new one).
    await Deno.link(`${box.mounts}/_h/creds.json`, `${box.outside}/judged`);
    await put(`${box.mounts}/_h/creds.new`, fakeLeak("other inode"));
    await Deno.rename(`${box.mounts}/_h/creds.new`, `${box.mounts}/_h/creds.json`);
    assert.deepEqual(removeLeak("creds.json", `${box.mounts}/_h`, judged, undefined), {
      ok: false,
      reason: "it changed before removal; not removed",
    });
    await Deno.remove(`${box.mounts}/_h/creds.json`);
    assert.deepEqual(removeLeak("creds.json", `${box.mounts}/_h`, judged, undefined), {
      ok: false,
      reason: "it vanished before removal",
    });
  } finally {
    Deno.chdir(before);
  }
});

Deno.test("removeLeak() refuses when its working directory is gone or the name cannot be looked at", async () => {
  await using box = await makeSandbox();
  const before = Deno.cwd();
  try {
    await put(`${box.mounts}/_h/creds.json`, fakeLeak("h"));
    Deno.chdir(`${box.mounts}/_h`);
    const judged = Deno.lstatSync("creds.json");
    const tooLong = "n".repeat(300);
    assert.deepEqual(removeLeak(tooLong, `${box.mounts}/_h`, judged, undefined), {
      ok: false,
      reason: "file name too long",
    });
    await Deno.remove(`${box.mounts}/_h`, { recursive: true });
    assert.deepEqual(removeLeak("creds.json", `${box.mounts}/_h`, judged, undefined), {
      ok: false,
      reason: "working directory lost: no such file or directory",
    });
  } finally {
    Deno.chdir(before);
  }
});

Deno.test("inspectTarget() skips every target once the mounts dir was replaced", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_h/creds.json`, fakeLeak("h"));
  const root = { path: box.mounts, identity: Deno.lstatSync(box.outside) }; // not the same dir
  const before = Deno.cwd();
  try {
    const outcome = await inspectTarget(
      root,
      target("h", "_h", "creds.json"),
      "report",
      jumpingClock(),
      PrivateDir.prepare({ path: box.mounts, identity: Deno.lstatSync(box.mounts) }),
    );
    assert.deepEqual(outcome, {
      verdict: "skipped",
      reason: `the mounts dir '${box.mounts}' changed during the scan`,
    });
  } finally {
    Deno.chdir(before);
  }
});

Deno.test("scanMounts() reports a device node at a credential path and never opens it", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h`);
  const made = Deno.uid() === 0 &&
    (await new Deno.Command("mknod", { args: [`${box.mounts}/_h/creds.json`, "c", "1", "3"] })
      .output()).success;
  if (!made) {
    console.log("skipped: making a device node needs root");
    return;
  }
  const report = await scanMounts(box.mounts, [target("h", "_h", "creds.json")]);
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(report.observations, [{
    provider: "h",
    kind: "not_regular",
    path: `${box.mounts}/_h/creds.json`,
    detail: "the credential file is a character device; not opened",
  }]);
});

Deno.test({
  name: "scanMounts() names an open held up by a file lease as such, not as 'changed' (~3 s)",
  // The abandoned opens complete once the holder lets go, after the test's last check.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using box = await makeSandbox();
    const path = `${box.mounts}/_h/creds.json`;
    await put(path, fakeLeak("h"));
    await using _lease = await holdLease(path);
    const report = await scanMounts(box.mounts, [target("h", "_h", "creds.json")]);
    assert.deepEqual(report.leaks, []);
    assert.deepEqual(report.skipped, [{
      provider: "h",
      reason: `opening '${path}' did not complete within 1000 ms (a file lease held by ` +
        "another process, or a FIFO swapped in); not read",
    }]);
  },
});

/** A private directory that lets a "container" act between the walk's lstat and the link. */
function racingPrivateDir(box: Sandbox, act: () => void, refuse: boolean): PrivateDir {
  const real = PrivateDir.prepare({ path: box.mounts, identity: Deno.lstatSync(box.mounts) });
  return {
    path: real.path,
    unusable: real.unusable,
    link(name: string) {
      act();
      return refuse ? { status: "refused", reason: "test" } : real.link(name);
    },
    release: (path: string) => real.release(path),
  } as unknown as PrivateDir;
}

async function judgeWith(box: Sandbox, privateDir: PrivateDir) {
  const before = Deno.cwd();
  Deno.chdir(`${box.mounts}/_h`);
  try {
    return await judgeLeaf({ provider: "h", name: "creds.json", directory: `${box.mounts}/_h` }, {
      action: "report",
      classify: credentialClassifier(target("h", "_h", "creds.json")),
      guard: undefined,
      clock: jumpingClock(),
      privateDir,
      remove: () => ({ ok: false, reason: "not asked" }),
    });
  } finally {
    Deno.chdir(before);
  }
}

Deno.test("judgeLeaf() gives up on a file replaced at every look: 'changed repeatedly'", async () => {
  await using box = await makeSandbox();
  const path = `${box.mounts}/_h/creds.json`;
  await put(path, fakeLeak("h"));
  let n = 0;
  const replace = () => {
    // A new inode under the same name each time (the old one kept alive, so numbers differ).
    Deno.linkSync(path, `${box.outside}/kept-${n}`);
    Deno.writeTextFileSync(`${path}.new`, fakeLeak(`h${n++}`));
    Deno.renameSync(`${path}.new`, path);
  };
  const outcome = await judgeWith(box, racingPrivateDir(box, replace, false));
  assert.deepEqual(outcome, {
    verdict: "skipped",
    reason: `'${path}' changed repeatedly while being checked`,
  });
  assert.equal(n, 3);
});

Deno.test("judgeLeaf() retries after a symlink loop swapped in and reports the symlink", async () => {
  await using box = await makeSandbox();
  const path = `${box.mounts}/_h/creds.json`;
  await put(path, fakeLeak("h"));
  let swapped = false;
  const toLoop = () => {
    if (swapped) return;
    swapped = true;
    Deno.symlinkSync(path, `${box.mounts}/_h/loop2`);
    Deno.symlinkSync(`${box.mounts}/_h/loop2`, `${box.mounts}/_h/tmp`);
    Deno.renameSync(`${box.mounts}/_h/tmp`, path); // creds.json -> loop2 -> creds.json
  };
  // The link is refused, so the name is opened in the mount: ELOOP, then a fresh look.
  const outcome = await judgeWith(box, racingPrivateDir(box, toLoop, true));
  assert.deepEqual(outcome, {
    verdict: "observation",
    observation: {
      provider: "h",
      kind: "symlink",
      path,
      detail: "the credential file is a symlink; not followed",
    },
  });
});

/** Root can drop to `nobody` with setpriv; the chdir-refused case needs an unprivileged run. */
const CAN_DROP_PRIVILEGES = Deno.uid() === 0 &&
  (await new Deno.Command("setpriv", { args: ["--help"], stdout: "null" }).output()
    .then((o) => o.success, () => false));
if (!CAN_DROP_PRIVILEGES) {
  console.log("'a directory it may not enter' test ignored: needs root and setpriv");
}

Deno.test({
  name: "scanMounts() as an unprivileged user: a directory it may not enter is skipped, or unread",
  ignore: !CAN_DROP_PRIVILEGES,
  async fn() {
    await using box = await makeSandbox();
    await put(`${box.mounts}/_h/sub/creds.json`, fakeLeak("h"));
    await Deno.chmod(`${box.mounts}/_h/sub`, 0o600); // lstat sees a directory; chdir is refused
    for (const dir of [box.base, box.mounts, `${box.mounts}/_h`]) await Deno.chmod(dir, 0o755);
    // nobody needs its own Deno cache, with the npm packages the detector imports.
    const denoDir = `${box.base}/deno-dir`;
    const info = JSON.parse(
      new TextDecoder().decode(
        (await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] })
          .output()).stdout,
      ),
    );
    await Deno.mkdir(denoDir);
    await new Deno.Command("cp", { args: ["-r", `${info.denoDir}/npm`, denoDir] }).output();
    await new Deno.Command("chown", { args: ["-R", "65534:65534", denoDir] }).output();
    const run = async (mode: string, targets: unknown[], ...extra: string[]) => {
      const output = await new Deno.Command("setpriv", {
        args: [
          "--reuid=65534",
          "--regid=65534",
          "--clear-groups",
          Deno.execPath(),
          "run",
          "--cached-only",
          "--no-prompt",
          `--allow-read=${box.mounts}`,
          `${REPO_ROOT}/tests/testdata/mounts/report_driver.ts`,
          mode,
          box.mounts,
          JSON.stringify(targets),
          ...extra,
        ],
        cwd: "/tmp",
        env: { DENO_DIR: denoDir, HOME: "/tmp" },
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
      return JSON.parse(new TextDecoder().decode(output.stdout));
    };
    const scan = await run("scan", [target("h", "_h", "sub/creds.json")]);
    assert.deepEqual(scan.skipped, [{
      provider: "h",
      reason: `permission denied at '${box.mounts}/_h/sub'`,
    }]);
    assert.deepEqual(scan.leaks, []);
    // No write grant, so no private link: the walk itself is what is tested here.
    const deep = await run("deep", [], "unsafe");
    assert.deepEqual(deep.deep.unread, [{
      path: `${box.mounts}/_h/sub`,
      reason: `permission denied at '${box.mounts}/_h/sub'`,
    }]);
    await Deno.chmod(`${box.mounts}/_h/sub`, 0o755);
  },
});

Deno.test("scanMounts() skips a provider whose host dir cannot be looked up, naming why", async () => {
  await using box = await makeSandbox();
  const hostDir = "n".repeat(300);
  const report = await scanMounts(box.mounts, [target("x", hostDir, "creds.json")], {
    clock: jumpingClock(),
  });
  assert.deepEqual(report.skipped, [{
    provider: "x",
    reason: `file name too long at '${box.mounts}/${hostDir}'`,
  }]);
  assert.deepEqual([report.leaks, report.observations], [[], []]);
});

Deno.test({
  name: "scanMounts() never opens a block device at a credential path",
  ignore: Deno.uid() !== 0, // mknod of a device needs root
  async fn() {
    await using box = await makeSandbox();
    await Deno.mkdir(`${box.mounts}/_b`);
    const made = new Deno.Command("mknod", {
      args: [`${box.mounts}/_b/creds.json`, "b", "7", "200"],
    }).outputSync();
    assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
    const report = await scanMounts(box.mounts, [target("b", "_b", "creds.json")], {
      clock: jumpingClock(),
    });
    assert.deepEqual(report.observations, [{
      provider: "b",
      kind: "not_regular",
      path: `${box.mounts}/_b/creds.json`,
      detail: "the credential file is a block device; not opened",
    }]);
    assert.deepEqual([report.leaks, report.skipped], [[], []]);
  },
});

Deno.test("scanMounts() from a deleted working directory: a relative missing mounts dir, and where it leaves the process", async () => {
  await using box = await makeSandbox();
  const gone = `${box.base}/gone`;
  await Deno.mkdir(gone);
  const before = Deno.cwd();
  try {
    Deno.chdir(gone);
    await Deno.remove(gone);
    // No directory to resolve against: the path is reported as given.
    const missing = await scanMounts("mounts-missing", [], { clock: jumpingClock() });
    assert.deepEqual([missing.mountsDir, missing.mountsDirExists], ["mounts-missing", false]);
    // No directory to go back to: the process stays at the real mounts dir.
    const scanned = await scanMounts(box.mounts, [], { clock: jumpingClock() });
    assert.deepEqual([scanned.mountsDir, scanned.mountsDirExists], [box.mounts, true]);
    assert.equal(Deno.cwd(), box.mounts);
  } finally {
    Deno.chdir(before);
  }
});
