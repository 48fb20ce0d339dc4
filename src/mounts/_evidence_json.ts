// Copyright the terok-vault authors. MIT license.
/**
 * Evidence in its JSON form: the quarantine manifest keeps it, and `scan --json` prints it.
 * Apart from the quarantine store, so that a plain scan's report does not load clean's code.
 *
 * @module
 */
import type { Evidence } from "./types.ts";

/** One evidence item as the manifest keeps it (the report's JSON form). */
export interface ManifestEvidence {
  /** Stable rule id. */
  rule: string;
  /** One line, for people. */
  description: string;
  /** Dotted key path, or null. */
  key_path: string | null;
  /** 1-based line, or null. */
  line: number | null;
  /** Public prefix, an ellipsis, the last 4 characters. */
  redacted: string;
  /** First 16 hex digits of the secret's SHA-256, or null. */
  fingerprint: string | null;
}

/** The evidence in its JSON form. */
export function manifestEvidence(evidence: readonly Evidence[]): ManifestEvidence[] {
  return evidence.map((item) => ({
    rule: item.rule,
    description: item.description,
    key_path: item.keyPath,
    line: item.line,
    redacted: item.redacted,
    fingerprint: item.fingerprint,
  }));
}
