// Copyright the terok-vault authors. MIT license.
/**
 * The deep walk's reader threads (`readers` of the deep options): the report is the serial
 * walk's, byte for byte, on a tree with every kind of entry; a lease-held open is given up on
 * after its time and the rest is still read; no private link is left behind.
 */
import assert from "node:assert/strict";
import { scanMounts } from "../../src/mounts/scan_mounts.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { holdLease, jumpingClock, makeSandbox, mkfifo, put, target } from "./_helpers.ts";

/** The names in `dir`, sorted. */
function names(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();
}

/** Counts the workers started until `stop()` (the real `Worker`, wrapped). */
function countWorkers(): { count: number; stop: () => void } {
  const Real = globalThis.Worker;
  const counter = {
    count: 0,
    stop: () => {
      globalThis.Worker = Real;
    },
  };
  globalThis.Worker = class extends Real {
    constructor(specifier: string | URL, options?: WorkerOptions) {
      super(specifier, options);
      counter.count++;
    }
  };
  return counter;
}

/** A tree of nested dirs, findings, binaries, symlinks, a FIFO, a large file, a cut file. */
async function writeTree(mounts: string): Promise<string[]> {
  const tokens = [fakeToken("github-token"), fakeToken("anthropic-api-key")];
  for (let d = 0; d < 6; d++) {
    for (let f = 0; f < 90; f++) {
      const dir = `${mounts}/_h${d % 3}/s${d}/t${f % 4}`;
      const text = f % 17 === 0 ? `k=${tokens[f % 2]}\n` : `line ${d} ${f}\n`.repeat(f);
      await put(`${dir}/f${f}.txt`, text);
    }
  }
  await Deno.writeFile(`${mounts}/_h0/s0/bin.dat`, new Uint8Array(4096));
  await Deno.symlink("/etc/hostname", `${mounts}/_h1/s1/link`);
  await mkfifo(`${mounts}/_h2/s2/fifo`);
  // Read in chunks (above the readers' size), with a token past the first MiB.
  await put(`${mounts}/_h0/s3/big.log`, "x ".repeat(700_000) + `k=${tokens[0]}\n`);
  // Cut at the per-file bound below.
  await put(`${mounts}/_h1/s4/cut.txt`, "y".repeat(3_000_000));
  return tokens;
}

Deno.test("scanMounts() deep with reader threads reports exactly what the serial walk reports", async () => {
  await using box = await makeSandbox();
  const tokens = await writeTree(box.mounts);
  const targets = [target("p0", "_h0", "creds.json")];
  const json = async (readers: number) =>
    JSON.stringify(
      await scanMounts(box.mounts, targets, {
        clock: jumpingClock(),
        deep: { readers, limits: { bytesPerFile: 2_000_000 } },
      }),
    );
  const serial = await json(0);
  const report = JSON.parse(serial);
  assert.equal(report.deep.files, 6 * 90 + 3);
  assert.equal(report.findings.length, 6 * 6 + 1);
  assert.deepEqual([report.deep.symlinks, report.deep.special, report.deep.binarySkipped], [
    1,
    1,
    1,
  ]);
  assert.deepEqual(report.deep.limitsHit.map((hit: { limit: string }) => hit.limit), [
    "bytes_per_file",
  ]);
  for (const readers of [1, 2]) {
    // The readers do run (counted as they start), and change nothing in the report.
    const started = countWorkers();
    try {
      assert.equal(await json(readers), serial, `readers: ${readers}`);
    } finally {
      started.stop();
    }
    assert.equal(started.count, readers);
  }
  assertNoSecretLeak(serial, tokens);
  // No private link left: the private directory is gone again.
  assert.deepEqual(names(box.mounts), ["_h0", "_h1", "_h2"]);
});

Deno.test("scanMounts() deep with reader threads keeps the serial order when the total bound is near", async () => {
  await using box = await makeSandbox();
  await writeTree(box.mounts);
  const json = async (readers: number) =>
    JSON.stringify(
      await scanMounts(box.mounts, [], {
        clock: jumpingClock(),
        deep: { readers, limits: { bytesPerFile: 100_000, bytesTotal: 250_000 } },
      }),
    );
  const serial = await json(0);
  assert.deepEqual(
    JSON.parse(serial).deep.limitsHit.map((hit: { limit: string }) => hit.limit).sort(),
    ["bytes_per_file", "bytes_total"],
  );
  assert.equal(await json(1), serial);
});

Deno.test({
  name:
    "scanMounts() deep with a reader thread gives up on a lease-held open and reads the rest (~3 s)",
  // The abandoned open completes once the holder lets go, after the test's last check.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using box = await makeSandbox();
    const token = fakeToken("github-token");
    const held = `${box.mounts}/_h/a/held.txt`;
    await put(held, `t=${token}\n`);
    for (let i = 0; i < 5; i++) await put(`${box.mounts}/_h/a/n${i}.txt`, `k=${token}\n`);
    await using _lease = await holdLease(held);
    const report = await scanMounts(box.mounts, [], {
      clock: jumpingClock(),
      deep: { readers: 1 },
    });
    assert.deepEqual(report.deep?.unread, [{
      path: held,
      reason: "opening it did not complete within its time (a file lease)",
    }]);
    assert.deepEqual(
      report.findings?.map((finding) => finding.path),
      [0, 1, 2, 3, 4].map((i) => `${box.mounts}/_h/a/n${i}.txt`),
    );
    assert.equal(report.deep?.files, 5);
    assert.deepEqual(names(box.mounts), ["_h"]);
    assertNoSecretLeak(JSON.stringify(report), [token]);
  },
});

Deno.test("scanMounts() deep with reader threads opens no name when no private link can be made (unless unsafeOpenByName)", async () => {
  await using box = await makeSandbox();
  const token = fakeToken("github-token");
  await put(`${box.mounts}/_h/a.txt`, `t=${token}\n`);
  await put(`${box.mounts}/_h/d/b.txt`, `t=${token}\n`);
  // The private dir's name is a symlink to the host: no link may be made through it.
  const state = `${box.mounts}/.terok-vault-${Deno.uid()}`;
  await Deno.symlink(box.outside, state);
  const refused = await scanMounts(box.mounts, [], {
    clock: jumpingClock(),
    deep: { readers: 1 },
  });
  assert.deepEqual([refused.findings, refused.deep?.files, refused.observations], [[], 0, []]);
  assert.deepEqual(refused.deep?.unread, [{
    path: box.mounts,
    reason: `not read: no private link could be made for its files ('${state}' is not a ` +
      "directory); opening by name in the mount is not open-safe (--unsafe-open-by-name allows it)",
  }]);
  // With the option, each file is opened by its name on the walking thread, and reported.
  const named = await scanMounts(box.mounts, [], {
    clock: jumpingClock(),
    deep: { readers: 1 },
    unsafeOpenByName: true,
  });
  assert.deepEqual(named.findings?.map((finding) => finding.path), [
    `${box.mounts}/_h/a.txt`,
    `${box.mounts}/_h/d/b.txt`,
  ]);
  assert.deepEqual(
    named.observations.map((seen) => [seen.kind, seen.path]),
    [["open_unsafe", `${box.mounts}/_h/a.txt`], ["open_unsafe", `${box.mounts}/_h/d/b.txt`]],
  );
  assert.deepEqual([...Deno.readDirSync(box.outside)], []);
  assertNoSecretLeak(JSON.stringify([refused, named]), [token]);
});
