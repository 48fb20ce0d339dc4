// Copyright the terok-vault authors. MIT license.
/**
 * `watch --clean` (the real CLI, scoped permissions) while a container swaps files and
 * directories of two host dirs as fast as it can: every change is an event, so the watch
 * re-inspects constantly, and must never read, remove or print a file outside the mounts.
 */
import assert from "node:assert/strict";
import { REPO_ROOT, writeRoster } from "./_cli.ts";
import { exists, makeSandbox } from "./_helpers.ts";
import { agedFile } from "./_race.ts";
import { assertNoSecret, events, isEvent, startRosterWatch, waitUntil } from "./_watch_cli.ts";

/** Unique, obviously fake content of every file outside the mounts dir. */
const VICTIM = `VICTIM-MARKER-${crypto.randomUUID()}-FAKE-not-a-secret`;

/** The token in the leaks that swapper.py writes. */
const SWAPPER_SECRET = "FAKE-TEST-SECRET-not-real";

Deno.test({
  name: "CONCURRENT SWAPPER: watch --clean for 10 s leaves every victim intact and unread (~12 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, {
      flat: ["_flat-config", "creds.json"],
      nested: ["_nested-config", "sub/creds.json"],
    });
    const victimAtime = await agedFile(`${box.outside}/creds.json`, VICTIM);
    const victimBefore = await Deno.lstat(`${box.outside}/creds.json`);
    const watch = startRosterWatch(box, "--clean", "--json", "--interval", "2");
    let swaps = "";
    try {
      await watch.waitFor(isEvent("rescan"));
      const swapper = await new Deno.Command("python3", {
        args: [`${REPO_ROOT}/tests/testdata/mounts/swapper.py`, box.mounts, box.outside, "10"],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(swapper.code, 0, new TextDecoder().decode(swapper.stderr));
      swaps = new TextDecoder().decode(swapper.stdout).trim();
      // The leak the swapper left behind is still removed once it stops.
      await waitUntil(
        async () => !(await exists(`${box.mounts}/_flat-config/creds.json`)),
        30_000,
        "removal of the last leak",
      );
    } finally {
      assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
    }
    const all = events(watch);
    const removed = all.filter((e) => e.event === "removed").length;
    console.log(`swapper: ${swaps} swaps; watch: ${all.length} events, ${removed} removals`);
    const output = watch.stdout() + watch.stderr();
    assert.equal(output.includes(VICTIM), false, "victim content in the output");
    // The swapper's leak content never appears either (its evidence is redacted).
    assertNoSecret(output, [SWAPPER_SECRET]);
    assert.ok(removed > 0, "watch never removed a leak the swapper wrote");
    // lstat before our own read, which moves the access time.
    const victimAfter = await Deno.lstat(`${box.outside}/creds.json`);
    assert.equal(victimAfter.ino, victimBefore.ino);
    assert.equal(victimAfter.mtime?.getTime(), victimBefore.mtime?.getTime());
    assert.equal(victimAfter.atime?.getTime(), victimAtime.getTime(), "the victim file was read");
    assert.equal(await Deno.readTextFile(`${box.outside}/creds.json`), VICTIM);
    assert.deepEqual([...Deno.readDirSync(box.outside)].map((e) => e.name), ["creds.json"]);
  },
});
