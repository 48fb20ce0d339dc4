// Copyright the terok-vault authors. MIT license.
/**
 * The open itself is safe: with a credential file flipped as fast as possible with a symlink
 * to a host FIFO that a host process is blocked writing to, the real CLI never opens the
 * FIFO (the writer is never released). A control run of the plain verified open, under the
 * same scoped read grant, shows the oracle does catch an opener that follows the symlink.
 */
import assert from "node:assert/strict";
import { REPO_ROOT, runTask, writeRoster } from "./_cli.ts";
import { makeSandbox, mkfifo, type Sandbox } from "./_helpers.ts";

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
    "OPEN SAFETY: the CLI never opens a host FIFO swapped in for a credential or deep-scanned file (~12 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, { flat: ["_flat-config", "creds.json"] });
    const oracle = await startOracle(box, 12, [CREDENTIAL, DEEP_FILE]);
    const variants = [
      ["scan"],
      ["scan", "--deep"],
      ["clean", "--dry-run"],
      ["scan", "--deep", "--json"],
      ["clean"],
    ];
    const runs: Record<string, number> = {};
    const deadline = Date.now() + 11_000;
    for (let i = 0; Date.now() < deadline; i++) {
      const [command, ...extra] = variants[i % variants.length]!;
      const args = [command!, "--mounts-dir", box.mounts, "--roster", `${box.base}/roster`];
      const run = await runTask([...args, "--no-user", ...extra]);
      assert.ok([0, 1, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
      const key = [command, ...extra].join(" ");
      runs[key] = (runs[key] ?? 0) + 1;
    }
    const { swaps, releases } = await oracle.done;
    console.log(
      `fifo oracle: ${swaps} swaps, ${releases} releases; CLI runs ${JSON.stringify(runs)}`,
    );
    assert.ok(swaps > 10_000, `too few swaps (${swaps}) for a meaningful race`);
    assert.ok(Object.values(runs).reduce((a, b) => a + b, 0) >= 8, "too few CLI runs");
    assert.equal(releases, 0, "the host FIFO's blocked writer was released: an open followed");
    // No private link is left in the state directory (beside the quarantine clean keeps).
    const left = [...Deno.readDirSync(`${box.mounts}/.terok-vault`)];
    assert.deepEqual(left.filter((entry) => entry.name !== "quarantine"), []);
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
