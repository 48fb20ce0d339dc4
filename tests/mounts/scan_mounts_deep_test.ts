// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import { type Clock, DEEP_LIMITS, type DeepLimits } from "../../src/mounts/types.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { jumpingClock, makeSandbox, put, type Sandbox, target } from "./_helpers.ts";

Deno.test("scanMounts() with deep.hostDirs walks only those host dirs and attributes findings", async () => {
  await using box = await makeSandbox();
  const inA = fakeToken("github-token");
  const inB = fakeToken("gitlab-token");
  await put(`${box.mounts}/_a-config/notes/todo.md`, `use ${inA}\n`);
  await put(`${box.mounts}/_b-config/log.txt`, `token=${inB}\n`);
  const report = await scanMounts(box.mounts, [target("a", "_a-config", "auth.json")], {
    clock: jumpingClock(),
    deep: { hostDirs: ["_a-config"], providers: { "_b-config": "b" } },
  });
  assertNoSecretLeak(JSON.stringify(report), [inA, inB]);
  assert.deepEqual(report.leaks, []);
  assert.deepEqual(
    report.findings?.map((f) => [f.provider, f.path, f.evidence.map((e) => e.rule)]),
    [["a", `${box.mounts}/_a-config/notes/todo.md`, ["github-token"]]],
  );
  assert.deepEqual(report.deep, {
    files: 1,
    bytes: `use ${inA}\n`.length,
    binarySkipped: 0,
    symlinks: 0,
    special: 0,
    limitsHit: [],
    unread: [],
  });
  const other = await scanMounts(box.mounts, [], {
    clock: jumpingClock(),
    deep: { hostDirs: ["_b-config"], providers: { "_b-config": "b" } },
  });
  assert.deepEqual(other.findings?.map((f) => [f.provider, f.path]), [
    ["b", `${box.mounts}/_b-config/log.txt`],
  ]);
});

Deno.test("scanMounts() without deep reports no findings and no deep stats", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_a-config/notes.md`, `use ${fakeToken("github-token")}\n`);
  const report = await scanMounts(box.mounts, [], { clock: jumpingClock() });
  assert.equal("findings" in report, false);
  assert.equal("deep" in report, false);
});

/** Four files of ten bytes: three in a host dir, one a level below. */
async function tenByteFiles(mounts: string): Promise<void> {
  for (const name of ["a.txt", "b.txt", "c.txt", "d/e.txt"]) {
    await put(`${mounts}/_h/${name}`, "0123456789");
  }
}

/** The deep stats of a scan of `mounts` with these limits. */
async function deepStats(mounts: string, limits: Partial<DeepLimits>) {
  const report = await scanMounts(mounts, [], { clock: jumpingClock(), deep: { limits } });
  return report.deep;
}

const NOTHING_ELSE = { binarySkipped: 0, symlinks: 0, special: 0, unread: [] };

Deno.test("scanMounts() stops the whole walk at the total-entries bound and says where", async () => {
  await using box = await makeSandbox();
  await tenByteFiles(box.mounts);
  await put(`${box.mounts}/_z/z.txt`, "0123456789"); // a host dir the stopped walk never enters
  // Entries counted: _h, a.txt, b.txt; c.txt is the fourth.
  assert.deepEqual(await deepStats(box.mounts, { entriesTotal: 3 }), {
    ...NOTHING_ELSE,
    files: 2,
    bytes: 20,
    limitsHit: [{ limit: "entries_total", bound: 3, count: 1, path: `${box.mounts}/_h` }],
  });
});

Deno.test("scanMounts() stops at the total-bytes bound inside a file, and at a file after it", async () => {
  await using box = await makeSandbox();
  await tenByteFiles(box.mounts);
  // Inside b.txt: five of its bytes are read; c.txt, already opened, is not read at all.
  assert.deepEqual(await deepStats(box.mounts, { bytesTotal: 15 }), {
    ...NOTHING_ELSE,
    files: 2,
    bytes: 15,
    limitsHit: [{ limit: "bytes_total", bound: 15, count: 2, path: `${box.mounts}/_h/b.txt` }],
  });
  // Exactly at the end of b.txt: c.txt finds no bytes left.
  assert.deepEqual(await deepStats(box.mounts, { bytesTotal: 20 }), {
    ...NOTHING_ELSE,
    files: 2,
    bytes: 20,
    limitsHit: [{ limit: "bytes_total", bound: 20, count: 1, path: `${box.mounts}/_h/c.txt` }],
  });
});

Deno.test("scanMounts() takes each bound it is given; DEEP_LIMITS holds the defaults the CLI uses", async () => {
  await using box = await makeSandbox();
  await tenByteFiles(box.mounts);
  assert.deepEqual(await deepStats(box.mounts, { bytesPerFile: 4 }), {
    ...NOTHING_ELSE,
    files: 4,
    bytes: 16,
    limitsHit: [{ limit: "bytes_per_file", bound: 4, count: 4, path: `${box.mounts}/_h/a.txt` }],
  });
  assert.deepEqual(await deepStats(box.mounts, { depth: 1 }), {
    ...NOTHING_ELSE,
    files: 3,
    bytes: 30,
    limitsHit: [{ limit: "depth", bound: 1, count: 1, path: `${box.mounts}/_h/d` }],
  });
  assert.deepEqual(await deepStats(box.mounts, { entriesPerDir: 2 }), {
    ...NOTHING_ELSE,
    files: 2,
    bytes: 20,
    limitsHit: [{ limit: "entries_per_dir", bound: 2, count: 1, path: `${box.mounts}/_h` }],
  });
  assert.deepEqual(DEEP_LIMITS, {
    depth: 32,
    entriesPerDir: 20_000,
    entriesTotal: 500_000,
    bytesPerFile: 16 * 1024 * 1024,
    bytesTotal: 2 * 1024 * 1024 * 1024,
    evidenceTotal: 10_000,
    dirSize: 3 * 1024 * 1024,
    unreadTotal: 1_000,
  });
});

/**
 * A clock that, on its first look, moves the mounts dir away and puts another in its place
 * holding a token: what a walk that followed the name instead of the pinned directory would read.
 */
function swappingClock(box: Sandbox, planted: string): Clock {
  let swapped = false;
  return {
    now: () => {
      if (!swapped) {
        swapped = true;
        Deno.renameSync(box.mounts, `${box.base}/moved`);
        Deno.mkdirSync(`${box.mounts}/_z`, { recursive: true });
        Deno.writeTextFileSync(`${box.mounts}/_z/planted.txt`, `token=${planted}\n`);
        Deno.mkdirSync(`${box.mounts}/_h/d`, { recursive: true });
        Deno.writeTextFileSync(`${box.mounts}/_h/d/planted.txt`, `token=${planted}\n`);
      }
      return Date.now() + 10_000; // every path long quiet
    },
    sleep: () => {},
  };
}

Deno.test("scanMounts() deep: the mounts dir swapped mid-walk ends the walk, unread, nothing of the new one read", async () => {
  await using box = await makeSandbox();
  await tenByteFiles(box.mounts);
  const planted = fakeToken("github-token");
  // The first clock look is the guard of _h/d (the first directory below a host dir).
  const report = await scanMounts(box.mounts, [], {
    clock: swappingClock(box, planted),
    deep: true,
  });
  assertNoSecretLeak(JSON.stringify(report), [planted]);
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.deep, {
    files: 3,
    bytes: 30,
    binarySkipped: 0,
    symlinks: 0,
    special: 0,
    limitsHit: [],
    unread: [
      { path: `${box.mounts}/_h/d`, reason: `'${box.mounts}/_h' changed while being checked` },
      {
        path: `${box.mounts}/_h`,
        reason: "the directory changed during the deep scan; the rest of it not read",
      },
      {
        path: box.mounts,
        reason: "the directory changed during the deep scan; the rest of it not read",
      },
    ],
  });
});

Deno.test("scanMounts() deep: the mounts dir swapped before the walk begins is reported, not walked", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_n-config/sub/creds.json`, "{}");
  const planted = fakeToken("github-token");
  // The first clock look is the guard of the nested credential path, before the deep walk.
  const report = await scanMounts(box.mounts, [target("n", "_n-config", "sub/creds.json")], {
    clock: swappingClock(box, planted),
    deep: true,
  });
  assertNoSecretLeak(JSON.stringify(report), [planted]);
  assert.deepEqual(report.findings, []);
  assert.deepEqual(report.deep?.unread, [{
    path: box.mounts,
    reason: `the mounts dir '${box.mounts}' changed during the scan`,
  }]);
  assert.deepEqual(report.skipped, [{
    provider: "n",
    reason: `'${box.mounts}/_n-config' changed while being checked`,
  }]);
});
