// Copyright the terok-vault authors. MIT license.
/**
 * `watch --clean` (the real CLI, scoped permissions) against a container that rewrites its
 * credential file in place right after watch's own read, timed off the link-count side
 * channel, keeping the size, putting the mtime back and staying in the ctime second of that
 * read: no stamp moves, yet the leak is removed within 3 s, because each credential path's
 * content is judged again every 1.5 s.
 */
import assert from "node:assert/strict";
import { REPO_ROOT, writeRoster } from "./_cli.ts";
import { CLAUDE_PHANTOM, exists, makeSandbox, put } from "./_helpers.ts";
import {
  assertNoSecret,
  claudeCredentials,
  events,
  fakeClaudeToken,
  isEvent,
  startRosterWatch,
} from "./_watch_cli.ts";

Deno.test("watch --clean removes an in-place rewrite no stamp shows within 3 s (~6 s)", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
  const secrets = [fakeClaudeToken("oat"), fakeClaudeToken("ort")];
  const leak = claudeCredentials(secrets[0]!, secrets[1]!);
  // The phantom file, padded with JSON whitespace to the leak's size.
  assert.ok(CLAUDE_PHANTOM.length < leak.length);
  const file = `${box.mounts}/_alpha-config/creds.json`;
  await put(file, CLAUDE_PHANTOM.padEnd(leak.length));
  await Deno.writeTextFile(`${box.base}/leak.json`, leak);
  // Old enough that watch's first look has nothing left to settle.
  await new Promise((resolve) => setTimeout(resolve, 1600));
  const rewriter = new Deno.Command("python3", {
    args: [
      `${REPO_ROOT}/tests/testdata/mounts/inplace_rewriter.py`,
      file,
      `${box.base}/leak.json`,
      "20",
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const watch = startRosterWatch(box, "--clean", "--json");
  let writtenAt = 0;
  try {
    const done = await rewriter.output();
    const said = new TextDecoder().decode(done.stdout).trim();
    assert.equal(done.code, 0, `${said}\n${new TextDecoder().decode(done.stderr)}`);
    assert.match(said, /^hit \d+$/);
    writtenAt = Number(said.split(" ")[1]);
    const line = await watch.waitFor(isEvent("removed", file), 10_000);
    const removedAt = Date.parse(JSON.parse(line).time);
    assert.ok(removedAt - writtenAt <= 3000, `removed ${removedAt - writtenAt} ms after the write`);
    console.log(`removed ${removedAt - writtenAt} ms after the unseen rewrite`);
  } finally {
    assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
  }
  assert.equal(await exists(file), false);
  const removed = events(watch).filter((e) => e.event === "removed");
  assert.equal(removed.length, 1);
  assert.equal(watch.stderr(), "");
  assertNoSecret(watch.stdout() + watch.stderr(), secrets);
});
