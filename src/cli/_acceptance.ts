/**
 * The accepted and known items of one `scan`, `clean` or `watch` run (docs/accepted.md): the
 * allowlist and the baseline loaded once, each leak's and finding's marks, and how the
 * outputs show them.
 *
 * @module
 */

import type { Allowlist, Baseline, EvidenceMark, ItemMarks } from "../allow/mod.ts";
import type { Evidence, Finding, Leak, ScanReport } from "../mounts/types.ts";
import type { SarifMarks } from "../report/sarif_report.ts";
import { printMessage } from "./_messages.ts";
import type { CliIo } from "./cli_io.ts";
import type { FileInvocation, Locations } from "./locations.ts";

/** What the allowlist and the baseline say about this run's leaks and findings. */
export interface Acceptance {
  /** The marks of a leak (a credential path) or a finding; cached per item. */
  marks(item: Leak | Finding, kind: "leak" | "finding"): ItemMarks;
  /** Counts for the exit code: neither accepted nor known. */
  counted(item: Leak | Finding, kind: "leak" | "finding"): boolean;
  /** The leak is accepted whole: `clean` leaves it in place. */
  spare(leak: Leak): boolean;
  /** The top-level JSON fields (`allowlist`, `baseline`), when either was read. */
  json(): Record<string, unknown>;
  /** The SARIF view of the same marks, for the report's leaks and findings. */
  sarif(report: ScanReport): SarifMarks | undefined;
  /** Whether anything can be accepted or known at all. */
  readonly active: boolean;
  /** The allowlist file that was read, if any (`allowed_by` names it). */
  readonly allowFile: string | undefined;
}

type AcceptInvocation = Extract<FileInvocation, { command: "scan" | "clean" | "watch" }>;

/** No allowlist entry and no baseline: every item counts. */
export const NO_ACCEPTANCE: Acceptance = inactive(undefined);

const NOTHING: ItemMarks = { evidence: [], accepted: false, known: false };

/**
 * Loads the allowlist (`--allow-file`, or the default `vault-allow.yaml` when it exists) and
 * the `--baseline` report, and warns on stderr of every expired entry.
 *
 * Requires `--allow-read` on the two files and the mounts dir.
 *
 * @throws {AllowFileError} When a file is unusable; {RangeError} when a named one is missing.
 */
export async function loadAcceptance(
  invocation: AcceptInvocation,
  locations: Locations,
  io: CliIo,
): Promise<Acceptance> {
  const today = new Date().toISOString().slice(0, 10);
  let allowlist: Allowlist | undefined;
  let baseline: Baseline | undefined;
  const allowFile = invocation.allowFile === undefined && isAbsent(locations.allowFile)
    ? undefined
    : locations.allowFile;
  if (allowFile !== undefined || locations.baselineFile !== undefined) {
    const { loadAllowlist, loadBaseline } = await import("../allow/mod.ts");
    if (allowFile !== undefined) {
      const option = invocation.allowFile === undefined ? undefined : "--allow-file";
      allowlist = await loadAllowlist(allowFile, option, today);
    }
    if (locations.baselineFile !== undefined) baseline = await loadBaseline(locations.baselineFile);
  }
  for (const entry of allowlist?.expired ?? []) {
    printMessage(
      io,
      "warning",
      `${allowlist!.file}:${entry.line}: the entry for ${entryTarget(entry)} expired on ` +
        `${entry.expires} and accepts nothing any more (reason: ${entry.reason})`,
    );
  }
  if ((allowlist?.active.length ?? 0) === 0 && baseline === undefined) {
    return inactive(allowlist);
  }
  const { judgeAcceptance } = await import("../allow/mod.ts");
  const mountsDir = realMountsDir(locations.mountsDir);
  const judge = judgeAcceptance({ mountsDir, allowlist, baseline });
  const cache = new WeakMap<Leak | Finding, ItemMarks>();
  const byEvidence = new WeakMap<Evidence, EvidenceMark>();
  const marks = (item: Leak | Finding, kind: "leak" | "finding") => {
    let found = cache.get(item);
    if (found === undefined) {
      found = judge({ kind, path: item.path, evidence: item.evidence });
      cache.set(item, found);
      item.evidence.forEach((evidence, index) => byEvidence.set(evidence, found!.evidence[index]!));
    }
    return found;
  };
  return {
    active: true,
    allowFile: allowlist?.file,
    marks,
    counted: (item, kind) => {
      const found = marks(item, kind);
      return !found.accepted && !found.known;
    },
    spare: (leak) => marks(leak, "leak").accepted,
    json: () => topJson(allowlist, baseline),
    sarif: (report) => {
      report.leaks.forEach((leak) => marks(leak, "leak"));
      report.findings?.forEach((finding) => marks(finding, "finding"));
      if (baseline !== undefined && (report.exposed?.length ?? 0) > 0) {
        // Only for baselineState: an exposed file is never accepted, and it never counts.
        const exposedKeys = {
          file: baseline.file,
          keys: baseline.exposed,
          exposed: new Set<string>(),
        };
        const known = judgeAcceptance({ mountsDir, baseline: exposedKeys });
        for (const file of report.exposed ?? []) {
          const found = known({ kind: "leak", path: file.path, evidence: file.evidence });
          file.evidence.forEach((evidence, index) => {
            byEvidence.set(evidence, found.evidence[index]?.known ? { known: true } : {});
          });
        }
      }
      return sarifMarks(baseline !== undefined, byEvidence);
    },
  };
}

function sarifMarks(baseline: boolean, byEvidence: WeakMap<Evidence, EvidenceMark>): SarifMarks {
  return {
    baseline,
    of: (item) => {
      const mark = byEvidence.get(item) ?? {};
      return {
        ...(mark.accepted === undefined ? {} : { acceptedReason: mark.accepted.reason }),
        ...(mark.known ? { known: true } : {}),
      };
    },
  };
}

function inactive(allowlist: Allowlist | undefined): Acceptance {
  return {
    active: false,
    allowFile: allowlist?.file,
    marks: () => NOTHING,
    counted: () => true,
    spare: () => false,
    json: () => topJson(allowlist, undefined),
    sarif: () => undefined,
  };
}

/** `fingerprint 0123…` or `rule github-token at _codex-config/**`. */
function entryTarget(entry: Allowlist["active"][number]): string {
  return entry.fingerprint !== undefined
    ? `fingerprint ${entry.fingerprint}`
    : `rule ${entry.rule} at ${entry.path}`;
}

function topJson(allowlist: Allowlist | undefined, baseline: Baseline | undefined) {
  return {
    ...(allowlist === undefined ? {} : {
      allowlist: {
        file: allowlist.file,
        entries: allowlist.active.length + allowlist.expired.length,
        expired: allowlist.expired.map((entry) => ({
          line: entry.line,
          ...(entry.fingerprint !== undefined
            ? { fingerprint: entry.fingerprint }
            : { rule: entry.rule, path: entry.path }),
          reason: entry.reason,
          expires: entry.expires,
        })),
      },
    }),
    ...(baseline === undefined
      ? {}
      : { baseline: { file: baseline.file, items: baseline.keys.size } }),
  };
}

/** The mounts dir as the reports name it (its real path), or as given when it has none. */
function realMountsDir(mountsDir: string | undefined): string {
  const dir = mountsDir ?? ".";
  try {
    return Deno.realPathSync(dir);
  } catch {
    return dir;
  }
}

/** The JSON marks of one evidence item: `accepted`, `reason`, `allowed_by`, `known`. */
export function evidenceMarkJson(mark: EvidenceMark | undefined, file: string | undefined) {
  return {
    ...(mark?.accepted === undefined ? {} : {
      accepted: true,
      reason: mark.accepted.reason,
      allowed_by: `${file}:${mark.accepted.line}`,
    }),
    ...(mark?.known ? { known: true } : {}),
  };
}

/**
 * The item-level JSON marks: `accepted: true` with the `reason` (the entries' reasons, each
 * once, joined by "; ") when every item is accepted, or `known: true`.
 */
export function itemMarkJson(marks: ItemMarks) {
  const reasons = new Set(marks.evidence.map((mark) => mark.accepted?.reason ?? ""));
  return {
    ...(marks.accepted ? { accepted: true, reason: [...reasons].join("; ") } : {}),
    ...(marks.known ? { known: true } : {}),
  };
}

/** ` [accepted: <reason>]` or ` [known]` after an evidence line; nothing otherwise. */
export function evidenceMarkText(mark: EvidenceMark | undefined): string {
  if (mark?.accepted !== undefined) return ` [accepted: ${mark.accepted.reason}]`;
  return mark?.known ? " [known]" : "";
}

/** ` (accepted)` or ` (known)` after a leak's or finding's line; nothing otherwise. */
export function itemMarkText(marks: ItemMarks): string {
  return marks.accepted ? " (accepted)" : marks.known ? " (known)" : "";
}

/**
 * Whether the default allowlist does not exist (as `loadAllowlist` judges it, by `stat`): then
 * the allowlist code, its schema and the YAML parser are not loaded at all, as most hosts have
 * no allowlist.
 */
function isAbsent(path: string | undefined): boolean {
  if (path === undefined) return true;
  try {
    Deno.statSync(path);
    return false;
  } catch (error) {
    return error instanceof Deno.errors.NotFound;
  }
}
