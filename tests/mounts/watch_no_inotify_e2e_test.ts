// Copyright the terok-vault authors. MIT license.
/**
 * A container can exhaust the kernel's inotify watches (100,000 directories). `watch` uses
 * none: with the limit at 0 in a fresh user namespace (`unshare -U -r`, where the limit is the
 * namespace's own) and hundreds of new directories, it still removes a leak promptly and has
 * nothing to report but that. Where unshare is refused, the test is skipped.
 */
import assert from "node:assert/strict";
import { writeRoster } from "./_cli.ts";
import { exists, makeSandbox } from "./_helpers.ts";
import {
  assertNoSecret,
  claudeCredentials,
  events,
  fakeClaudeToken,
  isEvent,
  startWatch,
} from "./_watch_cli.ts";

const NO_WATCHES = "echo 0 > /proc/sys/user/max_inotify_watches && " +
  "echo 0 > /proc/sys/user/max_inotify_instances";

function unshareWorks(): boolean {
  try {
    const probe = new Deno.Command("unshare", {
      args: ["-U", "-r", "sh", "-c", NO_WATCHES],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return probe.code === 0;
  } catch {
    return false;
  }
}

Deno.test({
  name: "watch needs no inotify watches: with none left it still removes a leak",
  ignore: !unshareWorks(),
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
    await Deno.mkdir(`${box.mounts}/_alpha-config`);
    const secrets = [fakeClaudeToken("oat"), fakeClaudeToken("ort")];
    const wrapper = ["unshare", "-U", "-r", "sh", "-c", `${NO_WATCHES} && exec "$@"`, "sh"];
    const args = ["--mounts-dir", box.mounts, "--roster", `${box.base}/roster`, "--no-user"];
    const watch = startWatch([...args, "--clean", "--json"], wrapper);
    try {
      await watch.waitFor(isEvent("rescan"));
      for (let i = 0; i < 500; i++) {
        await Deno.mkdir(`${box.mounts}/_alpha-config/d${i}/sub`, { recursive: true });
      }
      const leak = `${box.mounts}/_alpha-config/creds.json`;
      await Deno.writeTextFile(leak, claudeCredentials(secrets[0]!, secrets[1]!));
      await watch.waitFor(isEvent("removed", leak));
      assert.equal(await exists(leak), false);
    } finally {
      assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
    }
    assert.deepEqual(events(watch).map((e) => e.event), ["rescan", "removed"]);
    assert.equal(watch.stderr(), "");
    assertNoSecret(watch.stdout() + watch.stderr(), secrets);
  },
});
