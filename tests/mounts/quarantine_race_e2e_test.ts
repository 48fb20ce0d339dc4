// Copyright the terok-vault authors. MIT license.
/**
 * `clean`, `clean --strip` and `quarantine restore` through the real CLI while a container
 * swaps the credential file for a symlink to a host file and a FIFO, and a directory on the
 * way for a symlink to a host directory: only the leak itself is ever kept, no victim is read,
 * moved or written, and a kept file comes back with its bytes and mode.
 */
import assert from "node:assert/strict";
import { REPO_ROOT, runTask, writeRoster } from "./_cli.ts";
import { exists, makeSandbox } from "./_helpers.ts";

const VICTIM = `VICTIM-MARKER-${crypto.randomUUID()}-FAKE-not-a-secret`;
/** What swapper.py writes as its leak. */
const LEAK = '{"token": "FAKE-TEST-SECRET-not-real"}';

Deno.test({
  name: "CONCURRENT SWAPPER: clean and restore keep only the leak, victims intact (~12 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, {
      flat: ["_flat-config", "creds.json"],
      nested: ["_nested-config", "sub/creds.json"],
    });
    await Deno.writeTextFile(`${box.outside}/creds.json`, VICTIM);
    await Deno.writeTextFile(`${box.outside}/other.json`, VICTIM);
    const victimBefore = await Deno.lstat(`${box.outside}/creds.json`);
    const roster = ["--roster", `${box.base}/roster`, "--no-user"];
    const at = ["--mounts-dir", box.mounts];
    const swapper = new Deno.Command("python3", {
      // Bursty: swaps in 0.3 s bursts between quiet spells, so a clean can keep the leak in a
      // quiet spell and a burst can land in the middle of a keep (a constant swapper makes every
      // keep refuse, rightly: the name is never the file judged).
      args: [
        `${REPO_ROOT}/tests/testdata/mounts/swapper.py`,
        box.mounts,
        box.outside,
        "12",
        "bursty",
      ],
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const outcomes: Record<string, number> = {};
    const count = (key: string) => outcomes[key] = (outcomes[key] ?? 0) + 1;
    try {
      for (let waited = 0; !(await exists(`${box.mounts}/_nested-config/sub.alt`)); waited += 20) {
        if (waited > 5000) throw new Error("the swapper did not start within 5 s");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const deadline = Date.now() + 10_000;
      for (let i = 0; Date.now() < deadline; i++) {
        const clean = await runTask(["clean", ...at, ...roster, ...(i % 2 ? ["--strip"] : [])]);
        for (const text of [clean.stdout, clean.stderr]) assert.ok(!text.includes(VICTIM));
        assert.ok([0, 1, 3].includes(clean.code), `clean exit ${clean.code}: ${clean.stderr}`);
        count(`clean ${clean.code}`);
        const list = await runTask(["vault", "quarantine", "list", "--json", ...at]);
        assert.equal(list.code, 0, list.stderr);
        const entries = JSON.parse(list.stdout).entries as { id: string; path: string }[];
        const last = entries.at(-1);
        if (last === undefined) continue;
        const restore = await runTask(["vault", "quarantine", "restore", last.id, ...at]);
        assert.ok([0, 1].includes(restore.code), restore.stderr);
        assert.ok(!restore.stdout.includes(VICTIM) && !restore.stderr.includes(VICTIM));
        count(`restore ${restore.code}`);
      }
    } finally {
      const status = await swapper.output();
      const swaps = new TextDecoder().decode(status.stdout).trim();
      console.log(`swapper: ${swaps} swaps; outcomes: ${JSON.stringify(outcomes)}`);
      assert.equal(status.code, 0, new TextDecoder().decode(status.stderr));
    }
    assert.ok((outcomes["clean 0"] ?? 0) + (outcomes["clean 1"] ?? 0) >= 3, "too few cleans");
    // Every kept file is the leak itself, never a victim, and only we may read it.
    const list = await runTask(["vault", "quarantine", "list", "--json", ...at]);
    const entries = JSON.parse(list.stdout).entries as {
      id: string;
      path: string;
      size: number;
      mode: number;
      original_path: string;
    }[];
    assert.ok(entries.length > 0, "nothing was kept");
    for (const entry of entries) {
      assert.equal(await Deno.readTextFile(entry.path), LEAK, entry.path);
      assert.equal(entry.size, LEAK.length);
      assert.equal((await Deno.lstat(entry.path)).mode! & 0o777, 0o600);
    }
    // Now quiet: clear the flat name and restore a kept flat file: its bytes and mode are back.
    const flat = entries.find((entry) => entry.original_path.endsWith("/_flat-config/creds.json"));
    assert.ok(flat !== undefined, "no flat leak was kept");
    await Deno.remove(`${box.mounts}/_flat-config/creds.json`).catch(() => {});
    const restore = await runTask(["vault", "quarantine", "restore", flat.id, ...at]);
    const mode = flat.mode.toString(8).padStart(4, "0");
    assert.deepEqual(restore, {
      code: 0,
      stdout: `Restored ${flat.id} to ${box.mounts}/_flat-config/creds.json (mode ${mode}).\n`,
      stderr: "",
    });
    assert.equal(await Deno.readTextFile(`${box.mounts}/_flat-config/creds.json`), LEAK);
    // A nested one is refused in place (below a directory the container controls).
    const nested = entries.find((entry) => entry.original_path.includes("/_nested-config/"));
    if (nested !== undefined) {
      const refused = await runTask(["vault", "quarantine", "restore", nested.id, ...at]);
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /sits below a directory the container controls/);
    }
    // The victims: unchanged, the same files, nothing added beside them or beside the mounts.
    assert.equal(await Deno.readTextFile(`${box.outside}/creds.json`), VICTIM);
    assert.equal(await Deno.readTextFile(`${box.outside}/other.json`), VICTIM);
    const victimAfter = await Deno.lstat(`${box.outside}/creds.json`);
    assert.equal(victimAfter.ino, victimBefore.ino);
    assert.equal(victimAfter.nlink, 1);
    assert.equal(victimAfter.mtime?.getTime(), victimBefore.mtime?.getTime());
    assert.deepEqual(
      [...Deno.readDirSync(box.outside)].map((e) => e.name).sort(),
      ["creds.json", "other.json"],
    );
    assert.deepEqual(
      [...Deno.readDirSync(box.base)].map((e) => e.name).sort(),
      ["mounts", "outside", "roster"],
    );
  },
});
