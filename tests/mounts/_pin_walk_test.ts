// Copyright the terok-vault authors. MIT license.
/** The pinned walk's proof after `chdir`, with the look at the new working directory injected. */
import assert from "node:assert/strict";
import { pinChild } from "../../src/mounts/_pin_walk.ts";
import { makeSandbox } from "./_helpers.ts";

/** Runs `fn` from inside `dir`, then goes back to where the test was. */
function from<T>(dir: string, fn: () => T): T {
  const before = Deno.cwd();
  Deno.chdir(dir);
  try {
    return fn();
  } finally {
    Deno.chdir(before);
  }
}

Deno.test("pinChild() calls it an escape when the new working directory cannot be looked at", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h`);
  const lookups: string[] = [];
  const outcome = from(box.mounts, () =>
    pinChild("h", "_h", `${box.mounts}/_h`, () => {
      lookups.push(Deno.cwd());
      // What Deno throws when the kernel's working directory is outside the granted paths.
      throw new Deno.errors.NotCapable("Requires read access to '.'");
    }));
  assert.deepEqual(lookups, [`${box.mounts}/_h`]);
  assert.deepEqual(outcome, {
    verdict: "escape",
    observation: {
      provider: "h",
      kind: "escape",
      path: `${box.mounts}/_h`,
      detail: "a directory on the path resolves outside the mounts dir",
    },
    reason: "credential path escapes the mounts dir " +
      "(a directory on the path resolves outside the mounts dir)",
  });
});

Deno.test("pinChild() calls it an escape when it landed in another directory than lstat saw", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h`);
  const outcome = from(
    box.mounts,
    () => pinChild("h", "_h", `${box.mounts}/_h`, () => Deno.lstatSync(box.outside)),
  );
  assert.deepEqual(outcome, {
    verdict: "escape",
    observation: {
      provider: "h",
      kind: "escape",
      path: `${box.mounts}/_h`,
      detail: "a directory on the path changed while being checked",
    },
    reason: "credential path escapes the mounts dir " +
      "(a directory on the path changed while being checked)",
  });
});

Deno.test("pinChild() pins the directory it saw, and stays in it", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h`);
  const seen = Deno.lstatSync(`${box.mounts}/_h`);
  const before = Deno.cwd();
  try {
    Deno.chdir(box.mounts);
    const pinned = pinChild("h", "_h", `${box.mounts}/_h`);
    assert.ok(!("verdict" in pinned));
    assert.equal(pinned.path, `${box.mounts}/_h`);
    assert.deepEqual([pinned.identity.dev, pinned.identity.ino], [seen.dev, seen.ino]);
    assert.equal(Deno.cwd(), `${box.mounts}/_h`);
  } finally {
    Deno.chdir(before);
  }
});
