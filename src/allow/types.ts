/**
 * The shapes of accepted findings: the operator's allowlist, an earlier report as a
 * baseline, and what they say about one leak or finding.
 *
 * @module
 */

import type { Evidence } from "../detect/types.ts";

/** One allowlist entry: a fingerprint, or a rule and a path glob; with a reason. */
export type AllowEntry =
  & {
    /** Why the operator accepts it (shown with every item it accepts). */
    reason: string;
    /** The last day (UTC, `YYYY-MM-DD`) it accepts; absent: no expiry. */
    expires?: string;
    /** Its 1-based line in the file, for messages. */
    line: number;
  }
  & (
    | { fingerprint: string; rule?: undefined; path?: undefined }
    | { fingerprint?: undefined; rule: string; path: string }
  );

/** A loaded allowlist, split by today's date into the entries that accept and the expired. */
export interface Allowlist {
  /** The file it came from. */
  file: string;
  /** Entries that accept today. */
  active: AllowEntry[];
  /** Entries whose expiry has passed: reported, and they accept nothing. */
  expired: AllowEntry[];
}

/** The items an earlier `scan --json` report held, by rule, relative path and fingerprint. */
export interface Baseline {
  /** The report file. */
  file: string;
  /** `rule\0path relative to the mounts dir\0fingerprint` of each fingerprinted item. */
  keys: ReadonlySet<string>;
  /**
   * The same keys of the report's `exposed[]` items: only for SARIF's `baselineState` of an
   * exposed file's results; they never make a leak or finding known (once terok stops
   * exposing a file, a token in it is a leak).
   */
  exposed: ReadonlySet<string>;
}

/** What the allowlist or the baseline says about one evidence item. */
export interface EvidenceMark {
  /** The entry that accepts it. */
  accepted?: AllowEntry;
  /** The baseline holds it. */
  known?: true;
}

/** A leak or finding as the acceptance sees it. */
export interface JudgedItem {
  /** `leak`: a credential path (fingerprint entries only); `finding`: any other file. */
  kind: "leak" | "finding";
  /** Absolute path under the mounts dir. */
  path: string;
  evidence: readonly Evidence[];
}

/** What the allowlist and the baseline say about one leak or finding. */
export interface ItemMarks {
  /** One mark per evidence item, in order. */
  evidence: EvidenceMark[];
  /** Every evidence item is accepted: `clean` leaves it in place. */
  accepted: boolean;
  /** Every evidence item is accepted or known, and not all are accepted. */
  known: boolean;
}
