// Copyright the terok-vault authors. MIT license.
import { redact } from "./_redact.ts";
import { fingerprint } from "./_sha256.ts";
import { publicPrefix, ruleOfValue } from "./_token_scan.ts";
import type { Evidence, Rule } from "./types.ts";

/** At most this many evidence items per file; a hostile file cannot make the report huge. */
export const MAX_EVIDENCE_PER_FILE = 100;

/** Evidence of a token a rule matched. */
export function tokenEvidence(
  rule: Rule,
  value: string,
  line: number | null,
  keyPath: string | null,
): Evidence {
  const prefix = publicPrefix(rule, value);
  return {
    rule: rule.id,
    description: rule.description,
    keyPath,
    line,
    redacted: rule.id === "private-key" ? `${prefix}…` : redact(value, prefix),
    fingerprint: fingerprint(rule.id === "private-key" ? unescapeLineBreaks(value) : value),
  };
}

/**
 * A PEM block inside a JSON or shell string has `\n` escapes for its line breaks; the key is
 * the same key, so it gets the same fingerprint as the block written with real line breaks.
 */
function unescapeLineBreaks(block: string): string {
  return block.replace(/\\r/g, "\r").replace(/\\n/g, "\n");
}

/** Evidence of a value a known format names secret-bearing: by its rule if it has a shape. */
export function valueEvidence(
  formatLabel: string,
  keyPath: string,
  value: string,
  line: number | null,
): Evidence {
  const rule = ruleOfValue(value);
  if (rule !== undefined) return tokenEvidence(rule, value, line, keyPath);
  return {
    rule: "secret-value",
    description: `Secret-bearing value of a ${formatLabel} file`,
    keyPath,
    line,
    redacted: redact(value, ""),
    fingerprint: fingerprint(value),
  };
}

/** Evidence of a verdict with no secret to point at. */
export function verdictEvidence(rule: "unrecognized-content" | "oversized"): Evidence {
  const description = rule === "oversized"
    ? "File larger than the read bound; its content was not fully checked"
    : "Content in no known format and not a phantom (a credential file is judged fail-closed)";
  return { rule, description, keyPath: null, line: null, redacted: "…", fingerprint: null };
}

/**
 * Joins evidence found by a format and by the rules: the same secret on the same line counts
 * once (the format's item, which knows the key path), and the list stays bounded.
 */
export function mergeEvidence(byFormat: Evidence[], byRules: Evidence[]): Evidence[] {
  const seen = new Set(byFormat.map((item) => `${item.fingerprint}@${item.line}`));
  const merged = [...byFormat];
  for (const item of byRules) {
    if (merged.length >= MAX_EVIDENCE_PER_FILE) break;
    const key = `${item.fingerprint}@${item.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(item);
  }
  // File order; items without a line (a verdict, a value not found verbatim) lead.
  return merged.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, MAX_EVIDENCE_PER_FILE);
}
