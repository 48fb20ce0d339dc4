// Copyright the terok-vault authors. MIT license.
/** The pinned walk's proof after `lstat`, with the `chdir` and the look injected. */
import assert from "node:assert/strict";
import { pinChild, type PinSteps } from "../../src/mounts/_pin_walk.ts";
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

/** The real steps, with `chdir` replaced by one that throws `error`. */
function failingChdir(error: Error): PinSteps {
  return {
    chdir: () => {
      throw error;
    },
    lstatHere: () => Deno.lstatSync("."),
  };
}

/** The escape outcome pinChild gives for `_h` with `detail`. */
function escapeOf(path: string, detail: string) {
  return {
    verdict: "escape",
    observation: { provider: "h", kind: "escape", path, detail },
    reason: `credential path escapes the mounts dir (${detail})`,
  };
}

Deno.test("pinChild() calls it an escape when the new working directory cannot be looked at", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h`);
  const lookups: string[] = [];
  const outcome = from(box.mounts, () =>
    pinChild("h", "_h", `${box.mounts}/_h`, {
      chdir: (dir) => Deno.chdir(dir),
      lstatHere: () => {
        lookups.push(Deno.cwd());
        // What Deno throws when the kernel's working directory is outside the granted paths.
        throw new Deno.errors.NotCapable("Requires read access to '.'");
      },
    }));
  assert.deepEqual(lookups, [`${box.mounts}/_h`]);
  assert.deepEqual(
    outcome,
    escapeOf(`${box.mounts}/_h`, "a directory on the path resolves outside the mounts dir"),
  );
});

Deno.test("pinChild() calls it an escape when it landed in another directory than lstat saw", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h`);
  const outcome = from(box.mounts, () =>
    pinChild("h", "_h", `${box.mounts}/_h`, {
      chdir: (dir) => Deno.chdir(dir),
      lstatHere: () => Deno.lstatSync(box.outside),
    }));
  assert.deepEqual(
    outcome,
    escapeOf(`${box.mounts}/_h`, "a directory on the path changed while being checked"),
  );
});

Deno.test("pinChild() judges a chdir that fails after the lstat by why it failed", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h`);
  const path = `${box.mounts}/_h`;
  const pin = (error: Error) =>
    from(box.mounts, () => pinChild("h", "_h", path, failingChdir(error)));
  // Removed in between: nothing there to judge.
  assert.deepEqual(pin(new Deno.errors.NotFound("x")), { verdict: "absent" });
  // Swapped for a file, a symlink loop, or a symlink out of the granted paths: an escape.
  const changed = escapeOf(path, "a directory on the path changed while being checked");
  assert.deepEqual(pin(new Deno.errors.NotADirectory("x")), changed);
  assert.deepEqual(pin(new Deno.errors.FilesystemLoop("x")), changed);
  assert.deepEqual(pin(new Deno.errors.NotCapable("x")), changed);
  // Anything else: skipped, saying what.
  assert.deepEqual(pin(new Deno.errors.PermissionDenied("x")), {
    verdict: "skipped",
    reason: `permission denied at '${path}'`,
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
