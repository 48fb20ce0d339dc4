// Copyright the terok-vault authors. MIT license.
/**
 * Safety branches of the deep walk, each with its exact outcome. A clock whose first look
 * changes the tree stands in for a container acting at that very moment: the walk asks the
 * clock just before it trusts a directory's path, after it listed the directory.
 */
import assert from "node:assert/strict";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import type { Clock } from "../../src/mounts/types.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import {
  exists,
  holdLease,
  jumpingClock,
  makeSandbox,
  put,
  type Sandbox,
  target,
} from "./_helpers.ts";

/** The running user's state dir in the sandbox's mounts dir. */
function stateDir(box: Sandbox): string {
  return `${box.mounts}/.terok-vault-${Deno.uid()}`;
}

const NO_BOUNDS = { binarySkipped: 0, limitsHit: [] };

/** A clock that runs `act` on its first look, then says every path has long been quiet. */
function actingClock(act: () => void): Clock & { readonly looks: number } {
  let looks = 0;
  return {
    get looks() {
      return looks;
    },
    now: () => {
      if (looks++ === 0) act();
      return Date.now() + 10_000;
    },
    sleep: () => {},
  };
}

/** `mkfifo` from inside a synchronous clock look. */
function mkfifoSync(path: string): void {
  const { code } = new Deno.Command("mkfifo", { args: [path] }).outputSync();
  if (code !== 0) throw new Error(`mkfifo '${path}' failed`);
}

Deno.test("scanMounts() deep without a usable private dir, with unsafeOpenByName, reads each file the careful way, writing nothing through it", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  await put(`${box.mounts}/_h/a.txt`, `t=${token}\n`);
  await put(`${box.mounts}/_h/d/b.txt`, `t=${token}\n`);
  // A private dir name that is a symlink to the host: no link may be made through it.
  await Deno.symlink(box.outside, stateDir(box));
  const report = await scanMounts(box.mounts, [], {
    clock: jumpingClock(),
    deep: true,
    unsafeOpenByName: true,
  });
  assertNoSecretLeak(JSON.stringify(report), [token]);
  assert.deepEqual(report.findings?.map((f) => [f.provider, f.path, f.evidence.length]), [
    [null, `${box.mounts}/_h/a.txt`, 1],
    [null, `${box.mounts}/_h/d/b.txt`, 1],
  ]);
  assert.deepEqual(report.deep, {
    ...NO_BOUNDS,
    files: 2,
    bytes: 2 * `t=${token}\n`.length,
    symlinks: 0,
    special: 0,
    unread: [],
  });
  assert.deepEqual([...Deno.readDirSync(box.outside)], []);
});

Deno.test("scanMounts() deep leaves a directory's files unread when a directory above keeps changing", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  await put(`${box.mounts}/_h/d/a.txt`, `t=${token}\n`);
  await put(`${box.mounts}/_h/d/b.txt`, `t=${token}\n`);
  await put(`${box.mounts}/_h/x`, "");
  // Every look at the clock comes right after a rename in _h: the path is never quiet.
  let looks = 0;
  const clock: Clock = {
    now: () => {
      const [from, to] = looks++ % 2 === 0 ? ["x", "y"] : ["y", "x"];
      Deno.renameSync(`${box.mounts}/_h/${from}`, `${box.mounts}/_h/${to}`);
      return Date.now();
    },
    sleep: () => {},
  };
  const report = await scanMounts(box.mounts, [], { clock, deep: true });
  assert.equal(looks, 2);
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.deep, {
    ...NO_BOUNDS,
    files: 1, // _h/x, read before the walk went down into d
    bytes: 0,
    symlinks: 0,
    special: 0,
    unread: [{
      path: `${box.mounts}/_h/d`,
      reason: "a directory on the way keeps changing, so a container may be swapping it; " +
        "its files not read",
    }],
  });
});

Deno.test("scanMounts() deep: entries swapped after listing are judged by what they became, nothing outside read", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  const d = `${box.mounts}/_h/d`;
  for (const name of ["a.txt", "b.txt", "c/x.txt", "e/x.txt"]) await put(`${d}/${name}`, "plain\n");
  mkfifoSync(`${d}/f.fifo`);
  await put(`${box.outside}/victim/v.txt`, `t=${token}\n`);
  const clock = actingClock(() => {
    Deno.removeSync(`${d}/f.fifo`); // listed as something else, gone when looked at: not counted
    // Listed as files and directories; now a FIFO, symlinks to the host, and a file.
    Deno.removeSync(`${d}/a.txt`);
    mkfifoSync(`${d}/a.txt`);
    Deno.removeSync(`${d}/b.txt`);
    Deno.symlinkSync(`${box.outside}/victim/v.txt`, `${d}/b.txt`);
    Deno.removeSync(`${d}/c`, { recursive: true });
    Deno.symlinkSync(`${box.outside}/victim`, `${d}/c`);
    Deno.removeSync(`${d}/e`, { recursive: true });
    Deno.writeTextFileSync(`${d}/e`, "plain\n");
  });
  const atimeBefore = (await Deno.stat(`${box.outside}/victim/v.txt`)).atime;
  const report = await scanMounts(box.mounts, [], { clock, deep: true });
  assert.equal(clock.looks, 1);
  assertNoSecretLeak(JSON.stringify(report), [token]);
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.deep, {
    ...NO_BOUNDS,
    files: 0,
    bytes: 0,
    symlinks: 1,
    special: 1,
    unread: [
      { path: `${d}/c`, reason: "a directory on the path is a symlink" },
      { path: `${d}/e`, reason: `'${d}/e' is not a directory` },
    ],
  });
  assert.deepEqual((await Deno.stat(`${box.outside}/victim/v.txt`)).atime, atimeBefore);
});

Deno.test("scanMounts() deep without a private dir judges by lstat: a file gone or turned into a FIFO is not read", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  const d = `${box.mounts}/_h/d`;
  for (const name of ["a.txt", "b.txt", "c.txt"]) await put(`${d}/${name}`, `t=${token}\n`);
  await Deno.writeTextFile(stateDir(box), ""); // unusable: a file
  // Without the option nothing is read: the whole walk is unread for that one reason.
  const refused = await scanMounts(box.mounts, [], { clock: actingClock(() => {}), deep: true });
  assert.deepEqual([refused.findings, refused.deep?.files], [[], 0]);
  assert.deepEqual(refused.deep?.unread, [{
    path: box.mounts,
    reason: `not read: no private link could be made for its files ('${stateDir(box)}' is ` +
      "not a directory); opening by name in the mount is not open-safe " +
      "(--unsafe-open-by-name allows it)",
  }]);
  const clock = actingClock(() => {
    Deno.removeSync(`${d}/a.txt`);
    Deno.removeSync(`${d}/b.txt`);
    mkfifoSync(`${d}/b.txt`);
  });
  const report = await scanMounts(box.mounts, [], { clock, deep: true, unsafeOpenByName: true });
  assertNoSecretLeak(JSON.stringify(report), [token]);
  assert.deepEqual(report.findings?.map((f) => f.path), [`${d}/c.txt`]);
  // Each file opened by name is reported, under its host dir (no roster entry names it).
  assert.deepEqual(report.observations, [{
    provider: "_h",
    kind: "open_unsafe",
    path: `${d}/c.txt`,
    detail: "opened by its name in the mount, not through a private link " +
      `('${stateDir(box)}' is not a directory); --unsafe-open-by-name allowed it`,
  }]);
  assert.deepEqual(report.deep, {
    ...NO_BOUNDS,
    files: 1,
    bytes: `t=${token}\n`.length,
    symlinks: 0,
    special: 0,
    unread: [],
  });
});

Deno.test("scanMounts() deep re-reads a batch the careful way when the path changed while it was linked", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  const d = `${box.mounts}/_h/d`;
  await Deno.mkdir(d, { recursive: true });
  // 520 files: the progress call at the 500th falls inside the eighth batch of 64, so the
  // rename it makes in _h is seen by the check before the last batch (8 files) is read.
  for (let i = 0; i < 520; i++) {
    await Deno.writeTextFile(`${d}/f${String(i).padStart(3, "0")}.txt`, "plain\n");
  }
  await Deno.writeTextFile(`${d}/f519.txt`, `t=${token}\n`);
  await Deno.writeTextFile(`${box.mounts}/_h/x`, "");
  const clock = jumpingClock();
  const progress: number[] = [];
  const report = await scanMounts(box.mounts, [], {
    clock,
    deep: {
      onProgress: (stats) => {
        progress.push(stats.files);
        Deno.renameSync(`${box.mounts}/_h/x`, `${box.mounts}/_h/y`);
      },
    },
  });
  assert.deepEqual(progress, [500]);
  // The careful way waits once for the renamed _h to be quiet again, then reads the rest.
  assert.equal(clock.slept.length, 1);
  assertNoSecretLeak(JSON.stringify(report), [token]);
  assert.deepEqual(report.findings?.map((f) => f.path), [`${d}/f519.txt`]);
  assert.deepEqual(report.deep, {
    ...NO_BOUNDS,
    files: 520,
    bytes: 519 * "plain\n".length + `t=${token}\n`.length,
    symlinks: 0,
    special: 0,
    unread: [],
  });
});

Deno.test("scanMounts() deep reports a mounts dir gone before the walk, and walks nothing", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_n/sub/creds.json`, "{}");
  // The first look is the guard of the nested credential path, before the deep walk.
  const clock = actingClock(() => Deno.renameSync(box.mounts, `${box.base}/moved`));
  const report = await scanMounts(box.mounts, [target("n", "_n", "sub/creds.json")], {
    clock,
    deep: true,
  });
  assert.deepEqual(report.skipped, [{
    provider: "n",
    reason: `'${box.mounts}/_n' changed while being checked`,
  }]);
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.deep, {
    ...NO_BOUNDS,
    files: 0,
    bytes: 0,
    symlinks: 0,
    special: 0,
    unread: [{ path: box.mounts, reason: `no such file or directory at '${box.mounts}'` }],
  });
});

Deno.test("scanMounts() skips every provider when the mounts dir cannot be resolved", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/afile`, "");
  const report = await scanMounts(`${box.mounts}/afile/x`, [target("n", "_n", "creds.json")], {
    deep: true,
  });
  assert.deepEqual(report, {
    mountsDir: `${box.mounts}/afile/x`,
    mountsDirExists: true,
    inspected: 0,
    leaks: [],
    observations: [],
    skipped: [{ provider: "n", reason: "mounts dir: not a directory" }],
    findings: [],
    deep: {
      files: 0,
      bytes: 0,
      binarySkipped: 0,
      symlinks: 0,
      special: 0,
      limitsHit: [],
      unread: [],
    },
  });
});

Deno.test({
  name: "scanMounts() deep names a file whose open a lease holds up, by link and by name (~3 s)",
  // The abandoned opens complete once the holder lets go, after the test's last check.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using box = await makeSandbox();
    const token = fakeToken("github-token");
    const path = `${box.mounts}/_h/notes.txt`;
    await put(path, `t=${token}\n`);
    await using _lease = await holdLease(path);
    const linked = await scanMounts(box.mounts, [], { clock: jumpingClock(), deep: true });
    assert.deepEqual(linked.deep?.unread, [{
      path,
      reason: "opening it did not complete within its time (a file lease)",
    }]);
    // The private link of the abandoned open is removed all the same (and the dir with it).
    assert.equal(await exists(stateDir(box)), false);
    // Without a private dir, and with the option, the file is opened by its name.
    await Deno.writeTextFile(stateDir(box), "");
    const named = await scanMounts(box.mounts, [], {
      clock: jumpingClock(),
      deep: true,
      unsafeOpenByName: true,
    });
    assert.deepEqual(named.deep?.unread, [{
      path,
      reason: "opening it did not complete within its time (a file lease); not read",
    }]);
    for (const report of [linked, named]) {
      assert.deepEqual([report.findings, report.deep?.files], [[], 0]);
      assertNoSecretLeak(JSON.stringify(report), [token]);
    }
  },
});
