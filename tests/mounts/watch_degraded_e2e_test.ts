// Copyright the terok-vault authors. MIT license.
/**
 * `watch` when the kernel runs out of inotify watches (a container can create 100,000
 * directories): it says so once and falls back to periodic full rescans, which still remove a
 * leak. The limit is lowered in a fresh user namespace (`unshare -U -r`), where it is the
 * namespace's own; where unshare is refused, the test is skipped with a note.
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

const WATCH_LIMIT = 6;

function unshareWorks(): boolean {
  try {
    const probe = new Deno.Command("unshare", {
      args: ["-U", "-r", "sh", "-c", `echo ${WATCH_LIMIT} > /proc/sys/user/max_inotify_watches`],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    return probe.code === 0;
  } catch {
    return false;
  }
}

const canUnshare = unshareWorks();

Deno.test({
  name: "watch falls back to interval rescans when inotify watches run out, and says so once",
  ignore: !canUnshare,
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
    await Deno.mkdir(`${box.mounts}/_alpha-config`);
    const secrets = [fakeClaudeToken("oat"), fakeClaudeToken("ort")];
    const wrapper = [
      "unshare",
      "-U",
      "-r",
      "sh",
      "-c",
      `echo ${WATCH_LIMIT} > /proc/sys/user/max_inotify_watches && exec "$@"`,
      "sh",
    ];
    const watch = startWatch([
      "--mounts-dir",
      box.mounts,
      "--roster",
      `${box.base}/roster`,
      "--no-user",
      "--clean",
      "--json",
      "--interval",
      "1",
    ], wrapper);
    try {
      await watch.waitFor(isEvent("rescan"));
      // More directories than the namespace may watch: the recursive watcher fails.
      for (let i = 0; i < 3 * WATCH_LIMIT; i++) {
        await Deno.mkdir(`${box.mounts}/_alpha-config/d${i}`);
      }
      await watch.waitFor(isEvent("watch_degraded"));
      // Everything is rescanned once at once (events may have been lost before the failure).
      await watch.waitFor((line) => line.includes('"reason":"changes"'));
      for (let i = 0; i < 3 * WATCH_LIMIT; i++) {
        await Deno.mkdir(`${box.mounts}/_alpha-config/d${i}/more`);
      }
      const leak = `${box.mounts}/_alpha-config/creds.json`;
      await Deno.writeTextFile(leak, claudeCredentials(secrets[0]!, secrets[1]!));
      await watch.waitFor(isEvent("removed", leak));
      // And the periodic rescan keeps going.
      assert.equal(await exists(leak), false);
    } finally {
      assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
    }
    // The watcher is gone: the removal came from a periodic rescan.
    const kinds = events(watch).map((e) => `${e.event}${e.reason ? `(${e.reason})` : ""}`);
    const removal = kinds.indexOf("removed");
    assert.equal(kinds[removal + 1], "rescan(interval)", kinds.join(" "));
    const degraded = events(watch).filter((e) => e.event === "watch_degraded");
    assert.equal(degraded.length, 1, watch.stdout());
    assert.match(String(degraded[0]!.reason), /^the file-system watcher failed: /);
    assert.equal(degraded[0]!.interval_seconds, 1);
    assertNoSecret(watch.stdout() + watch.stderr(), secrets);
  },
});
