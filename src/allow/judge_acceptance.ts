/**
 * What the operator's allowlist and a baseline report say about one leak or finding.
 *
 * @module
 */

import { baselineKey } from "./_baseline_key.ts";
import { globRegExp } from "./_glob.ts";
import type {
  AllowEntry,
  Allowlist,
  Baseline,
  EvidenceMark,
  ItemMarks,
  JudgedItem,
} from "./types.ts";

/** The allowlist and baseline of one run. */
export interface AcceptancePolicy {
  /** The real mounts dir the items' paths lie in. */
  mountsDir: string;
  allowlist?: Allowlist | undefined;
  baseline?: Baseline | undefined;
}

/**
 * Builds the judge of one run: for each leak or finding, which evidence items an allowlist
 * entry accepts (the first that matches) and which the baseline already holds.
 *
 * An entry by fingerprint accepts an item with that fingerprint anywhere; an entry by rule
 * and path glob accepts an item of that rule in a finding whose path (relative to the mounts
 * dir) the glob matches, and never a leak at a credential path. The baseline knows an item by
 * rule, relative path and fingerprint; items without a fingerprint are never known. The item
 * is `accepted` when every evidence item is accepted, and `known` when every one is accepted
 * or known and some are only known.
 *
 * @param policy The real mounts dir, the allowlist and the baseline.
 * @returns The judge; pure, so `clean` may ask it while a directory is pinned.
 *
 * @example
 * ```ts
 * import { judgeAcceptance } from "./judge_acceptance.ts";
 * const judge = judgeAcceptance({ mountsDir: "/m" });
 * judge({ kind: "finding", path: "/m/a/b", evidence: [] }).accepted; // false
 * ```
 */
export function judgeAcceptance(policy: AcceptancePolicy): (item: JudgedItem) => ItemMarks {
  const entries = policy.allowlist?.active ?? [];
  const globs = new Map<AllowEntry, RegExp>();
  for (const entry of entries) {
    if (entry.path !== undefined) globs.set(entry, globRegExp(entry.path));
  }
  const prefix = policy.mountsDir.endsWith("/") ? policy.mountsDir : `${policy.mountsDir}/`;
  return (item) => {
    const relative = item.path.startsWith(prefix) ? item.path.slice(prefix.length) : undefined;
    const marks = item.evidence.map((evidence): EvidenceMark => {
      const mark: EvidenceMark = {};
      const accepted = entries.find((entry) => {
        if (entry.fingerprint !== undefined) return entry.fingerprint === evidence.fingerprint;
        return item.kind === "finding" && relative !== undefined && entry.rule === evidence.rule &&
          globs.get(entry)!.test(relative);
      });
      if (accepted !== undefined) mark.accepted = accepted;
      if (
        policy.baseline !== undefined && relative !== undefined && evidence.fingerprint !== null &&
        policy.baseline.keys.has(baselineKey(evidence.rule, relative, evidence.fingerprint))
      ) mark.known = true;
      return mark;
    });
    const all = marks.length > 0;
    const accepted = all && marks.every((mark) => mark.accepted !== undefined);
    const settled = all && marks.every((mark) => mark.accepted !== undefined || mark.known);
    return { evidence: marks, accepted, known: settled && !accepted };
  };
}
