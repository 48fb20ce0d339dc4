// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { agedFile, race } from "./_race.ts";

const VICTIM = `VICTIM-MARKER-${crypto.randomUUID()}-FAKE-not-a-secret`;

/*
 * The CLI's process is too slow to start to hit the narrow windows often; this runs the
 * library in one process, tens of thousands of times, under the same scoped permissions as
 * the CLI (Deno resolves relative names differently under `-A`, so scoping matters).
 * The victim dir is outside every granted path.
 */
Deno.test({
  name: "CONCURRENT SWAPPER (in-process, scoped permissions): clean never removes a victim (~8 s)",
  async fn() {
    const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-race-" }));
    const victimDir = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-victim-" }));
    try {
      const mounts = `${base}/mounts`;
      await Deno.mkdir(mounts);
      const victimAtime = await agedFile(`${victimDir}/creds.json`, VICTIM);
      const before = await Deno.lstat(`${victimDir}/creds.json`);
      const { swaps, driverCode, stdout, stderr } = await race(mounts, victimDir, "clean", 8);
      console.log(`swapper: ${swaps} swaps; driver: ${stdout.trim()}`);
      assert.equal(driverCode, 0, stderr);
      assert.ok(JSON.parse(stdout).removed > 0, "the driver never removed a real leak");
      const after = await Deno.lstat(`${victimDir}/creds.json`);
      assert.equal(after.atime?.getTime(), victimAtime.getTime(), "the victim file was read");
      assert.equal(after.ino, before.ino);
      assert.equal(await Deno.readTextFile(`${victimDir}/creds.json`), VICTIM);
      assert.deepEqual([...Deno.readDirSync(victimDir)].map((e) => e.name), ["creds.json"]);
    } finally {
      await Deno.remove(base, { recursive: true });
      await Deno.remove(victimDir, { recursive: true });
    }
  },
});
