// Copyright the terok-vault authors. MIT license.
/**
 * `deno` on PATH may be a wrapper that runs the real binary as its child and passes no signal on
 * (npm's `bin.cjs` when the package's install script did not replace it). The tasks and the
 * launcher must never start Deno by that name: SIGTERM to `deno task -q watch` (the real binary)
 * then stops the whole program, with exit 0, and leaves no process behind. Both launcher paths
 * are covered: the program in the launcher's own process (default locations under a temp HOME)
 * and the second Deno (an explicit `--mounts-dir` outside the task's grants).
 */
import assert from "node:assert/strict";
import { writeRoster } from "../mounts/_cli.ts";
import { isEvent, startWatch, type WatchRun } from "../mounts/_watch_cli.ts";

/** A temp dir holding `bin/deno`, a wrapper that logs each start to `wrapper.log`. */
async function withWrapper(fn: (base: string, path: string) => Promise<void>): Promise<void> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-wrapper-" }));
  try {
    await Deno.mkdir(`${base}/bin`);
    const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;
    // Like npm's bin.cjs: the real binary runs as a child (no exec), and no signal is trapped
    // or passed on. The command is not the script's last, so no shell turns it into an exec.
    await Deno.writeTextFile(
      `${base}/bin/deno`,
      [
        "#!/bin/sh",
        `echo "$$ $*" >> ${quote(`${base}/wrapper.log`)}`,
        `${quote(Deno.execPath())} "$@"`,
        "exit $?",
        "",
      ].join("\n"),
    );
    await Deno.chmod(`${base}/bin/deno`, 0o755);
    await Deno.writeTextFile(`${base}/wrapper.log`, "");
    await fn(base, `${base}/bin:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
}

/** Lists the pids (its own aside) whose command line holds argv[1]. */
const PROCESSES_WITH = `
import os, sys
for pid in os.listdir("/proc"):
    if not pid.isdigit() or int(pid) == os.getpid():
        continue
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read().replace(b"\\0", b" ")
    except OSError:
        continue
    if os.fsencode(sys.argv[1]) in cmdline:
        print(pid)
`;

/**
 * Process ids whose command line holds `needle` (read by python3: Deno may list `/proc` only
 * with every permission).
 */
async function processesWith(needle: string): Promise<number[]> {
  const { code, stdout, stderr } = await new Deno.Command("python3", {
    args: ["-c", PROCESSES_WITH, needle],
  }).output();
  if (code !== 0) throw new Error(`listing processes failed: ${new TextDecoder().decode(stderr)}`);
  return new TextDecoder().decode(stdout).split("\n").filter(Boolean).map(Number)
    .sort((a, b) => a - b);
}

/** What is left in the private dir `<mounts>/.terok-vault/` (none when it is absent). */
async function privateLinks(mounts: string): Promise<string[]> {
  try {
    return (await Array.fromAsync(Deno.readDir(`${mounts}/.terok-vault`))).map((e) => e.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
}

/**
 * Sends SIGTERM to the task runner and returns its exit code; processes of the run still alive
 * (their command line holds `base`) 15 s later are killed by id and fail the test.
 */
async function stopAndCheck(watch: WatchRun, base: string): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), 15_000);
  });
  const outcome = await Promise.race([watch.stop("SIGTERM"), late]);
  clearTimeout(timer);
  const left = await processesWith(base);
  for (const pid of left) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch {
      // Gone meanwhile.
    }
  }
  assert.deepEqual(left, [], `processes of the watch outlived its SIGTERM:\n${watch.stderr()}`);
  assert.notEqual(outcome, "late", "the task runner did not exit within 15 s of SIGTERM");
  return outcome as number;
}

Deno.test("SIGTERM to deno task -q watch stops it with a non-forwarding wrapper deno first on PATH (second Deno)", async () => {
  await withWrapper(async (base, path) => {
    await writeRoster(`${base}/roster`, { alpha: ["_alpha-config", "creds.json"] });
    await Deno.mkdir(`${base}/mounts/_alpha-config`, { recursive: true });
    const args = ["--mounts-dir", `${base}/mounts`, "--roster", `${base}/roster`, "--no-user"];
    const watch = startWatch([...args, "--json"], [], { PATH: path, HOME: `${base}/home` });
    let code: number;
    try {
      await watch.waitFor(isEvent("rescan"));
      // The task runner, the launcher and the program it started, each with the temp paths.
      assert.equal((await processesWith(base)).length, 3);
    } finally {
      code = await stopAndCheck(watch, base);
    }
    assert.equal(code, 0, watch.stderr());
    assert.equal(watch.stderr(), "");
    assert.equal(await Deno.readTextFile(`${base}/wrapper.log`), "", "deno was started by name");
    assert.deepEqual(await privateLinks(`${base}/mounts`), []);
  });
});

Deno.test("SIGTERM to deno task -q watch stops it with a non-forwarding wrapper deno first on PATH (one process)", async () => {
  await withWrapper(async (base, path) => {
    // TEROK_ROOT's locations are among the task's grants, for root and any other user alike.
    const mounts = `${base}/root/sandbox-live/mounts`;
    await Deno.mkdir(`${mounts}/_claude-config`, { recursive: true });
    const env = { PATH: path, HOME: `${base}/home`, TEROK_ROOT: `${base}/root` };
    const watch = startWatch(["--no-user", "--json"], [], env);
    let code: number;
    try {
      const start = JSON.parse(await watch.waitFor(isEvent("rescan")));
      assert.equal(start.mounts_dir, mounts);
      // The task runner holds no temp path; the launcher runs the program in its own process.
      assert.equal((await processesWith(base)).length, 1);
    } finally {
      code = await stopAndCheck(watch, base);
    }
    assert.equal(code, 0, watch.stderr());
    assert.equal(watch.stderr(), "");
    assert.equal(await Deno.readTextFile(`${base}/wrapper.log`), "", "deno was started by name");
    assert.deepEqual(await privateLinks(mounts), []);
  });
});
