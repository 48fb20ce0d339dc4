// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { jumpingClock, makeSandbox, put, target } from "./_helpers.ts";

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
