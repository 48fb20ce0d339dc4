/**
 * The `scan` and `clean` commands: roster in, report out.
 *
 * @module
 */

// Each import names its defining file, never a mod.ts: a plain scan loads neither clean's
// quarantine and strip code nor deep's, watch's or the roster's JSON Schema
// (tests/start_up_graph_test.ts).
import type { CleanReport, DeepOptions, ScanReport } from "../mounts/types.ts";
import { scanMounts } from "../mounts/scan_mounts.ts";
import denoConfig from "../../deno.json" with { type: "json" };
import { credentialTargets } from "../roster/credential_targets.ts";
import type { Roster } from "../roster/types.ts";
import { deepProviders } from "./_deep_providers.ts";
import { loadCommandRoster } from "./_load_roster.ts";
import type { CliIo } from "./cli_io.ts";
import { type Acceptance, loadAcceptance } from "./_acceptance.ts";
import {
  cleanJson,
  countedItems,
  deepIncomplete,
  printExposed,
  printLeaks,
  printNotes,
  printRemovals,
  printUnchecked,
  scanJson,
  stderrIsTerminal,
} from "./_scan_clean_output.ts";
import type { FileInvocation, Locations } from "./locations.ts";

type ScanInvocation = Extract<FileInvocation, { command: "scan" | "clean" }>;

/**
 * Scans (or cleans) the mounts dir for the roster's credential files and prints the report.
 *
 * Requires `--allow-read` on the roster directories and the mounts dir, and for `clean`
 * without `--dry-run` `--allow-write` on the mounts dir.
 *
 * @param invocation The parsed `scan` or `clean` command line.
 * @param locations Its absolute paths.
 * @param io Where to write.
 * @param exposed Roster entries whose credential file terok's config.yml exposes on purpose:
 * reported apart, never removed, and not a leak for the exit code.
 * @returns The exit code (docs/output.md, "Exit codes").
 * @throws {RosterError} When the roster cannot be loaded.
 *
 * @example Scan the default mounts dir with the built-in roster
 * ```ts
 * import { runScanClean } from "./run_scan_clean.ts";
 * import { processIo } from "./cli_io.ts";
 * await runScanClean(
 *   { command: "scan", json: false, roster: { noUser: true } },
 *   { userDir: null, mountsDir: "/var/lib/terok/sandbox-live/mounts" },
 *   processIo(),
 * );
 * ```
 */
export async function runScanClean(
  invocation: ScanInvocation,
  locations: Locations,
  io: CliIo,
  exposed: readonly string[] = [],
): Promise<number> {
  const roster = await loadCommandRoster(locations, io);
  const targets = credentialTargets(roster);
  const mountsDir = locations.mountsDir ?? ".";
  const accept = await loadAcceptance(invocation, locations, io);
  if (invocation.command === "scan") {
    const deep = invocation.deep === true;
    const progress = { shown: false };
    const format = invocation.format ?? (invocation.json ? "json" : "text");
    const quiet = format !== "text";
    const options = {
      ...(deep ? { deep: deepOptions(roster, quiet, io, progress) } : {}),
      exposed,
      ...(invocation.unsafeOpenByName ? { unsafeOpenByName: true } : {}),
    };
    const report = await scanMounts(mountsDir, targets, options);
    if (progress.shown) io.progress?.("");
    printNotes(report, io);
    if (format === "json") io.stdout(`${JSON.stringify(scanJson(report, accept), null, 2)}\n`);
    else if (format === "sarif") {
      // Loaded only for SARIF: the other formats never pay for it.
      const { sarifReport } = await import("../report/mod.ts");
      const log = sarifReport(report, denoConfig.version, accept.sarif(report));
      io.stdout(`${JSON.stringify(log, null, 2)}\n`);
    } else printLeaks(report, io, accept);
    printUnchecked(report, io, accept);
    return scanExitCode(report, accept);
  }
  const { cleanMounts } = await import("../mounts/clean_mounts.ts");
  const report = await cleanMounts(mountsDir, targets, {
    dryRun: invocation.dryRun,
    delete: invocation.delete,
    strip: invocation.strip,
    ...(invocation.unsafeOpenByName ? { unsafeOpenByName: true } : {}),
    exposed,
    ...(accept.active ? { spare: accept.spare } : {}),
  });
  printNotes(report, io);
  if (invocation.json) io.stdout(`${JSON.stringify(cleanJson(report, accept), null, 2)}\n`);
  else {
    printRemovals(report, io, accept);
    printExposed(report, io);
  }
  printUnchecked(report, io, accept);
  return cleanExitCode(report);
}

/** Findings are attributed to every roster entry naming a host dir, not just routed ones. */
function deepOptions(
  roster: Roster,
  json: boolean,
  io: CliIo,
  progress: { shown: boolean },
): DeepOptions {
  const providers = deepProviders(roster);
  const options: DeepOptions = { providers };
  if (!json && stderrIsTerminal()) {
    options.onProgress = (stats) => {
      progress.shown = true;
      io.progress?.(`terok-vault: note: deep scan: ${stats.files} files, ${mib(stats.bytes)} read`);
    };
  }
  return options;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Accepted and known items are listed but do not count (docs/accepted.md). */
function scanExitCode(report: ScanReport, accept: Acceptance): number {
  if (countedItems(report, accept) > 0) return 1;
  return report.skipped.length > 0 || deepIncomplete(report) ? 3 : 0;
}

function cleanExitCode(report: CleanReport): number {
  if (report.failed.length > 0) return 1;
  if (report.wouldRemove.length > 0) return 1;
  // A removed name whose content lives on under other hard links is still a live secret.
  if (report.removed.some((leak) => leak.otherLinks > 0)) return 1;
  return report.skipped.length > 0 ? 3 : 0;
}
