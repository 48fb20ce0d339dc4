// Copyright the terok-vault authors. MIT license.
/**
 * Prints the JSON report of one scanMounts or cleanMounts call, so a test can run it under
 * narrowed permissions.
 *
 * Usage: deno run --allow-read=MOUNTS [...] report_driver.ts scan|deep|clean|dry-run MOUNTS TARGETS_JSON [unsafe]
 *
 * `unsafe` sets `unsafeOpenByName`.
 */
import { cleanMounts, scanMounts } from "../../../src/mounts/mod.ts";

const [mode, mounts, targets, unsafe] = Deno.args as [string, string, string, string?];
const parsed = JSON.parse(targets);
const unsafeOpenByName = unsafe === "unsafe";
const report = mode === "scan" || mode === "deep"
  ? await scanMounts(mounts, parsed, { deep: mode === "deep", unsafeOpenByName })
  : await cleanMounts(mounts, parsed, { dryRun: mode === "dry-run", unsafeOpenByName });
console.log(JSON.stringify(report));
Deno.exit(0);
