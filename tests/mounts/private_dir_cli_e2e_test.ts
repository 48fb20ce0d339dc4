// Copyright the terok-vault authors. MIT license.
/**
 * The private directory through the real CLI: made only when a file must be read and gone
 * afterwards, refused in a mounts dir others may write to, one per user, and a killed run's
 * links removed by the next command as it starts.
 */
import assert from "node:assert/strict";
import { denoDir, PROJECT_DIR } from "../_run_vault.ts";
import { runTask, writeRoster } from "./_cli.ts";
import { fakeLeak, holdLease, makeSandbox, put, type Sandbox } from "./_helpers.ts";

const CREDENTIAL = "_flat-config/creds.json";

function names(path: string): string[] {
  return [...Deno.readDirSync(path)].map((entry) => entry.name).sort();
}

function stateDir(box: Sandbox): string {
  return `${box.mounts}/.terok-vault-${Deno.uid()}`;
}

async function scan(box: Sandbox, ...extra: string[]) {
  const args = ["--mounts-dir", box.mounts, "--roster", `${box.base}/roster`, "--no-user"];
  return await runTask(["scan", ...args, ...extra]);
}

Deno.test("scan makes no private dir in a mounts dir with nothing to read, and leaves none after reading", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, { flat: ["_flat-config", "creds.json"] });
  await put(`${box.mounts}/unrelated/notes.txt`, "hello\n");
  assert.deepEqual(await scan(box), {
    code: 0,
    stdout: "No leaked credential files found.\n",
    stderr: "",
  });
  assert.deepEqual(names(box.mounts), ["unrelated"]);
  await put(`${box.mounts}/${CREDENTIAL}`, fakeLeak("flat"));
  const leak = await scan(box);
  assert.equal(leak.code, 1, leak.stderr);
  assert.match(leak.stdout, /flat: .*\/_flat-config\/creds\.json/);
  const deep = await scan(box, "--deep");
  assert.equal(deep.code, 1, deep.stderr);
  assert.deepEqual(names(box.mounts), ["_flat-config", "unrelated"]);
});

Deno.test("scan refuses the private dir in a mounts dir others may write to: one message, exit 3, nothing read or made", async () => {
  await using box = await makeSandbox();
  await writeRoster(`${box.base}/roster`, { flat: ["_flat-config", "creds.json"] });
  await put(`${box.mounts}/${CREDENTIAL}`, fakeLeak("flat"));
  await Deno.chmod(box.mounts, 0o777);
  assert.deepEqual(await scan(box), {
    code: 3,
    stdout: "No leaked credential files found.\n",
    stderr: `terok-vault: warning: credential leak scan skipped 'flat': '${box.mounts}/` +
      `${CREDENTIAL}' not read: no private link could be made for it (the mounts dir ` +
      `'${box.mounts}' may be written by its group and other users (mode 0777, no sticky bit), ` +
      "so a private directory there could be swapped for a symlink: make it writable by its " +
      "owner only (chmod go-w)); opening by name in the mount is not open-safe " +
      "(--unsafe-open-by-name allows it)\n" +
      "terok-vault: warning: 1 provider(s) could not be checked, so the mounts are not known " +
      "to be clean\n",
  });
  assert.deepEqual(names(box.mounts), ["_flat-config"]);
  // Asked for explicitly, the file is opened by its name, and the report says so.
  const unsafe = await scan(box, "--unsafe-open-by-name");
  assert.equal(unsafe.code, 1, unsafe.stderr);
  assert.match(
    unsafe.stderr,
    /^terok-vault: note: 'flat' opened by its name in the mount, not through a private link \(the mounts dir .* may be written by its group and other users .*\); --unsafe-open-by-name allowed it: .*\/_flat-config\/creds\.json\n$/,
  );
  // With the sticky bit nobody else may rename or remove our entries: the scan reads.
  await Deno.chmod(box.mounts, 0o1777);
  const sticky = await scan(box);
  assert.equal(sticky.code, 1, sticky.stderr);
  assert.deepEqual(names(box.mounts), ["_flat-config"]);
});

Deno.test({
  name:
    "a scan killed (SIGKILL) mid-read leaves its link; the next command removes it as it starts (~2 s)",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, { flat: ["_flat-config", "creds.json"] });
    const leak = fakeLeak("flat");
    await put(`${box.mounts}/${CREDENTIAL}`, leak);
    const args = ["--mounts-dir", box.mounts, "--roster", `${box.base}/roster`, "--no-user"];
    let run: string | undefined;
    {
      // A lease holds the open of the private link up for a second: the link exists meanwhile.
      await using _lease = await holdLease(`${box.mounts}/${CREDENTIAL}`);
      const child = new Deno.Command(Deno.execPath(), {
        args: ["task", "--quiet", `--config=${PROJECT_DIR}/deno.json`, "scan", ...args],
        cwd: PROJECT_DIR,
        clearEnv: true,
        env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", DENO_DIR: denoDir() },
        stdout: "null",
        stderr: "null",
      }).spawn();
      // Wait for the link itself, not just its run dir: the dir is made a moment before it.
      const linked = (name: string) => {
        try {
          return name.startsWith("run-") && names(`${stateDir(box)}/${name}`).includes("0");
        } catch {
          return false;
        }
      };
      for (let waited = 0; run === undefined && waited < 20_000; waited += 5) {
        try {
          run = names(stateDir(box)).find(linked);
        } catch {
          // not made yet
        }
        if (run === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.ok(run !== undefined, "the scan linked nothing");
      // The program's pid is in the run dir's name: kill it, not the task runner.
      const pid = Number(run.split("-")[2]);
      Deno.kill(pid, "SIGKILL");
      await child.status;
    }
    const left = `${stateDir(box)}/${run}`;
    assert.deepEqual(names(left), ["0", "lock"]);
    assert.equal(await Deno.readTextFile(`${left}/0`), leak);
    // The next command removes it at start: nothing of the killed run, no private dir, is left.
    const next = await scan(box);
    assert.equal(next.code, 1, next.stderr);
    assert.deepEqual(names(box.mounts), ["_flat-config"]);
  },
});

/**
 * Root can drop to `nobody` with setpriv, and `nobody` can read this checkout (a checkout under a
 * 0700 directory, as `mktemp -d` makes, cannot run as another user); the per-user case needs both.
 */
const CAN_DROP_PRIVILEGES = Deno.uid() === 0 &&
  (await new Deno.Command("setpriv", {
    args: [
      "--reuid=65534",
      "--regid=65534",
      "--clear-groups",
      "test",
      "-r",
      `${PROJECT_DIR}/deno.json`,
    ],
    stdout: "null",
    stderr: "null",
  }).output().then((output) => output.success, () => false));

Deno.test({
  name:
    "a root run is refused in a user's mounts dir and leaves nothing; root's old dir never stops the owner's runs",
  ignore: !CAN_DROP_PRIVILEGES,
  async fn() {
    await using box = await makeSandbox();
    const nobody = 65534;
    await writeRoster(`${box.base}/roster`, { flat: ["_flat-config", "creds.json"] });
    await put(`${box.mounts}/${CREDENTIAL}`, fakeLeak("flat"));
    await Deno.chmod(box.base, 0o755);
    for (const path of [box.mounts, `${box.mounts}/_flat-config`, `${box.mounts}/${CREDENTIAL}`]) {
      await Deno.chown(path, nobody, nobody);
    }
    // Root: refused (the owner could swap root's private dir for a symlink), nothing made.
    const root = await scan(box);
    assert.equal(root.code, 3);
    assert.match(
      root.stderr,
      /the mounts dir '[^']*' belongs to another user \(uid 65534\), who could swap a private directory there for a symlink: run as its owner/,
    );
    assert.deepEqual(names(box.mounts), ["_flat-config"]);
    // What an older version run as root left: root's directories, closed to the owner.
    for (const dir of [".terok-vault/quarantine", ".terok-vault-0/quarantine"]) {
      await Deno.mkdir(`${box.mounts}/${dir}`, { recursive: true, mode: 0o700 });
    }
    // The owner (nobody, with its own copy of the npm packages) scans and cleans through its
    // own private dir: read race-safely (no open_unsafe), kept in its own quarantine.
    const cache = `${box.base}/deno-dir`;
    await Deno.mkdir(cache);
    await new Deno.Command("cp", { args: ["-r", `${denoDir()}/npm`, cache] }).output();
    await new Deno.Command("chown", { args: ["-R", `${nobody}:${nobody}`, cache] }).output();
    const asNobody = async (command: string) => {
      const output = await new Deno.Command("setpriv", {
        args: [
          `--reuid=${nobody}`,
          `--regid=${nobody}`,
          "--clear-groups",
          Deno.execPath(),
          "task",
          "--quiet",
          `--config=${PROJECT_DIR}/deno.json`,
          command,
          "--mounts-dir",
          box.mounts,
          "--roster",
          `${box.base}/roster`,
          "--no-user",
          "--json",
        ],
        cwd: PROJECT_DIR,
        clearEnv: true,
        env: { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", HOME: "/tmp", DENO_DIR: cache },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stderr = new TextDecoder().decode(output.stderr);
      const stdout = new TextDecoder().decode(output.stdout);
      assert.notEqual(stdout, "", `no report (exit ${output.code}): ${stderr}`);
      return { code: output.code, report: JSON.parse(stdout), stderr };
    };
    const scanned = await asNobody("scan");
    assert.equal(scanned.code, 1, scanned.stderr);
    assert.deepEqual([scanned.report.leaks.length, scanned.report.observations], [1, []]);
    const cleaned = await asNobody("clean");
    assert.equal(cleaned.code, 0, cleaned.stderr);
    const mine = `${box.mounts}/.terok-vault-${nobody}`;
    assert.ok(cleaned.report.removed[0].quarantine.path.startsWith(`${mine}/quarantine/`));
    assert.deepEqual(names(box.mounts), [
      ".terok-vault",
      ".terok-vault-0",
      `.terok-vault-${nobody}`,
      "_flat-config",
    ]);
    assert.deepEqual(names(mine), ["quarantine"]);
    assert.equal((await Deno.lstat(mine)).uid, nobody);
  },
});
