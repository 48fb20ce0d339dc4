// Copyright the terok-vault authors. MIT license.
/**
 * `watch --clean` under a container that floods a host dir with 20,000 new files: the next
 * leak is still removed: watch looks at the credential paths only, so the flood costs it
 * nothing.
 */
import assert from "node:assert/strict";
import { writeRoster } from "./_cli.ts";
import { CLAUDE_PHANTOM, exists, makeSandbox, put } from "./_helpers.ts";
import {
  assertNoSecret,
  claudeCredentials,
  events,
  fakeClaudeToken,
  isEvent,
  startRosterWatch,
} from "./_watch_cli.ts";

const FLOOD = `
import os, sys
base = sys.argv[1]
os.makedirs(base, exist_ok=True)
for i in range(20000):
    with open(os.path.join(base, f"f{i}.json"), "w") as f:
        f.write("{}")
`;

Deno.test("watch --clean removes a leak written right after a flood of 20,000 files", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, {
    alpha: ["_alpha-config", "creds.json"],
    beta: ["_beta-config", "creds.json"],
  });
  await put(`${box.mounts}/_alpha-config/creds.json`, CLAUDE_PHANTOM);
  await Deno.mkdir(`${box.mounts}/_beta-config`);
  const secrets = [fakeClaudeToken("oat"), fakeClaudeToken("ort")];
  const watch = startRosterWatch(box, "--clean", "--json");
  try {
    await watch.waitFor(isEvent("rescan"));
    for (const dir of ["_alpha-config", "_beta-config/cache"]) {
      const flood = await new Deno.Command("python3", {
        args: ["-c", FLOOD, `${box.mounts}/${dir}`],
      }).output();
      assert.equal(flood.code, 0);
    }
    const leak = `${box.mounts}/_beta-config/creds.json`;
    await put(leak, claudeCredentials(secrets[0]!, secrets[1]!));
    await watch.waitFor(isEvent("removed", leak), 60_000);
    assert.equal(await exists(leak), false);
  } finally {
    assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
  }
  assert.equal(await Deno.readTextFile(`${box.mounts}/_alpha-config/creds.json`), CLAUDE_PHANTOM);
  assert.equal([...Deno.readDirSync(`${box.mounts}/_beta-config/cache`)].length, 20_000);
  // The start rescan and the one removal: the flood itself is nothing to report.
  assert.deepEqual(events(watch).map((e) => e.event), ["rescan", "removed"]);
  assert.equal(watch.stderr(), "");
  assertNoSecret(watch.stdout() + watch.stderr(), secrets);
});
