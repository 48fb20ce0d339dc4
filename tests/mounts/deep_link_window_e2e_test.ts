// Copyright the terok-vault authors. MIT license.
/**
 * The deep walk's link window (issue 17 item 9), through the real CLI under its scoped flags:
 * a container that swaps a subdirectory with a symlink to a host directory the moment a scan
 * links its first file (the link count is its signal) can make a `link()` reach a host file of
 * the same name (its link count and ctime change) but never gets more than one per swap, since
 * the path guard is looked at before every link; and no host byte is ever read.
 */
import assert from "node:assert/strict";
import { REPO_ROOT, runTask, writeRoster } from "./_cli.ts";
import { makeSandbox, put } from "./_helpers.ts";
import { agedFile } from "./_race.ts";

const FILES = 60;

function names(): string[] {
  return Array.from({ length: FILES }, (_, i) => `f${String(i).padStart(2, "0")}`);
}

/** ctime and link count of every victim, in name order. */
function stamps(dir: string): string[] {
  return names().map((name) => {
    const info = Deno.lstatSync(`${dir}/${name}`);
    return `${info.ctime?.getTime()} ${info.nlink}`;
  });
}

Deno.test({
  name:
    "CONCURRENT SWAPPER: scan --deep's links reach at most one host file per swap, read none (~11 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, { nested: ["_nested-config", "creds.json"] });
    const victims = `${box.outside}/host`;
    const atimes: number[] = [];
    for (const name of names()) {
      await put(`${box.mounts}/_nested-config/sub/${name}`, "a container's file\n");
      atimes.push((await agedFile(`${victims}/${name}`, "a host file\n")).getTime());
    }
    const swapper = new Deno.Command("python3", {
      args: [
        `${REPO_ROOT}/tests/testdata/mounts/link_window_swapper.py`,
        `${box.mounts}/_nested-config`,
        victims,
        "10",
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    let ended = false;
    const status = swapper.output().finally(() => ended = true);
    let runs = 0;
    let linked = 0;
    let worst = 0;
    while (!ended) {
      const before = stamps(victims);
      const run = await runTask([
        "--quiet",
        "vault",
        "scan",
        "--deep",
        "--json",
        "--mounts-dir",
        box.mounts,
        "--roster",
        `${box.base}/roster`,
        "--no-user",
      ]);
      assert.ok([0, 3].includes(run.code), `exit ${run.code}: ${run.stderr}`);
      const after = stamps(victims);
      const changed = after.filter((stamp, i) => stamp !== before[i]).length;
      linked += changed;
      worst = Math.max(worst, changed);
      runs++;
    }
    const out = await status;
    assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    const { triggers } = JSON.parse(new TextDecoder().decode(out.stdout)) as { triggers: number };
    console.log(
      `scans: ${runs}; swaps: ${triggers}; host files linked: ${linked} (worst ${worst})`,
    );
    assert.ok(triggers >= 1, "no scan linked a file of the swapped directory: nothing was tried");
    // Once per batch of 64 links, this measured hundreds (57 of 60 in one scan).
    assert.ok(linked <= triggers, `${linked} host files linked in ${triggers} swaps`);
    const read = names().filter((name, i) =>
      Deno.lstatSync(`${victims}/${name}`).atime?.getTime() !== atimes[i]
    );
    assert.deepEqual(read, [], "a host file was read");
    // (Read only now: reading moves the atime.)
    for (const name of names()) {
      assert.equal(await Deno.readTextFile(`${victims}/${name}`), "a host file\n");
    }
  },
});
