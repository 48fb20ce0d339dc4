// Copyright the terok-vault authors. MIT license.
/**
 * `watch --clean` (the real CLI, scoped permissions) while a container holds a write lease on
 * its own credential file and touches it at every poll, so that watch opens it again and again
 * and every open waits for the lease: a leak in another provider's host dir is still removed
 * within 1 s, since a held-up open holds up only its own lane.
 */
import assert from "node:assert/strict";
import { writeRoster } from "./_cli.ts";
import { CLAUDE_PHANTOM, exists, holdLease, makeSandbox, put } from "./_helpers.ts";
import {
  assertNoSecret,
  claudeCredentials,
  events,
  fakeClaudeToken,
  isEvent,
  startRosterWatch,
} from "./_watch_cli.ts";

const TRIALS = 5;

Deno.test({
  name:
    "watch --clean removes other leaks within 1 s while a leased file is touched each poll (~12 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, {
      alpha: ["_alpha-config", "creds.json"],
      beta: ["_beta-config", "creds.json"],
    });
    const leased = `${box.mounts}/_alpha-config/creds.json`;
    await put(leased, CLAUDE_PHANTOM);
    await Deno.mkdir(`${box.mounts}/_beta-config`);
    const leak = `${box.mounts}/_beta-config/creds.json`;
    const secrets: string[] = [];
    const delays: number[] = [];
    const watch = startRosterWatch(box, "--clean", "--json");
    try {
      await watch.waitFor(isEvent("rescan"));
      const lease = await holdLease(leased);
      // The container renews its hold at every poll: a touch makes the path due again.
      let touching = true;
      const toucher = (async () => {
        while (touching) {
          const now = new Date();
          await Deno.utime(leased, now, now);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      })();
      try {
        // watch is now opening the leased file, and waiting.
        await new Promise((resolve) => setTimeout(resolve, 1500));
        for (let trial = 0; trial < TRIALS; trial++) {
          const tokens = [fakeClaudeToken("oat"), fakeClaudeToken("ort")];
          secrets.push(...tokens);
          const writtenAt = Date.now();
          await put(leak, claudeCredentials(tokens[0]!, tokens[1]!));
          const seen = watch.lines.length;
          const line = await watch.waitFor(
            (l) => watch.lines.indexOf(l) >= seen && isEvent("removed", leak)(l),
            15_000,
          );
          delays.push(Date.parse(JSON.parse(line).time) - writtenAt);
          assert.equal(await exists(leak), false);
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
        const skips = events(watch).filter((e) => e.event === "skipped");
        // The leased file was tried while the lease held, and said so.
        assert.ok(skips.some((e) => e.provider === "alpha"), watch.stdout());
      } finally {
        touching = false;
        await toucher;
        await lease[Symbol.asyncDispose]();
      }
    } finally {
      assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
    }
    console.log(`removal after the write, ms: ${delays.join(", ")}`);
    // Within 1 s (about 0.1 s alone here; before lanes, 5 to 6 s each). Under a loaded full
    // suite one trial took 1.3 s once, so the bar is on the median, and no trial may take as
    // long as one held-up inspection of the leased file (three attempts of 1 s).
    const sorted = [...delays].sort((a, b) => a - b);
    assert.ok(sorted[Math.floor(TRIALS / 2)]! <= 1000, `median removal over 1 s: ${delays}`);
    for (const delay of delays) assert.ok(delay < 3000, `a removal took ${delay} ms`);
    assert.equal(events(watch).filter((e) => e.event === "removed").length, TRIALS);
    assert.equal(await Deno.readTextFile(leased), CLAUDE_PHANTOM);
    assertNoSecret(watch.stdout() + watch.stderr(), secrets);
  },
});
