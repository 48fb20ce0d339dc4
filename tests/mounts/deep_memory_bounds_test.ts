// Copyright the terok-vault authors. MIT license.
/**
 * The deep walk's memory bounds: evidence kept in total, and a directory too large to list
 * (told by its size before it is listed). Each is a bound reached: reported, walk incomplete.
 */
import assert from "node:assert/strict";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { jumpingClock, makeSandbox, put } from "./_helpers.ts";

Deno.test("scanMounts() deep keeps at most evidenceTotal evidence items, then stops and says so", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  for (let f = 0; f < 4; f++) {
    await put(`${box.mounts}/_h/f${f}.txt`, `k=${token}\n`.repeat(3));
  }
  const report = await scanMounts(box.mounts, [], {
    clock: jumpingClock(),
    deep: { limits: { evidenceTotal: 5 } },
  });
  assert.deepEqual(report.findings?.map((finding) => finding.evidence.length), [3, 2]);
  assert.deepEqual(report.deep?.limitsHit, [{
    limit: "evidence_total",
    bound: 5,
    // The files already linked with it are still read; their evidence is dropped.
    count: 3,
    path: `${box.mounts}/_h/f1.txt`,
  }]);
  assertNoSecretLeak(JSON.stringify(report), [token]);
});

Deno.test("scanMounts() deep does not list a directory whose size is above dirSize", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  await put(`${box.mounts}/_h/small/a.txt`, `k=${token}\n`);
  for (let f = 0; f < 400; f++) await put(`${box.mounts}/_h/huge/${"n".repeat(40)}${f}`, "");
  await put(`${box.mounts}/_h/huge/z.txt`, `k=${token}\n`);
  const size = (await Deno.lstat(`${box.mounts}/_h/huge`)).size;
  const report = await scanMounts(box.mounts, [], {
    clock: jumpingClock(),
    deep: { limits: { dirSize: size - 1 } },
  });
  assert.deepEqual(report.findings?.map((finding) => finding.path), [
    `${box.mounts}/_h/small/a.txt`,
  ]);
  assert.deepEqual(report.deep?.limitsHit, [{
    limit: "dir_size",
    bound: size - 1,
    count: 1,
    path: `${box.mounts}/_h/huge`,
  }]);
  assert.equal(report.deep?.files, 1);
});

Deno.test("scanMounts() deep lists at most unreadTotal unread paths, counts the rest as the bound, and walks on", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  for (let d = 0; d < 5; d++) await put(`${box.mounts}/_h/d${d}/f.txt`, "plain\n");
  await put(`${box.mounts}/_k/z.txt`, `k=${token}\n`);
  // A clock that never moves: the directories below _h, made just now, never look quiet, so
  // each is left unread (a container can make such entries by the hundred thousand).
  const report = await scanMounts(box.mounts, [], {
    clock: { now: () => Date.now(), sleep: () => {} },
    deep: { limits: { unreadTotal: 2 } },
  });
  assert.deepEqual(report.deep?.unread.map((item) => item.path), [
    `${box.mounts}/_h/d0`,
    `${box.mounts}/_h/d1`,
  ]);
  assert.deepEqual(report.deep?.limitsHit, [{
    limit: "unread_total",
    bound: 2,
    count: 3,
    path: `${box.mounts}/_h/d2`,
  }]);
  // The walk went on to the next host dir and read it.
  assert.deepEqual(report.findings?.map((finding) => finding.path), [`${box.mounts}/_k/z.txt`]);
  assertNoSecretLeak(JSON.stringify(report), [token]);
});
