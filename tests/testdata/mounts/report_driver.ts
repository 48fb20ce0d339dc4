// Copyright the terok-vault authors. MIT license.
/**
 * Prints the JSON report of one scanMounts or cleanMounts call, so a test can run it under
 * narrowed permissions.
 *
 * Usage: deno run --allow-read=MOUNTS [...] report_driver.ts scan|clean|dry-run MOUNTS TARGETS_JSON
 */
import { cleanMounts, scanMounts } from "../../../src/mounts/mod.ts";

const [mode, mounts, targets] = Deno.args as [string, string, string];
const parsed = JSON.parse(targets);
const report = mode === "scan"
  ? await scanMounts(mounts, parsed)
  : await cleanMounts(mounts, parsed, { dryRun: mode === "dry-run" });
console.log(JSON.stringify(report));
Deno.exit(0);
