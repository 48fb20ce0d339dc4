// Copyright the terok-vault authors. MIT license.
import { redact } from "./_redact.ts";
import { fingerprint } from "./_sha256.ts";
import { publicPrefix, ruleOfValue } from "./_token_scan.ts";
import type { Evidence, Rule } from "./types.ts";

/** At most this many evidence items per file; a hostile file cannot make the report huge. */
export const MAX_EVIDENCE_PER_FILE = 100;

/**
 * Rules whose value is chosen by a person, not generated: a password. A dictionary would
 * recover it from an unkeyed hash, so it gets no fingerprint.
 */
const CHOSEN_VALUE_RULES = new Set(["url-password"]);
/** Estimated bits of a token's body below which it is not a random body (`Winter2024!`). */
const MIN_RANDOM_BITS = 48;
/**
 * The hash of each item's secret, kept out of the item: items are told apart by it when they
 * are merged, also where the published fingerprint is `null`.
 */
const SECRET_HASHES = new WeakMap<Evidence, string>();

function withHash(item: Evidence, hash: string): Evidence {
  SECRET_HASHES.set(item, hash);
  return item;
}

/**
 * Shannon entropy of `text` over its own characters, in bits for the whole text: an estimate
 * of how random a body is (a 36-character random alphanumeric body gives about 180).
 */
function estimatedBits(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= count * Math.log2(count / text.length);
  return bits;
}

/**
 * The published fingerprint: only for a token whose rule knows it by a generated, random
 * body (an API key, an OAuth token, a private key), never for a password or an unshaped
 * value, so no wordlist can be hashed against it.
 */
function publishedFingerprint(rule: Rule, body: string, hash: string): string | null {
  if (CHOSEN_VALUE_RULES.has(rule.id)) return null;
  return estimatedBits(body) >= MIN_RANDOM_BITS ? hash : null;
}

/** Evidence of a token a rule matched. */
export function tokenEvidence(
  rule: Rule,
  value: string,
  line: number | null,
  keyPath: string | null,
): Evidence {
  const prefix = publicPrefix(rule, value);
  const hash = fingerprint(rule.id === "private-key" ? unescapeLineBreaks(value) : value);
  return withHash({
    rule: rule.id,
    description: rule.description,
    keyPath,
    line,
    redacted: rule.id === "private-key" ? `${prefix}…` : redact(value, prefix),
    fingerprint: publishedFingerprint(rule, value.slice(prefix.length), hash),
  }, hash);
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
  // No shape tells that the value is random: it may be a password, so no fingerprint.
  return withHash({
    rule: "secret-value",
    description: `Secret-bearing value of a ${formatLabel} file`,
    keyPath,
    line,
    redacted: redact(value, ""),
    fingerprint: null,
  }, fingerprint(value));
}

/** Evidence of a verdict with no secret to point at. */
export function verdictEvidence(rule: "unrecognized-content" | "oversized"): Evidence {
  const description = rule === "oversized"
    ? "File larger than the read bound; its content was not fully checked"
    : "Content in no known format and not a phantom (a credential file is judged fail-closed)";
  return { rule, description, keyPath: null, line: null, redacted: "…", fingerprint: null };
}

/** Evidence of a value at a key its format does not know (judged fail-closed). */
export function unknownValueEvidence(keyPath: string, line: number | null): Evidence {
  return {
    rule: "unrecognized-content",
    description:
      "Value at a key this format does not know (a credential file is judged fail-closed)",
    keyPath,
    line,
    redacted: "…",
    fingerprint: null,
  };
}

/**
 * Joins evidence found by a format and by the rules: the same secret on the same line counts
 * once (the format's item, which knows the key path), and the list stays bounded.
 */
export function mergeEvidence(byFormat: Evidence[], byRules: Evidence[]): Evidence[] {
  const keyOf = (item: Evidence) => `${SECRET_HASHES.get(item) ?? item.rule}@${item.line}`;
  const seen = new Set(byFormat.map(keyOf));
  const merged = [...byFormat];
  for (const item of byRules) {
    if (merged.length >= MAX_EVIDENCE_PER_FILE) break;
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(item);
  }
  // File order; items without a line (a verdict, a value not found verbatim) lead.
  return merged.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, MAX_EVIDENCE_PER_FILE);
}
