// Copyright the terok-vault authors. MIT license.
/**
 * The open oracle for `watch`: a container flips its credential file (and a directory above
 * another one) between a leak, a FIFO and a symlink to a host FIFO that a host process is
 * blocked writing to. An open of that FIFO anywhere in the process (ours, or a watcher
 * thread's) would release the writer. Through the real CLI, for 8 seconds.
 */
import assert from "node:assert/strict";
import { REPO_ROOT, writeRoster } from "./_cli.ts";
import { makeSandbox, mkfifo } from "./_helpers.ts";
import { assertNoSecret, isEvent, startRosterWatch } from "./_watch_cli.ts";

const WRITER = `
import sys
with open(sys.argv[1], "w") as fifo:  # blocks until someone opens the FIFO to read
    print("released", flush=True)
    fifo.write("VICTIM-FIFO-FAKE-not-a-secret")
`;

/** The token in the leaks that swapper.py writes. */
const SWAPPER_SECRET = "FAKE-TEST-SECRET-not-real";

Deno.test({
  name: "CONCURRENT SWAPPER: watch --clean never opens a host FIFO swapped in (~9 s)",
  async fn() {
    await using box = await makeSandbox();
    await writeRoster(`${box.base}/roster`, {
      flat: ["_flat-config", "creds.json"],
      nested: ["_nested-config", "sub/creds.json"],
    });
    await mkfifo(`${box.outside}/creds.json`);
    const writer = new Deno.Command("python3", {
      args: ["-c", WRITER, `${box.outside}/creds.json`],
      stdout: "piped",
    }).spawn();
    const watch = startRosterWatch(box, "--clean", "--json");
    let swaps = "";
    let released = false;
    try {
      await watch.waitFor(isEvent("rescan"));
      const swapper = await new Deno.Command("python3", {
        args: [`${REPO_ROOT}/tests/testdata/mounts/swapper.py`, box.mounts, box.outside, "8"],
        stdout: "piped",
      }).output();
      swaps = new TextDecoder().decode(swapper.stdout).trim();
      assert.equal(swapper.code, 0);
    } finally {
      assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
      const exited = await Promise.race([
        writer.status.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 200)),
      ]);
      if (!exited) writer.kill("SIGKILL");
      const output = new TextDecoder().decode((await writer.output()).stdout);
      released = output.includes("released");
    }
    console.log(`swapper: ${swaps} swaps; host writer released: ${released ? 1 : 0} time(s)`);
    assert.equal(released, false, "the host FIFO was opened");
    assert.equal(watch.stdout().includes("VICTIM-FIFO"), false);
    assertNoSecret(watch.stdout() + watch.stderr(), [SWAPPER_SECRET]);
    assert.ok((await Deno.lstat(`${box.outside}/creds.json`)).isFifo);
  },
});
