// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { PRIVATE_DIR_NAME, PrivateDir } from "../../src/mounts/_private_dir.ts";
import { REPO_ROOT } from "./_cli.ts";
import { fakeLeak, makeSandbox, mkfifo, put, type Sandbox, target } from "./_helpers.ts";

function rootOf(box: Sandbox) {
  return { path: box.mounts, identity: Deno.lstatSync(box.mounts) };
}

Deno.test("PrivateDir.prepare() creates a 0700 directory of ours", async () => {
  await using box = await makeSandbox();
  const dir = PrivateDir.prepare(rootOf(box));
  assert.equal(dir.path, `${box.mounts}/${PRIVATE_DIR_NAME}`);
  assert.equal(dir.unusable, undefined);
  const info = Deno.lstatSync(dir.path!);
  assert.equal(info.isDirectory, true);
  assert.equal(info.mode! & 0o777, 0o700);
});

Deno.test("PrivateDir.link() links a symlink to a FIFO as a symlink, and a file as a file", async () => {
  await using box = await makeSandbox();
  await mkfifo(`${box.outside}/fifo`);
  await put(`${box.mounts}/_h/file`, "x");
  await Deno.symlink(`${box.outside}/fifo`, `${box.mounts}/_h/link`);
  const dir = PrivateDir.prepare(rootOf(box));
  const before = Deno.cwd();
  Deno.chdir(`${box.mounts}/_h`);
  try {
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
    assert.deepEqual([...Deno.readDirSync(dir.path!)], []);
  } finally {
    Deno.chdir(before);
  }
});

Deno.test("PrivateDir.prepare() removes stale links and keeps fresh ones", async () => {
  await using box = await makeSandbox();
  const private_ = `${box.mounts}/${PRIVATE_DIR_NAME}`;
  await Deno.mkdir(private_, { mode: 0o700 });
  await Deno.writeTextFile(`${private_}/${Date.now() - 120_000}-1-0`, fakeLeak("stale"));
  await Deno.writeTextFile(`${private_}/not-ours`, "x");
  const fresh = `${Date.now()}-1-0`;
  await Deno.writeTextFile(`${private_}/${fresh}`, "x");
  PrivateDir.prepare(rootOf(box));
  assert.deepEqual([...Deno.readDirSync(private_)].map((e) => e.name), [fresh]);
});

Deno.test("PrivateDir.prepare() refuses a symlink or a directory open to others", async () => {
  await using box = await makeSandbox();
  await Deno.mkdir(`${box.outside}/elsewhere`, { mode: 0o700 });
  await Deno.symlink(`${box.outside}/elsewhere`, `${box.mounts}/${PRIVATE_DIR_NAME}`);
  const symlinked = PrivateDir.prepare(rootOf(box));
  assert.equal(symlinked.path, undefined);
  assert.equal(symlinked.unusable, `'${box.mounts}/${PRIVATE_DIR_NAME}' is not a directory`);
  await Deno.remove(`${box.mounts}/${PRIVATE_DIR_NAME}`);
  await Deno.mkdir(`${box.mounts}/${PRIVATE_DIR_NAME}`);
  await Deno.chmod(`${box.mounts}/${PRIVATE_DIR_NAME}`, 0o755);
  const open = PrivateDir.prepare(rootOf(box));
  assert.equal(open.unusable, `'${box.mounts}/${PRIVATE_DIR_NAME}' is open to other users`);
  const refused = open.link("anything");
  assert.deepEqual(refused, { status: "refused", reason: open.unusable });
});

Deno.test("scanMounts() without write on the mounts dir still judges, and says the open was unsafe", async () => {
  await using box = await makeSandbox();
  const path = `${box.mounts}/_claude-config/.credentials.json`;
  await put(path, fakeLeak("claude"));
  const targets = [target("claude", "_claude-config", ".credentials.json")];
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--no-prompt",
      `--allow-read=${box.mounts}`,
      `${REPO_ROOT}/tests/testdata/mounts/report_driver.ts`,
      "scan",
      box.mounts,
      JSON.stringify(targets),
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const report = JSON.parse(new TextDecoder().decode(output.stdout));
  assert.deepEqual(report.leaks.map((l: { path: string }) => l.path), [path]);
  assert.deepEqual(report.observations, [{
    provider: "claude",
    kind: "open_unsafe",
    path,
    detail: "opened by its name in the mount, not through a private link (no write grant on " +
      "the mounts dir, which a hard link into the private directory needs)",
  }]);
});

Deno.test({
  name: "PrivateDir.prepare() refuses a directory of another user, and links nothing into it",
  ignore: Deno.uid() !== 0, // only root can give a directory to another user
  async fn() {
    await using box = await makeSandbox();
    const path = `${box.mounts}/${PRIVATE_DIR_NAME}`;
    await Deno.mkdir(path, { mode: 0o700 });
    await Deno.chown(path, 54321, 54321);
    await put(`${box.mounts}/_h/creds.json`, fakeLeak("h"));
    const other = PrivateDir.prepare(rootOf(box));
    assert.equal(other.path, undefined);
    assert.equal(other.unusable, `'${path}' belongs to another user`);
    const before = Deno.cwd();
    try {
      Deno.chdir(`${box.mounts}/_h`);
      assert.equal(other.link("creds.json").status, "refused");
    } finally {
      Deno.chdir(before);
    }
    assert.deepEqual([...Deno.readDirSync(path)], []);
  },
});

Deno.test("PrivateDir.prepare() says why it cannot create the directory", async () => {
  await using box = await makeSandbox();
  // The mounts dir's own name resolves, but its private dir sits below a file.
  await put(`${box.mounts}/afile`, "");
  const below = { path: `${box.mounts}/afile`, identity: Deno.lstatSync(box.mounts) };
  const refused = PrivateDir.prepare(below);
  assert.equal(refused.path, undefined);
  assert.equal(refused.unusable, "not a directory");
});
