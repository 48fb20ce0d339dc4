// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { agedFile, race } from "./_race.ts";

const VICTIM = `VICTIM-MARKER-${crypto.randomUUID()}-FAKE-not-a-secret`;
Deno.test({
  name: "CONCURRENT SWAPPER (in-process, scoped permissions): scan never reads a victim (~10 s)",
  async fn() {
    const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-race-" }));
    const victimDir = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-victim-" }));
    try {
      const control = `${base}/control`;
      const controlAtime = await agedFile(control, "control");
      await Deno.readTextFile(control);
      assert.notEqual(
        (await Deno.lstat(control)).atime?.getTime(),
        controlAtime.getTime(),
        "reading does not move atime here (noatime mount?), so this test could not see a read",
      );

      const mounts = `${base}/mounts`;
      await Deno.mkdir(mounts);
      const victim = `${victimDir}/creds.json`;
      const victimAtime = await agedFile(victim, VICTIM);
      const { swaps, driverCode, stdout, stderr } = await race(mounts, victimDir, "scan", 10);
      console.log(`swapper: ${swaps} swaps; driver: ${stdout.trim()}`);
      assert.equal(driverCode, 0, stderr);
      assert.ok(!stdout.includes(VICTIM));
      const counts = JSON.parse(stdout);
      assert.ok(counts.nestedLeaks > 0, "the nested leak was never read in a quiet spell");
      const after = await Deno.lstat(victim);
      assert.equal(after.atime?.getTime(), victimAtime.getTime(), "the victim file was read");
      assert.equal(await Deno.readTextFile(victim), VICTIM);
    } finally {
      await Deno.remove(base, { recursive: true });
      await Deno.remove(victimDir, { recursive: true });
    }
  },
});
