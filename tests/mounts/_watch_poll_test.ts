// Copyright the terok-vault authors. MIT license.
/** The lstat poller of `watch`: what it calls due, and when it settles. */
import assert from "node:assert/strict";
import { CredentialPoller, REJUDGE_MS } from "../../src/mounts/_watch_poll.ts";
import { makeSandbox, put, target } from "./_helpers.ts";

const ALPHA = target("alpha", "_alpha-config", "creds.json");

/** The stamps alone: a poller whose verdicts never grow old. */
const STAMPS_ONLY = Infinity;

/** One inspection as the session does it: a look before, then the record after. */
function inspect(poller: CredentialPoller, now: number): void {
  poller.after([ALPHA], poller.before([ALPHA]), now);
}

Deno.test("the poller calls a path due when it appears, changes or goes, and only then", async () => {
  await using box = await makeSandbox();
  const file = `${box.mounts}/_alpha-config/creds.json`;
  const poller = new CredentialPoller(box.mounts, STAMPS_ONLY);
  assert.deepEqual(poller.due([ALPHA]), [ALPHA], "never inspected");
  inspect(poller, Date.now());
  assert.deepEqual(poller.due([ALPHA]), [], "absent, unchanged");

  await put(file, "{}");
  assert.deepEqual(poller.due([ALPHA]), [ALPHA], "created");
  const ctime = (await Deno.lstat(file)).ctime!.getTime();
  inspect(poller, ctime + 5000); // looked long after the change: nothing left to settle
  assert.deepEqual(poller.due([ALPHA], ctime + 6000), []);

  await Deno.writeTextFile(file, '{"a":1}');
  assert.deepEqual(poller.due([ALPHA]), [ALPHA], "rewritten");
  inspect(poller, Date.now() + 5000);
  await Deno.remove(file);
  assert.deepEqual(poller.due([ALPHA]), [ALPHA], "removed");
});

Deno.test("a change in the second of the last look is looked at again once that second is over", async () => {
  await using box = await makeSandbox();
  const file = `${box.mounts}/_alpha-config/creds.json`;
  await put(file, '{"k":"aaaa"}');
  const { mtime, ctime } = await Deno.lstat(file);
  const changedAt = ctime!.getTime();
  const poller = new CredentialPoller(box.mounts, STAMPS_ONLY);
  // Inspected within the ctime second of the write.
  inspect(poller, changedAt + 200);
  // A container rewrites it in place, same size, and puts the mtime back.
  await Deno.writeTextFile(file, '{"k":"bbbb"}');
  await Deno.utime(file, mtime!, mtime!);
  if ((await Deno.lstat(file)).ctime!.getTime() === changedAt) {
    // Same second: the stamp alone cannot see it...
    assert.deepEqual(poller.due([ALPHA], changedAt + 1400), [], "invisible to the stamp");
  }
  // ...so the path is looked at again once that second is over, whatever the stamp says.
  assert.deepEqual(poller.due([ALPHA], changedAt + 1500), [ALPHA]);
  // A look that starts after the change's second: settled, nothing more to do.
  inspect(poller, changedAt + 5000);
  assert.deepEqual(poller.due([ALPHA], changedAt + 10_000), []);
});

Deno.test("our own read (a private hard link) moving the ctime does not make a path due", async () => {
  await using box = await makeSandbox();
  const file = `${box.mounts}/_alpha-config/creds.json`;
  await put(file, "{}");
  const poller = new CredentialPoller(box.mounts, STAMPS_ONLY);
  inspect(poller, Date.now() + 5000);
  const before = poller.before([ALPHA]);
  await Deno.link(file, `${box.mounts}/private-link`); // what the open-safe read does
  await Deno.remove(`${box.mounts}/private-link`);
  poller.after([ALPHA], before, Date.now());
  assert.deepEqual(poller.due([ALPHA], Date.now() + 10_000), []);
});

Deno.test("a verdict stands for the re-judge period only, whatever the stamps say", async () => {
  await using box = await makeSandbox();
  const file = `${box.mounts}/_alpha-config/creds.json`;
  await put(file, "{}");
  const poller = new CredentialPoller(box.mounts);
  const judgedAt = (await Deno.lstat(file)).ctime!.getTime() + 5000;
  inspect(poller, judgedAt);
  assert.deepEqual(poller.due([ALPHA], judgedAt + REJUDGE_MS - 1), [], "stamps unchanged");
  assert.deepEqual(poller.due([ALPHA], judgedAt + REJUDGE_MS), [ALPHA], "verdict too old");
  assert.ok(REJUDGE_MS <= 2000, "the content is judged again at least every 2 s");
  inspect(poller, judgedAt + REJUDGE_MS);
  assert.deepEqual(poller.due([ALPHA], judgedAt + REJUDGE_MS + 1), []);
});
