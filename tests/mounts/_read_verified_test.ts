// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { PrivateDir } from "../../src/mounts/_private_dir.ts";
import { OPEN_TIMEOUT_MS, readVerified } from "../../src/mounts/_read_verified.ts";
import { makeSandbox, mkfifo, put } from "./_helpers.ts";

/*
 * The window these tests close: the scanner lstat()s a regular file, then a container swaps
 * the name for a FIFO (or another file) before open(). We call readVerified() with the
 * identity of the file "as judged" and the name now pointing elsewhere, which is exactly the
 * state after such a swap.
 */

Deno.test({
  name: "readVerified() gives up on a FIFO swapped in, reads nothing, and closes it later",
  // The abandoned open stays pending until the test itself plays the writer.
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using box = await makeSandbox();
    await put(`${box.mounts}/judged`, "judged content");
    await mkfifo(`${box.mounts}/fifo`);
    const judged = Deno.lstatSync(`${box.mounts}/judged`);
    const started = performance.now();
    // No writer opens the FIFO: a blocking open() with no way out would hang this test.
    const result = await readVerified(`${box.mounts}/fifo`, judged, 1024);
    assert.deepEqual(result, { status: "blocked" });
    assert.ok(performance.now() - started >= OPEN_TIMEOUT_MS);
    // Unblock the abandoned open; readVerified closes the file it finally gets.
    const writer = await Deno.open(`${box.mounts}/fifo`, { write: true });
    writer.close();
    // The late open completes and is closed: no descriptor of this process is left on the FIFO
    // (listed by another process: Deno lets only -A read /proc/self).
    const fifoFds = async () => {
      const { stdout } = await new Deno.Command("ls", { args: ["-l", `/proc/${Deno.pid}/fd`] })
        .output();
      return new TextDecoder().decode(stdout).split("\n")
        .filter((line) => line.endsWith(`${box.mounts}/fifo`)).length;
    };
    let left = await fifoFds();
    for (let waited = 0; left > 0 && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await fifoFds();
    }
    assert.equal(left, 0, "the abandoned open's file was not closed");
  },
});

Deno.test("readVerified() rejects another regular file swapped in", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/judged`, "judged content");
  await put(`${box.mounts}/other`, "other content");
  const judged = Deno.lstatSync(`${box.mounts}/judged`);
  assert.deepEqual(await readVerified(`${box.mounts}/other`, judged, 1024), { status: "changed" });
});

Deno.test("readVerified() rejects a symlink to the judged file's replacement outside", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/judged`, "judged content");
  await put(`${box.outside}/victim`, "victim content");
  await Deno.symlink(`${box.outside}/victim`, `${box.mounts}/link`);
  const judged = Deno.lstatSync(`${box.mounts}/judged`);
  // Without a private directory the open follows the link; the identity check refuses what
  // it reached: nothing is read.
  assert.deepEqual(await readVerified(`${box.mounts}/link`, judged, 1024), { status: "changed" });
});

Deno.test("readVerified() with a private directory never opens a symlink swapped in", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_h/judged`, "judged content");
  await mkfifo(`${box.outside}/fifo`);
  await Deno.symlink(`${box.outside}/fifo`, `${box.mounts}/_h/link`);
  const judged = Deno.lstatSync(`${box.mounts}/_h/judged`);
  const privateDir = PrivateDir.prepare({ path: box.mounts, identity: Deno.lstatSync(box.mounts) });
  const before = Deno.cwd();
  Deno.chdir(`${box.mounts}/_h`);
  try {
    const started = performance.now();
    // The link arrives as a symlink: refused at once, never opened (an open would block 1 s).
    assert.deepEqual(await readVerified("link", judged, 1024, undefined, privateDir), {
      status: "changed",
    });
    assert.ok(performance.now() - started < OPEN_TIMEOUT_MS);
    const read = await readVerified("judged", judged, 1024, undefined, privateDir);
    assert.deepEqual(
      read.status === "ok" && [new TextDecoder().decode(read.bytes), read.openedInMount],
      [
        "judged content",
        undefined,
      ],
    );
    // Only the run's lock is left in its private directory; close() removes it all.
    assert.deepEqual([...Deno.readDirSync(privateDir.path!)].map((entry) => entry.name), ["lock"]);
    privateDir.close();
    assert.deepEqual([...Deno.readDirSync(box.mounts)].map((entry) => entry.name), ["_h"]);
  } finally {
    Deno.chdir(before);
  }
});

Deno.test("readVerified() reads the judged file up to the bound plus one byte", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/judged`, "0123456789");
  const judged = Deno.lstatSync(`${box.mounts}/judged`);
  const whole = await readVerified(`${box.mounts}/judged`, judged, 10);
  assert.equal(whole.status, "ok");
  if (whole.status === "ok") {
    assert.equal(new TextDecoder().decode(whole.bytes), "0123456789");
    assert.equal(whole.overBound, false);
  }
  const cut = await readVerified(`${box.mounts}/judged`, judged, 4);
  assert.equal(cut.status, "ok");
  if (cut.status === "ok") {
    assert.equal(new TextDecoder().decode(cut.bytes), "01234");
    assert.equal(cut.overBound, true);
  }
});
