// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { PrivateDir } from "../../src/mounts/_private_dir.ts";
import { REPO_ROOT } from "./_cli.ts";
import { fakeLeak, makeSandbox, mkfifo, put, type Sandbox, target } from "./_helpers.ts";

function rootOf(box: Sandbox) {
  return { path: box.mounts, identity: Deno.lstatSync(box.mounts) };
}

function stateOf(box: Sandbox): string {
  return `${box.mounts}/.terok-vault-${Deno.uid()}`;
}

function names(path: string): string[] {
  return [...Deno.readDirSync(path)].map((entry) => entry.name).sort();
}

/** Runs `use` with the working directory at `dir`. */
function inDir<T>(dir: string, use: () => T): T {
  const before = Deno.cwd();
  Deno.chdir(dir);
  try {
    return use();
  } finally {
    Deno.chdir(before);
  }
}

Deno.test("PrivateDir: nothing is made until a link, then a locked 0700 run dir in .terok-vault-<uid>; close() removes it all", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_h/file`, "x");
  const dir = PrivateDir.prepare(rootOf(box));
  assert.equal(dir.unusable, undefined);
  assert.deepEqual(names(box.mounts), ["_h"]);
  const linked = inDir(`${box.mounts}/_h`, () => dir.link("file"));
  assert.equal(linked.status, "linked");
  const run = dir.path!;
  assert.match(run, new RegExp(`^${stateOf(box)}/run-\\d+-${Deno.pid}-\\d+$`));
  for (const path of [stateOf(box), run]) {
    const info = Deno.lstatSync(path);
    assert.deepEqual([info.isDirectory, info.mode! & 0o777, info.uid], [true, 0o700, Deno.uid()]);
  }
  assert.deepEqual(names(run), ["0", "lock"]);
  dir.close();
  assert.deepEqual(names(box.mounts), ["_h"]);
});

Deno.test("PrivateDir.close() keeps the state dir while it holds the quarantine", async () => {
  await using box = await makeSandbox();
  await put(`${box.mounts}/_h/file`, "x");
  await Deno.mkdir(`${stateOf(box)}/quarantine`, { recursive: true, mode: 0o700 });
  await Deno.chmod(stateOf(box), 0o700);
  const dir = PrivateDir.prepare(rootOf(box));
  assert.equal(inDir(`${box.mounts}/_h`, () => dir.link("file")).status, "linked");
  dir.close();
  assert.deepEqual(names(stateOf(box)), ["quarantine"]);
});

Deno.test("PrivateDir.link() links a symlink to a FIFO as a symlink, and a file as a file", async () => {
  await using box = await makeSandbox();
  await mkfifo(`${box.outside}/fifo`);
  await put(`${box.mounts}/_h/file`, "x");
  await Deno.symlink(`${box.outside}/fifo`, `${box.mounts}/_h/link`);
  const dir = PrivateDir.prepare(rootOf(box));
  inDir(`${box.mounts}/_h`, () => {
    const link = dir.link("link");
    const file = dir.link("file");
    assert.equal(link.status, "linked");
    assert.equal(file.status, "linked");
    if (link.status !== "linked" || file.status !== "linked") return;
    assert.equal(Deno.lstatSync(link.path).isSymlink, true);
    assert.equal(Deno.lstatSync(file.path).isFile, true);
    assert.equal(Deno.lstatSync(file.path).ino, Deno.lstatSync("file").ino);
    dir.release(link.path);
    dir.release(file.path);
    assert.deepEqual(names(dir.path!), ["lock"]);
  });
  dir.close();
});

Deno.test("PrivateDir.link() of a directory is refused (EPERM), never an error to open by name", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.mounts}/_h/sub`, { recursive: true });
  const dir = PrivateDir.prepare(rootOf(box));
  assert.equal(inDir(`${box.mounts}/_h`, () => dir.link("sub")).status, "refused");
  dir.close();
});

Deno.test("PrivateDir.prepare() removes the run dirs of dead runs at once, and keeps a live one", async () => {
  await using box = await makeSandbox();
  const state = stateOf(box);
  await Deno.mkdir(state, { mode: 0o700 });
  // A run killed mid-read: its lock file is there, and nobody holds the lock.
  const dead = `${state}/run-${Date.now()}-1-0`;
  await Deno.mkdir(dead, { mode: 0o700 });
  await Deno.writeTextFile(`${dead}/lock`, "");
  await Deno.writeTextFile(`${dead}/0`, fakeLeak("killed"));
  // A live run: its lock is held (by this process, through another open file).
  const live = `${state}/run-${Date.now()}-2-0`;
  await Deno.mkdir(live, { mode: 0o700 });
  using held = await Deno.open(`${live}/lock`, { create: true, write: true });
  held.lockSync(true);
  // A run that died before taking its lock: removed only after a minute.
  const young = `${state}/run-${Date.now()}-3-0`;
  const old = `${state}/run-${Date.now() - 120_000}-4-0`;
  await Deno.mkdir(young);
  await Deno.mkdir(old);
  await Deno.writeTextFile(`${state}/not-a-run`, "x");
  const dir = PrivateDir.prepare(rootOf(box));
  assert.equal(dir.unusable, undefined);
  assert.deepEqual(
    names(state),
    [live, young, `${state}/not-a-run`].map((p) => p.slice(state.length + 1)).sort(),
  );
});

Deno.test("PrivateDir.prepare() refuses a state dir that is a symlink or open to others", async () => {
  await using box = await makeSandbox();
  const state = stateOf(box);
  await Deno.mkdir(`${box.outside}/elsewhere`, { mode: 0o700 });
  await Deno.symlink(`${box.outside}/elsewhere`, state);
  const symlinked = PrivateDir.prepare(rootOf(box));
  assert.equal(symlinked.unusable, `'${state}' is not a directory`);
  assert.deepEqual(symlinked.link("anything"), { status: "refused", reason: symlinked.unusable });
  assert.deepEqual(names(`${box.outside}/elsewhere`), []);
  await Deno.remove(state);
  await Deno.mkdir(state);
  await Deno.chmod(state, 0o755);
  const open = PrivateDir.prepare(rootOf(box));
  assert.equal(open.unusable, `'${state}' is open to other users`);
  assert.deepEqual(open.link("anything"), { status: "refused", reason: open.unusable });
});

Deno.test("PrivateDir.prepare() refuses a mounts dir others may write to without the sticky bit", async () => {
  await using box = await makeSandbox();
  for (
    const [mode, who] of [[0o777, "its group and other users"], [0o757, "other users"], [
      0o775,
      "its group",
    ]] as const
  ) {
    await Deno.chmod(box.mounts, mode);
    const refused = PrivateDir.prepare(rootOf(box));
    assert.equal(
      refused.unusable,
      `the mounts dir '${box.mounts}' may be written by ${who} (mode 0${mode.toString(8)}, no ` +
        "sticky bit), so a private directory there could be swapped for a symlink: make it " +
        "writable by its owner only (chmod go-w)",
    );
    assert.equal(refused.link("anything").status, "refused");
  }
  await Deno.chmod(box.mounts, 0o1777); // sticky: others cannot rename or remove our entries
  assert.equal(PrivateDir.prepare(rootOf(box)).unusable, undefined);
  assert.deepEqual(names(box.mounts), []);
});

Deno.test({
  name:
    "PrivateDir.prepare() refuses a mounts dir of another user, and a state dir of another user",
  ignore: Deno.uid() !== 0, // only root can give a directory to another user
  async fn() {
    await using box = await makeSandbox();
    await Deno.chown(box.mounts, 54321, 54321);
    assert.equal(
      PrivateDir.prepare(rootOf(box)).unusable,
      `the mounts dir '${box.mounts}' belongs to another user (uid 54321), who could swap a ` +
        "private directory there for a symlink: run as its owner",
    );
    await Deno.chown(box.mounts, 0, 0);
    await Deno.mkdir(stateOf(box), { mode: 0o700 });
    await Deno.chown(stateOf(box), 54321, 54321);
    await put(`${box.mounts}/_h/creds.json`, fakeLeak("h"));
    const other = PrivateDir.prepare(rootOf(box));
    assert.equal(other.unusable, `'${stateOf(box)}' belongs to another user`);
    assert.equal(inDir(`${box.mounts}/_h`, () => other.link("creds.json")).status, "refused");
    assert.deepEqual(names(stateOf(box)), []);
  },
});

Deno.test("PrivateDir.link() says why it cannot create the directory", async () => {
  await using box = await makeSandbox();
  // The mounts dir's own name resolves, but its private dir would sit below a file.
  await put(`${box.mounts}/afile`, "");
  const below = { path: `${box.mounts}/afile`, identity: Deno.lstatSync(box.mounts) };
  const refused = PrivateDir.prepare(below);
  assert.deepEqual(refused.link("x"), { status: "refused", reason: "not a directory" });
  assert.equal(refused.unusable, "not a directory");
});

/** The report of report_driver.ts run with a read grant only (no write: no private link). */
async function readOnlyReport(box: Sandbox, ...extra: string[]) {
  const targets = [target("claude", "_claude-config", ".credentials.json")];
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      `--allow-read=${box.mounts}`,
      "--allow-sys=uid",
      `${REPO_ROOT}/tests/testdata/mounts/report_driver.ts`,
      "scan",
      box.mounts,
      JSON.stringify(targets),
      ...extra,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

Deno.test("scanMounts() without write on the mounts dir leaves the file unread, and opens it by name only with unsafeOpenByName", async () => {
  await using box = await makeSandbox();
  const path = `${box.mounts}/_claude-config/.credentials.json`;
  await put(path, fakeLeak("claude"));
  const refusal = "no write grant on the mounts dir, which a hard link into the private " +
    "directory needs";
  const safe = await readOnlyReport(box);
  assert.deepEqual([safe.leaks, safe.observations], [[], []]);
  assert.deepEqual(safe.skipped, [{
    provider: "claude",
    reason: `'${path}' not read: no private link could be made for it (${refusal}); ` +
      "opening by name in the mount is not open-safe (--unsafe-open-by-name allows it)",
  }]);
  const unsafe = await readOnlyReport(box, "unsafe");
  assert.deepEqual(unsafe.leaks.map((l: { path: string }) => l.path), [path]);
  assert.deepEqual(unsafe.observations, [{
    provider: "claude",
    kind: "open_unsafe",
    path,
    detail: `opened by its name in the mount, not through a private link (${refusal}); ` +
      "--unsafe-open-by-name allowed it",
  }]);
});
