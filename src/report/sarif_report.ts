/**
 * A scan report as a SARIF 2.1.0 log (`scan --format sarif`), for code-scanning dashboards.
 *
 * @module
 */

import { fingerprint } from "../detect/_sha256.ts";
import type { Evidence, ScanReport } from "../mounts/types.ts";
import { type SarifRule, sarifRules } from "./_sarif_rules.ts";

/** The SARIF version and schema this log follows. */
const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** The `uriBaseId` every result's file is relative to: the real mounts dir. */
const MOUNTS_BASE = "MOUNTS";

/** How an exposed file is described, and why it is not an open alert. */
const EXPOSED = "exposed on purpose by terok's config.yml";
const EXPOSED_WHY = "terok's config.yml sets experimental and agent.<name>.expose_oauth_token, " +
  "so terok puts this real token in the shared mount on purpose; every container can read it";

/** The name of our `partialFingerprints` entry; the `/v1` changes if its recipe ever does. */
const FINGERPRINT_NAME = "terokVaultLocation/v1";

/** What the operator's allowlist and a baseline say about the evidence (docs/accepted.md). */
export interface SarifMarks {
  /** A baseline was given: every result then has a `baselineState`. */
  baseline: boolean;
  /**
   * The reason of the allowlist entry accepting `item`, and whether the baseline holds it (an
   * exposed file's item: never accepted; known when the baseline lists it as exposed).
   */
  of(item: Evidence): { acceptedReason?: string; known?: boolean };
}

/**
 * One item that was found: a leak at a credential path, a secret in a credential file terok's
 * config exposes on purpose, or a deep-scan finding.
 */
interface Located {
  kind: "leak" | "exposed" | "finding";
  provider: string | null;
  path: string;
  item: Evidence;
}

/**
 * Builds the SARIF 2.1.0 log of one scan: one `rule` per detection rule, one `result` per
 * piece of evidence with its file (relative to the mounts dir), its line where known, its key
 * path, and a `partialFingerprints` entry that stays the same across scans while the secret
 * stays where it is. Never the secret: the redacted form at most.
 *
 * A secret in a credential file terok's config.yml exposes on purpose is a result of kind
 * `exposed`, level `note`, with an external suppression that says why: a dashboard shows it as
 * dismissed, not as an open alert.
 *
 * A scan that did not see everything (a provider skipped, a deep scan incomplete) says so in
 * its invocation: `executionSuccessful: false` and one notification per reason.
 *
 * @param report The scan's report.
 * @param version terok-vault's version, for the tool's driver.
 * @param marks Accepted and known items: an accepted result gets a `suppressions` entry (kind
 * `external`, status `accepted`, the entry's reason as justification); with a baseline every
 * result gets `baselineState` `unchanged` (known) or `new`, an exposed file's result too.
 * @returns The SARIF log, ready for `JSON.stringify`.
 *
 * @example An empty report
 * ```ts
 * import { sarifReport } from "./sarif_report.ts";
 * const log = sarifReport(
 *   {
 *     mountsDir: "/m",
 *     mountsDirExists: true,
 *     inspected: 0,
 *     leaks: [],
 *     observations: [],
 *     skipped: [],
 *   },
 *   "0.1.0",
 * );
 * // log.runs[0].results is []
 * ```
 */
export function sarifReport(report: ScanReport, version: string, marks?: SarifMarks) {
  const located: Located[] = [];
  for (const leak of report.leaks) {
    for (const item of leak.evidence) {
      located.push({ kind: "leak", provider: leak.provider, path: leak.path, item });
    }
  }
  for (const file of report.exposed ?? []) {
    for (const item of file.evidence) {
      located.push({ kind: "exposed", provider: file.provider, path: file.path, item });
    }
  }
  for (const finding of report.findings ?? []) {
    for (const item of finding.evidence) {
      located.push({ kind: "finding", provider: finding.provider, path: finding.path, item });
    }
  }
  const rules = sarifRules(located.map(({ item }) => item.rule));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const base = report.mountsDir.endsWith("/") ? report.mountsDir : `${report.mountsDir}/`;
  const notifications = incompleteness(report);
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0" as const,
    runs: [{
      tool: {
        driver: {
          name: "terok-vault",
          version,
          informationUri: "https://github.com/terok-ai/terok",
          rules,
        },
      },
      originalUriBaseIds: { [MOUNTS_BASE]: { uri: fileUri(base) } },
      invocations: [{
        executionSuccessful: notifications.length === 0,
        ...(notifications.length === 0 ? {} : { toolExecutionNotifications: notifications }),
      }],
      results: located.map((entry) => ({
        ...result(entry, base, rules, ruleIndex),
        ...(marks === undefined ? {} : acceptance(marks, entry)),
      })),
    }],
  };
}

function result(
  { kind, provider, path, item }: Located,
  base: string,
  rules: readonly SarifRule[],
  ruleIndex: ReadonlyMap<string, number>,
) {
  const index = ruleIndex.get(item.rule)!;
  const relative = path.startsWith(base) ? path.slice(base.length) : undefined;
  const artifactLocation = relative === undefined
    ? { uri: fileUri(path) }
    : { uri: encodePath(relative), uriBaseId: MOUNTS_BASE };
  const where = item.keyPath ?? (item.line === null ? null : `line ${item.line}`);
  // A verdict names no value, so there is nothing redacted to show (as in the text output).
  const verdict = item.rule === "unrecognized-content" || item.rule === "oversized";
  const what = kind === "finding"
    ? `in a file of the mounts${provider === null ? "" : ` ('${provider}')`}`
    : `in the credential file of '${provider}'${kind === "exposed" ? `, ${EXPOSED}` : ""}`;
  const shown = verdict ? "" : `: ${item.redacted}`;
  return {
    ruleId: item.rule,
    ruleIndex: index,
    level: kind === "exposed" ? "note" : rules[index]!.defaultConfiguration.level,
    message: {
      text: `${item.description} ${what}${where === null ? "" : ` at ${where}`}${shown}`,
    },
    locations: [{
      physicalLocation: {
        artifactLocation,
        ...(item.line === null ? {} : { region: { startLine: item.line } }),
      },
      ...(item.keyPath === null ? {} : {
        logicalLocations: [{ fullyQualifiedName: item.keyPath, kind: "member" }],
      }),
    }],
    partialFingerprints: { [FINGERPRINT_NAME]: locationFingerprint(item, relative ?? path) },
    ...(kind === "exposed"
      ? { suppressions: [{ kind: "external", justification: `${EXPOSED_WHY}.` }] }
      : {}),
    properties: {
      kind,
      provider,
      key_path: item.keyPath,
      redacted: verdict ? null : item.redacted,
      fingerprint: item.fingerprint,
    },
  };
}

/**
 * SARIF's own words for an accepted result (a suppression) and a known one (baseline state).
 * An exposed file's result keeps its own suppression: terok's config.yml, not the allowlist,
 * decides about it.
 */
function acceptance(marks: SarifMarks, { kind, item }: Located) {
  const { acceptedReason, known } = marks.of(item);
  return {
    ...(acceptedReason === undefined || kind === "exposed" ? {} : {
      suppressions: [{ kind: "external", status: "accepted", justification: acceptedReason }],
    }),
    ...(marks.baseline ? { baselineState: known === true ? "unchanged" : "new" } : {}),
  };
}

/**
 * What stays while the secret stays where it is, hashed: the rule, the file, the key path (or
 * the line, when there is none) and the secret's fingerprint when it has one. A password has
 * none, so its entry moves only with its place, and no wordlist can be tried against it.
 */
function locationFingerprint(item: Evidence, path: string): string {
  const place = item.keyPath === null ? `line:${item.line ?? ""}` : `key:${item.keyPath}`;
  return fingerprint(JSON.stringify([item.rule, path, place, item.fingerprint ?? ""]));
}

/** Why the scan did not see everything, as SARIF notifications. */
function incompleteness(report: ScanReport) {
  const notes: { level: "warning"; message: { text: string } }[] = [];
  const note = (text: string) => notes.push({ level: "warning", message: { text } });
  for (const skip of report.skipped) {
    note(`credential leak scan skipped '${skip.provider}': ${skip.reason}`);
  }
  for (const limit of report.deep?.limitsHit ?? []) {
    note(`deep scan reached its ${limit.limit} bound of ${limit.bound} at '${limit.path}'`);
  }
  for (const item of report.deep?.unread ?? []) {
    note(`deep scan could not read '${item.path}': ${item.reason}`);
  }
  return notes;
}

/** An absolute path as a `file://` URI, each segment percent-encoded. */
function fileUri(path: string): string {
  return `file://${encodePath(path)}`;
}

function encodePath(path: string): string {
  return path.split("/").map((segment) => encodeURIComponent(segment)).join("/");
}
