// Copyright the terok-vault authors. MIT license.
/**
 * Inspections take turns with the working directory; one whose open a file lease holds up
 * steps away meanwhile, and pins its directory again (by identity) before it goes on.
 */
import assert from "node:assert/strict";
import { awayFromCwd, cwdTurn, holdCwd } from "../../src/mounts/_cwd_lock.ts";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import { fakeLeak, holdLease, makeSandbox, put, target } from "./_helpers.ts";

Deno.test("holdCwd() gives turns in order; awayFromCwd() lets the next one run meanwhile", async () => {
  const order: string[] = [];
  let wake!: () => void;
  const lease = new Promise<void>((resolve) => wake = resolve);
  const first = holdCwd(async () => {
    order.push("first");
    const turn = cwdTurn();
    await awayFromCwd(lease);
    order.push(cwdTurn() === turn ? "first again, nobody else" : "first again, after another");
  });
  const second = holdCwd(async () => {
    order.push("second");
    await Promise.resolve();
    order.push("second done");
    wake();
  });
  const third = holdCwd(() => Promise.resolve(void order.push("third")));
  await Promise.all([first, second, third]);
  assert.deepEqual(order, [
    "first",
    "second",
    "second done",
    "third",
    "first again, after another",
  ]);
  // Outside a turn it only waits.
  assert.equal(await awayFromCwd(Promise.resolve(7)), 7);
});

Deno.test({
  name: "a scan whose open waits for a lease lets another scan finish first (~3 s)",
  // The abandoned opens complete once the holder lets go, after the test's last check.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using box = await makeSandbox();
    const leased = `${box.mounts}/_h/creds.json`;
    await put(leased, fakeLeak("h"));
    await put(`${box.mounts}/_g/creds.json`, fakeLeak("g"));
    await using _lease = await holdLease(leased);
    const finished: string[] = [];
    const slow = scanMounts(box.mounts, [target("h", "_h", "creds.json")]).then((report) => {
      finished.push("h");
      return report;
    });
    // Queued behind the leased scan, yet done while it waits.
    const fast = scanMounts(box.mounts, [target("g", "_g", "creds.json")]).then((report) => {
      finished.push("g");
      return report;
    });
    const [hReport, gReport] = await Promise.all([slow, fast]);
    assert.deepEqual(finished, ["g", "h"]);
    assert.deepEqual(gReport.leaks.map((l) => l.path), [`${box.mounts}/_g/creds.json`]);
    assert.deepEqual(hReport.leaks, []);
    assert.equal(hReport.skipped.length, 1);
    assert.match(hReport.skipped[0]!.reason, /did not complete within 1000 ms/);
  },
});

Deno.test({
  name: "a read that stepped away fails closed when its directory was replaced meanwhile (~1 s)",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using box = await makeSandbox();
    const leased = `${box.mounts}/_h/creds.json`;
    await put(leased, fakeLeak("h"));
    await put(`${box.mounts}/_g/creds.json`, fakeLeak("g"));
    await using _lease = await holdLease(leased);
    const slow = scanMounts(box.mounts, [target("h", "_h", "creds.json")]);
    // While the leased read waits, its directory is swapped for another one.
    const swap = holdCwd(async () => {
      await Deno.rename(`${box.mounts}/_h`, `${box.mounts}/_h-old`);
      await Deno.mkdir(`${box.mounts}/_h`);
      await put(`${box.mounts}/_h/creds.json`, "{}");
    });
    await swap;
    const report = await slow;
    assert.deepEqual(report.leaks, []);
    assert.deepEqual(report.skipped, [{
      provider: "h",
      reason: "credential path escapes the mounts dir (a directory on the path changed while " +
        "its file was being opened)",
    }]);
    assert.equal(report.observations[0]?.kind, "escape");
  },
});
