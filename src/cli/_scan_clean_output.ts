/**
 * How `scan` and `clean` report: text on stdout, notes on stderr, and the JSON object.
 *
 * @module
 */

import type {
  CleanReport,
  DeepStats,
  Evidence,
  Finding,
  Leak,
  LimitHit,
  RemovedLeak,
  ScanReport,
} from "../mounts/types.ts";
import { manifestEvidence } from "../mounts/_evidence_json.ts";
import { style } from "./_style.ts";
import { printMessage } from "./_messages.ts";
import { type CliIo, writeLine } from "./cli_io.ts";
import {
  type Acceptance,
  evidenceMarkJson,
  evidenceMarkText,
  itemMarkJson,
  itemMarkText,
  NO_ACCEPTANCE,
} from "./_acceptance.ts";
import type { ItemMarks } from "../allow/types.ts";

export function stderrIsTerminal(): boolean {
  try {
    return Deno.stderr.isTerminal();
  } catch {
    return false;
  }
}

/** A deep scan that reached a bound or left something unread did not see everything. */
export function deepIncomplete(report: ScanReport): boolean {
  const deep = report.deep;
  return deep !== undefined && (deep.limitsHit.length > 0 || deep.unread.length > 0);
}

/** One stderr line in the CLI's one scheme: `terok-vault: <severity>: <message>`. */
export const tell = printMessage;

/** Observations and skips go to stderr; an escape is told once, by its skip line. */
export function printNotes(report: ScanReport, io: CliIo): void {
  if (!report.mountsDirExists) {
    tell(io, "note", `mounts dir '${report.mountsDir}' does not exist: nothing is shared`);
  }
  for (const note of report.observations) {
    if (note.kind === "escape") continue;
    tell(io, "note", `'${note.provider}' ${note.detail}: ${note.path}`);
  }
  // A provider's credential file and its config (.claude.json) share a host dir: one line.
  const told = new Set<string>();
  for (const skip of report.skipped) {
    const line = `credential leak scan skipped '${skip.provider}': ${skip.reason}`;
    if (!told.has(line)) tell(io, "warning", line);
    told.add(line);
  }
  const deep = report.deep;
  if (deep === undefined) return;
  for (const limit of deep.limitsHit) {
    tell(
      io,
      "warning",
      `deep scan reached its bound of ${limit.bound} ${LIMIT_UNITS[limit.limit]} ` +
        `${limit.count} time(s), first at '${limit.path}'; the scan is incomplete`,
    );
  }
  for (const item of deep.unread) {
    tell(io, "warning", `deep scan could not read '${item.path}': ${item.reason}`);
  }
}

const LIMIT_UNITS: Record<LimitHit["limit"], string> = {
  depth: "directory levels",
  entries_per_dir: "entries per directory",
  entries_total: "entries in total",
  bytes_per_file: "bytes per file",
  bytes_total: "bytes in total",
  evidence_total: "evidence items in total",
  dir_size: "bytes of directory size (st_size)",
  unread_total: "unread paths listed",
};

/** Exit 3 says it too; the line keeps "No leaked ..." from reading as "the mounts are clean". */
export function printUnchecked(
  report: ScanReport,
  io: CliIo,
  accept: Acceptance = NO_ACCEPTANCE,
): void {
  if (countedItems(report, accept) > 0) return;
  if (deepIncomplete(report)) {
    tell(io, "warning", "the deep scan is incomplete, so the mounts are not known to be clean");
  }
  if (report.skipped.length === 0) return;
  const providers = new Set(report.skipped.map((skip) => skip.provider)).size;
  tell(
    io,
    "warning",
    `${providers} provider(s) could not be checked, so the mounts are not known to be clean`,
  );
}

/** Leaks and findings that count for the exit code: neither accepted nor known. */
export function countedItems(report: ScanReport, accept: Acceptance): number {
  return report.leaks.filter((leak) => accept.counted(leak, "leak")).length +
    (report.findings ?? []).filter((finding) => accept.counted(finding, "finding")).length;
}

/** `    <rule> at <key path or line N>: <redacted>`, one per evidence item. */
function printEvidence(evidence: readonly Evidence[], io: CliIo, marks?: ItemMarks): void {
  for (const [index, item] of evidence.entries()) {
    const where = item.keyPath ?? (item.line === null ? null : `line ${item.line}`);
    // A verdict without a secret value to point at (unrecognized content, oversized).
    const verdict = item.rule === "unrecognized-content" || item.rule === "oversized";
    const shown = verdict ? item.description : item.redacted;
    const mark = evidenceMarkText(marks?.evidence[index]);
    writeLine(io, `    ${item.rule}${where === null ? "" : ` at ${where}`}: ${shown}${mark}`);
  }
}

export function printLeaks(
  report: ScanReport,
  io: CliIo,
  accept: Acceptance = NO_ACCEPTANCE,
): void {
  if (report.leaks.length === 0) {
    writeLine(io, "No leaked credential files found.");
  } else {
    const heading = `Leaked credential files in ${report.mountsDir}:`;
    writeLine(io, `${style(io.colorStdout, "bold", heading)}`);
    for (const leak of report.leaks) {
      const marks = accept.marks(leak, "leak");
      writeLine(io, `  ${leak.provider}: ${leak.path}${itemMarkText(marks)}`);
      printEvidence(leak.evidence, io, marks);
    }
  }
  printExposed(report, io);
  if (report.deep !== undefined) printFindings(report.findings ?? [], report.deep, io, accept);
  printNotCounted(report, io, accept);
}

/** One line when some items do not count: how many are accepted, how many known. */
function printNotCounted(report: ScanReport, io: CliIo, accept: Acceptance): void {
  if (!accept.active) return;
  const items = [
    ...report.leaks.map((leak) => accept.marks(leak, "leak")),
    ...(report.findings ?? []).map((finding) => accept.marks(finding, "finding")),
  ];
  const accepted = items.filter((marks) => marks.accepted).length;
  const known = items.filter((marks) => marks.known).length;
  if (accepted + known === 0) return;
  writeLine(
    io,
    `Not counted: ${accepted} accepted (allowlist), ${known} known (baseline); they stay ` +
      "listed above.",
  );
}

/**
 * Credential files terok's config.yml exposes to the containers on purpose: not leaks, never
 * removed, but every container can read them, so they are shown with their evidence.
 */
export function printExposed(report: ScanReport, io: CliIo): void {
  const exposed = report.exposed ?? [];
  if (exposed.length === 0) return;
  const heading = "Credential files exposed on purpose (terok's config.yml: experimental and " +
    "agent.<name>.expose_oauth_token; readable by every container, never removed):";
  writeLine(io, `${style(io.colorStdout, "bold", heading)}`);
  for (const file of exposed) {
    writeLine(io, `  ${file.provider}: ${file.path}`);
    printEvidence(file.evidence, io);
  }
}

/** Secrets outside the credential paths: reported, never removed (rotate, then edit). */
function printFindings(
  findings: readonly Finding[],
  deep: DeepStats,
  io: CliIo,
  accept: Acceptance,
): void {
  if (findings.length === 0) writeLine(io, "No secrets found elsewhere in the mounts.");
  else {
    const heading = "Secrets found elsewhere in the mounts (not removed; rotate them):";
    writeLine(io, `${style(io.colorStdout, "bold", heading)}`);
    for (const finding of findings) {
      const marks = accept.marks(finding, "finding");
      const mark = itemMarkText(marks);
      writeLine(io, `  ${finding.provider ?? "(no roster entry)"}: ${finding.path}${mark}`);
      printEvidence(finding.evidence, io, marks);
    }
  }
  writeLine(
    io,
    `Deep scan: ${deep.files} file(s), ${deep.bytes} bytes read, ${deep.binarySkipped} ` +
      "binary skipped.",
  );
}

export function printRemovals(
  report: CleanReport,
  io: CliIo,
  accept: Acceptance = NO_ACCEPTANCE,
): void {
  for (const leak of report.wouldRemove) {
    writeLine(io, `Would ${leak.config ? "strip" : "remove"} ${leak.provider}: ${leak.path}`);
    printEvidence(leak.evidence, io, accept.marks(leak, "leak"));
  }
  for (const leak of report.spared) {
    const verb = report.dryRun ? "Would leave" : "Left";
    writeLine(io, `${verb} ${leak.provider}: ${leak.path} in place (accepted)`);
    printEvidence(leak.evidence, io, accept.marks(leak, "leak"));
  }
  for (const leak of report.removed) {
    writeLine(io, removalLine(leak));
    printEvidence(leak.evidence, io, accept.marks(leak, "leak"));
    if (leak.otherLinks > 0) {
      tell(
        io,
        "error",
        `removed the name '${leak.path}' of '${leak.provider}', but its content lives on ` +
          `under ${leak.otherLinks} other hard link(s): rotate the credential`,
      );
    }
  }
  for (const failure of report.failed) {
    tell(
      io,
      "error",
      `could not remove '${failure.provider}' ${failure.path}: ${failure.reason}`,
    );
  }
  if (report.leaks.length === 0) writeLine(io, "No leaked credential files found.");
  if (report.removed.some((leak) => leak.quarantined !== undefined)) {
    writeLine(
      io,
      "Put a file back with 'terok-vault quarantine restore ID' (or import the entry's " +
        "directory with terok's auth); the secrets should be rotated all the same.",
    );
  }
}

/** What happened to one leak: stripped, moved to the quarantine, or (--delete) removed. */
function removalLine(leak: RemovedLeak): string {
  const kept = leak.quarantined;
  if (kept === undefined) return `Removed ${leak.provider}: ${leak.path}`;
  if (leak.stripped !== undefined) {
    return `Stripped ${leak.provider}: ${leak.path} (removed ${leak.stripped.join(", ")}); ` +
      `the original is in quarantine ${kept.id}: ${kept.path}`;
  }
  return `Moved ${leak.provider}: ${leak.path} to quarantine ${kept.id}: ${kept.path}`;
}

/** The evidence in its JSON form, as the quarantine's manifests keep it too. */
const evidenceJson = manifestEvidence;

function leakJson(leak: Leak, accept: Acceptance = NO_ACCEPTANCE) {
  return itemJson(leak, accept.marks(leak, "leak"), accept);
}

/** A leak or finding in JSON, with the allowlist's and the baseline's marks where they apply. */
function itemJson(
  { provider, path, evidence }: Leak | Finding,
  marks: ItemMarks,
  accept: Acceptance,
) {
  const items = evidenceJson(evidence).map((item, index) => ({
    ...item,
    ...evidenceMarkJson(marks.evidence[index], accept.allowFile),
  }));
  return { provider, path, evidence: items, ...itemMarkJson(marks) };
}

function deepJson(deep: DeepStats) {
  return {
    files: deep.files,
    bytes: deep.bytes,
    binary_skipped: deep.binarySkipped,
    symlinks: deep.symlinks,
    special: deep.special,
    limits_hit: deep.limitsHit.map(({ limit, bound, count, path }) => ({
      limit,
      bound,
      count,
      path,
    })),
    unread: deep.unread.map(({ path, reason }) => ({ path, reason })),
  };
}

export function scanJson(report: ScanReport, accept: Acceptance = NO_ACCEPTANCE) {
  const deep = report.deep === undefined ? {} : {
    findings: (report.findings ?? []).map((finding) =>
      itemJson(finding, accept.marks(finding, "finding"), accept)
    ),
    deep: deepJson(report.deep),
  };
  return {
    mounts_dir: report.mountsDir,
    mounts_dir_exists: report.mountsDirExists,
    inspected: report.inspected,
    leaks: report.leaks.map((leak) => leakJson(leak, accept)),
    // Never marked: the allowlist and the baseline judge leaks and findings only.
    exposed: (report.exposed ?? []).map((file) => leakJson(file)),
    skipped: report.skipped.map(({ provider, reason }) => ({ provider, reason })),
    observations: report.observations.map(({ provider, kind, path, detail }) => ({
      provider,
      kind,
      path,
      detail,
    })),
    ...deep,
    ...accept.json(),
  };
}

export function cleanJson(report: CleanReport, accept: Acceptance = NO_ACCEPTANCE) {
  return {
    ...scanJson(report, accept),
    dry_run: report.dryRun,
    removed: report.removed.map((leak) => ({
      ...leakJson(leak, accept),
      other_links: leak.otherLinks,
      quarantine: leak.quarantined ?? null,
      ...(leak.stripped === undefined ? {} : { stripped: leak.stripped }),
    })),
    would_remove: report.wouldRemove.map((leak) => leakJson(leak, accept)),
    ...(accept.active ? { spared: report.spared.map((leak) => leakJson(leak, accept)) } : {}),
    failed: report.failed.map(({ provider, path, reason }) => ({ provider, path, reason })),
  };
}
