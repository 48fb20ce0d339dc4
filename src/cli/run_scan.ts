/**
 * The `scan` and `clean` commands: roster in, report out.
 *
 * @module
 */

import { cleanMounts, type CleanReport, scanMounts, type ScanReport } from "../mounts/mod.ts";
import { credentialTargets } from "../roster/mod.ts";
import { loadCommandRoster } from "./_load_roster.ts";
import { style } from "./_style.ts";
import type { CliIo } from "./cli_io.ts";
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
 * @returns The exit code of cli.md.
 * @throws {RosterError} When the roster cannot be loaded.
 *
 * @example Scan the default mounts dir with the built-in roster
 * ```ts
 * import { runScan } from "./run_scan.ts";
 * import { processIo } from "./cli_io.ts";
 * await runScan(
 *   { command: "scan", json: false, roster: { noUser: true } },
 *   { userDir: null, mountsDir: "/var/lib/terok/sandbox-live/mounts" },
 *   processIo(),
 * );
 * ```
 */
export async function runScan(
  invocation: ScanInvocation,
  locations: Locations,
  io: CliIo,
): Promise<number> {
  const targets = credentialTargets(await loadCommandRoster(locations, io));
  const mountsDir = locations.mountsDir ?? ".";
  if (invocation.command === "scan") {
    const report = await scanMounts(mountsDir, targets);
    printNotes(report, io);
    if (invocation.json) io.stdout(`${JSON.stringify(scanJson(report), null, 2)}\n`);
    else printLeaks(report, io);
    return scanExitCode(report);
  }
  const report = await cleanMounts(mountsDir, targets, { dryRun: invocation.dryRun });
  printNotes(report, io);
  if (invocation.json) io.stdout(`${JSON.stringify(cleanJson(report), null, 2)}\n`);
  else printRemovals(report, io);
  return cleanExitCode(report);
}

function scanExitCode(report: ScanReport): number {
  if (report.leaks.length > 0) return 1;
  return report.skipped.length > 0 ? 3 : 0;
}

function cleanExitCode(report: CleanReport): number {
  if (report.failed.length > 0) return 1;
  if (report.dryRun && report.removed.length > 0) return 1;
  return report.skipped.length > 0 ? 3 : 0;
}

/** Observations and skips go to stderr; an escape is told once, by its skip line. */
function printNotes(report: ScanReport, io: CliIo): void {
  if (!report.mountsDirExists) {
    io.stderr(`Mounts dir ${report.mountsDir} does not exist: nothing is shared.\n`);
  }
  const warning = style(io.colorStderr, "yellow", "Warning [vault]");
  for (const note of report.observations) {
    if (note.kind === "escape") continue;
    io.stderr(`Notice [vault]: '${note.provider}' ${note.detail}: ${note.path}\n`);
  }
  for (const skip of report.skipped) {
    io.stderr(`${warning}: credential leak scan skipped '${skip.provider}': ${skip.reason}\n`);
  }
  if (report.skipped.length > 0 && report.leaks.length === 0) {
    // Exit 3 says it too; the line keeps "No leaked credential files found." from reading as
    // "the mounts are clean" to a person.
    io.stderr(
      `${warning}: ${report.skipped.length} provider(s) could not be checked, so the mounts ` +
        "are not known to be clean\n",
    );
  }
}

function printLeaks(report: ScanReport, io: CliIo): void {
  if (report.leaks.length === 0) {
    io.stdout("No leaked credential files found.\n");
    return;
  }
  const heading = `Leaked credential files in ${report.mountsDir}:`;
  io.stdout(`${style(io.colorStdout, "bold", heading)}\n`);
  for (const leak of report.leaks) io.stdout(`  ${leak.provider}: ${leak.path}\n`);
}

function printRemovals(report: CleanReport, io: CliIo): void {
  const verb = report.dryRun ? "Would remove" : "Removed";
  for (const leak of report.removed) io.stdout(`${verb} ${leak.provider}: ${leak.path}\n`);
  const error = style(io.colorStderr, "red", "Error [vault]");
  for (const failure of report.failed) {
    io.stderr(
      `${error}: could not remove '${failure.provider}' ${failure.path}: ${failure.reason}\n`,
    );
  }
  if (report.removed.length === 0 && report.failed.length === 0) {
    io.stdout("No leaked credential files found.\n");
  }
}

function scanJson(report: ScanReport) {
  return {
    mounts_dir: report.mountsDir,
    mounts_dir_exists: report.mountsDirExists,
    inspected: report.inspected,
    leaks: report.leaks.map(({ provider, path }) => ({ provider, path })),
    skipped: report.skipped.map(({ provider, reason }) => ({ provider, reason })),
    observations: report.observations.map(({ provider, kind, path, detail }) => ({
      provider,
      kind,
      path,
      detail,
    })),
  };
}

function cleanJson(report: CleanReport) {
  return {
    ...scanJson(report),
    dry_run: report.dryRun,
    removed: report.removed.map(({ provider, path }) => ({ provider, path })),
    failed: report.failed.map(({ provider, path, reason }) => ({ provider, path, reason })),
  };
}
