// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { REPO_ROOT } from "./_cli.ts";
import { put } from "./_helpers.ts";

const VICTIM = `VICTIM-MARKER-${crypto.randomUUID()}-FAKE-not-a-secret`;
const LONG_AGO = new Date(Date.now() - 3 * 24 * 3600 * 1000);

/**
 * Reading a file moves its access time on a relatime mount when the old one is days back,
 * while open and stat do not: the victim's atime tells whether any byte of it was read.
 */
async function agedFile(path: string, content: string): Promise<Date> {
  await put(path, content);
  const { mtime } = await Deno.lstat(path);
  await Deno.utime(path, LONG_AGO, mtime ?? LONG_AGO);
  return (await Deno.lstat(path)).atime!;
}

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
      const swapper = new Deno.Command("python3", {
        args: [`${REPO_ROOT}/tests/testdata/mounts/swapper.py`, mounts, victimDir, "10", "bursty"],
        stdout: "piped",
      }).spawn();
      const driver = await new Deno.Command("timeout", {
        args: [
          "-s",
          "KILL",
          "40s",
          "deno",
          "run",
          "--no-prompt",
          `--allow-read=${mounts}`,
          `${REPO_ROOT}/tests/testdata/mounts/race_driver.ts`,
          mounts,
          "9",
          "scan",
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const swaps = new TextDecoder().decode((await swapper.output()).stdout).trim();
      const stdout = new TextDecoder().decode(driver.stdout);
      console.log(`swapper: ${swaps} swaps; driver: ${stdout.trim()}`);
      assert.equal(driver.code, 0, new TextDecoder().decode(driver.stderr));
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
