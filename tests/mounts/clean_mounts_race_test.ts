// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { REPO_ROOT } from "./_cli.ts";
import { put } from "./_helpers.ts";

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
      await put(`${victimDir}/creds.json`, VICTIM);
      const before = await Deno.lstat(`${victimDir}/creds.json`);
      const swapper = new Deno.Command("python3", {
        args: [`${REPO_ROOT}/tests/testdata/mounts/swapper.py`, mounts, victimDir, "8", "bursty"],
        stdout: "piped",
      }).spawn();
      const driver = await new Deno.Command("timeout", {
        args: [
          "-s",
          "KILL",
          "30s",
          "deno",
          "run",
          "--no-prompt",
          `--allow-read=${mounts}`,
          `--allow-write=${mounts},/proc/self/cwd`,
          `${REPO_ROOT}/tests/testdata/mounts/race_driver.ts`,
          mounts,
          "7",
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const swaps = new TextDecoder().decode((await swapper.output()).stdout).trim();
      const stdout = new TextDecoder().decode(driver.stdout);
      console.log(`swapper: ${swaps} swaps; driver: ${stdout.trim()}`);
      assert.equal(driver.code, 0, new TextDecoder().decode(driver.stderr));
      assert.ok(JSON.parse(stdout).removed > 0, "the driver never removed a real leak");
      assert.equal(await Deno.readTextFile(`${victimDir}/creds.json`), VICTIM);
      const after = await Deno.lstat(`${victimDir}/creds.json`);
      assert.equal(after.ino, before.ino);
      assert.deepEqual([...Deno.readDirSync(victimDir)].map((e) => e.name), ["creds.json"]);
    } finally {
      await Deno.remove(base, { recursive: true });
      await Deno.remove(victimDir, { recursive: true });
    }
  },
});
