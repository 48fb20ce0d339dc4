// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { PathGuard, QUIET_MS } from "../../src/mounts/_path_guard.ts";

async function chainOf(base: string) {
  await Deno.mkdir(`${base}/host/sub`, { recursive: true });
  const pinned = (path: string) => ({ path, identity: Deno.lstatSync(path) });
  return [pinned(`${base}/host`), pinned(`${base}/host/sub`)];
}

Deno.test("PathGuard asks to wait while a walked directory changed recently", async () => {
  const base = await Deno.makeTempDir();
  try {
    const guard = new PathGuard(await chainOf(base));
    const verdict = guard.begin();
    assert.ok(typeof verdict === "object", `expected a wait, got ${String(verdict)}`);
    assert.ok(verdict.waitMs > 0 && verdict.waitMs <= QUIET_MS + 50);
    assert.equal(guard.unchanged(), false, "no read may follow a begin() that failed");
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("PathGuard sees a swap that was undone before the read (ABA)", async () => {
  const base = await Deno.makeTempDir();
  try {
    const chain = await chainOf(base);
    const guard = new PathGuard(chain);
    const now = Date.now() + QUIET_MS + 1000; // as if the tree had been quiet long enough
    assert.equal(guard.begin(now), undefined);
    assert.equal(guard.unchanged(), true);
    // A container flips sub away and back: same inode again, but the host dir's ctime moved.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await Deno.rename(`${base}/host/sub`, `${base}/host/sub.away`);
    await Deno.rename(`${base}/host/sub.away`, `${base}/host/sub`);
    assert.equal(Deno.lstatSync(`${base}/host/sub`).ino, chain[1]!.identity.ino);
    assert.equal(guard.unchanged(), false);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("PathGuard refuses a directory replaced by a symlink", async () => {
  const base = await Deno.makeTempDir();
  try {
    const chain = await chainOf(base);
    await Deno.rename(`${base}/host/sub`, `${base}/real-sub`);
    await Deno.symlink(`${base}/real-sub`, `${base}/host/sub`);
    const guard = new PathGuard(chain);
    assert.equal(guard.begin(), `'${base}/host/sub' changed while being checked`);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("PathGuard refuses a path whose ctime lies in this clock's future", async () => {
  const base = await Deno.makeTempDir();
  try {
    const guard = new PathGuard(await chainOf(base));
    const verdict = guard.begin(Date.now() - 60_000); // as if the clock had stepped back
    assert.equal(typeof verdict, "string");
    assert.match(verdict as string, /changed in the future by this clock/);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});
