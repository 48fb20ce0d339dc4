// Copyright the terok-vault authors. MIT license.
/**
 * The open itself is safe: with a credential file and a deep-scanned file cycled as fast as
 * possible through a regular file, a directory (which `link()` refuses) and a symlink to a
 * host FIFO that a host process is blocked writing to, the real CLI never opens the FIFO (the
 * writer is never released): not `scan`, `scan --deep`, `clean`, nor a `watch --clean --deep`
 * running the whole time. A control run of the plain verified open, under the same scoped
 * read grant, shows the oracle does catch an opener that follows the symlink.
 */
import assert from "node:assert/strict";
import { REPO_ROOT, runTask, writeRoster } from "./_cli.ts";
import { makeSandbox, mkfifo, type Sandbox } from "./_helpers.ts";
import { startRosterWatch } from "./_watch_cli.ts";

const CREDENTIAL = "_flat-config/creds.json";
/** A file only the deep scan reads. */
const DEEP_FILE = "_other-tool/notes/log.txt";

interface Oracle {
  done: Promise<{ swaps: number; releases: number }>;
}

/** Starts fifo_oracle.py and waits until its writer is blocked and its names exist. */
async function startOracle(box: Sandbox, seconds: number, names: string[]): Promise<Oracle> {
  const fifo = `${box.outside}/host.fifo`;
  await mkfifo(fifo);
  const child = new Deno.Command("python3", {
    args: [
      `${REPO_ROOT}/tests/testdata/mounts/fifo_oracle.py`,
      box.mounts,
      fifo,
      String(seconds),
      ...names,
    ],
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const output = child.output();
  const done = output.then((result) => {
    const text = new TextDecoder().decode(result.stdout).trim().split("\n");
    assert.equal(result.code, 0, new TextDecoder().decode(result.stderr));
    assert.equal(text[0], "ready");
    return JSON.parse(text[text.length - 1]!);
  });
  // The oracle creates the names before it prints "ready"; give it at most 5 s.
  for (let waited = 0; waited < 5000; waited += 20) {
    try {
      await Deno.lstat(`${box.mounts}/${names[0]}.alt`);
      return { done };
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error("the FIFO oracle did not start within 5 s");
}

Deno.test({
  name:
    "OPEN SAFETY: scan, clean and watch never open a host FIFO cycled in (file, dir, symlink) for a credential or deep-scanned file (~15 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, { flat: ["_flat-config", "creds.json"] });
    const oracle = await startOracle(box, 15, [CREDENTIAL, DEEP_FILE]);
    const watch = startRosterWatch(box, "--clean", "--deep", "--interval", "2", "--json");
    const variants = [
      ["scan"],
      ["scan", "--deep"],
      ["clean", "--dry-run"],
      ["scan", "--deep", "--json"],
      ["clean"],
    ];
    const runs: Record<string, number> = {};
    const codes: Record<number, number> = {};
    const deadline = Date.now() + 13_000;
    for (let i = 0; Date.now() < deadline; i++) {
      const [command, ...extra] = variants[i % variants.length]!;
      const args = [command!, "--mounts-dir", box.mounts, "--roster", `${box.base}/roster`];
      const run = await runTask([...args, "--no-user", ...extra]);
      assert.ok([0, 1, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
      const key = [command, ...extra].join(" ");
      runs[key] = (runs[key] ?? 0) + 1;
      codes[run.code] = (codes[run.code] ?? 0) + 1;
    }
    assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
    const { swaps, releases } = await oracle.done;
    const events = watch.lines.length;
    console.log(
      `fifo oracle: ${swaps} swaps, ${releases} releases; CLI runs ${JSON.stringify(runs)}, ` +
        `exit codes ${JSON.stringify(codes)}; watch: ${events} events`,
    );
    assert.ok(swaps > 10_000, `too few swaps (${swaps}) for a meaningful race`);
    // Each kind of run at least once (a loaded machine manages about one run a second).
    assert.ok(
      Object.values(runs).reduce((a, b) => a + b, 0) >= variants.length,
      "too few CLI runs",
    );
    assert.ok(events > 0, "the watch told nothing");
    assert.equal(releases, 0, "the host FIFO's blocked writer was released: an open followed");
    // No private link is left in the state directory (beside the quarantine clean keeps).
    const state = `${box.mounts}/.terok-vault-${Deno.uid()}`;
    const left = await Array.fromAsync(Deno.readDir(state)).catch((error) => {
      if (error instanceof Deno.errors.NotFound) return []; // removed when empty: nothing left
      throw error;
    });
    assert.deepEqual(left.map((entry) => entry.name).filter((name) => name !== "quarantine"), []);
  },
});

Deno.test({
  name: "OPEN SAFETY control: a plain verified open does release the FIFO writer (~4 s)",
  async fn() {
    await using box = await makeSandbox();
    const oracle = await startOracle(box, 4, [CREDENTIAL]);
    const driver = await new Deno.Command("timeout", {
      args: [
        "-s",
        "KILL",
        "20s",
        Deno.execPath(),
        "run",
        "--no-prompt",
        `--allow-read=${box.mounts}`,
        `${REPO_ROOT}/tests/testdata/mounts/naive_open_driver.ts`,
        `${box.mounts}/_flat-config`,
        "creds.json",
        "3",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(driver.code, 0, new TextDecoder().decode(driver.stderr));
    const { swaps, releases } = await oracle.done;
    console.log(`control: ${swaps} swaps, ${releases} releases`);
    assert.ok(releases > 0, "the oracle saw no release from an opener that follows symlinks");
  },
});
