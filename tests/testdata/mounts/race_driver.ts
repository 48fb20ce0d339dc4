// Copyright the terok-vault authors. MIT license.
/**
 * Runs cleanMounts and scanMounts in a tight loop for SECONDS under the scoped permissions the
 * CLI uses (the caller grants them), while a swapper changes the mounts dir. Prints counts.
 *
 * Usage: deno run --allow-read=MOUNTS --allow-write=MOUNTS,/proc/self/cwd --allow-sys=uid race_driver.ts MOUNTS SECONDS
 *        deno run --allow-read=MOUNTS --allow-write=MOUNTS --allow-sys=uid race_driver.ts MOUNTS SECONDS scan
 */
import { cleanMounts, scanMounts } from "../../../src/mounts/mod.ts";

const [mounts, seconds, mode] = Deno.args;
const targets = [
  { provider: "flat", hostDir: "_flat-config", credentialFile: "creds.json" },
  { provider: "nested", hostDir: "_nested-config", credentialFile: "sub/creds.json" },
];
const counts = { runs: 0, removed: 0, failed: 0, leaks: 0, nestedLeaks: 0, skipped: 0 };
const deadline = Date.now() + Number(seconds) * 1000;
while (Date.now() < deadline && mode === "scan") {
  const scan = await scanMounts(mounts as string, targets);
  counts.runs++;
  counts.leaks += scan.leaks.length;
  counts.nestedLeaks += scan.leaks.filter((leak) => leak.provider === "nested").length;
  counts.skipped += scan.skipped.length;
}
while (Date.now() < deadline && mode !== "scan") {
  const clean = await cleanMounts(mounts as string, targets);
  const scan = await scanMounts(mounts as string, targets);
  counts.runs += 2;
  counts.removed += clean.removed.length;
  counts.failed += clean.failed.length;
  counts.leaks += clean.leaks.length + scan.leaks.length;
  counts.skipped += clean.skipped.length + scan.skipped.length;
}
console.log(JSON.stringify(counts));
// An open abandoned on a FIFO a swapper planted stays pending and would keep the event loop
// alive (the CLI exits the same way).
Deno.exit(0);
