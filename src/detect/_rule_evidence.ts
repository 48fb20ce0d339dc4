// Copyright the terok-vault authors. MIT license.
import { MAX_EVIDENCE_PER_FILE, tokenEvidence } from "./_evidence.ts";
import { isKnownExample } from "./_known_examples.ts";
import { LineCounter } from "./_lines.ts";
import { normalizeText, wrappedKeys } from "./_text_forms.ts";
import { scanTokens, type TokenMatch } from "./_token_scan.ts";
import type { Evidence } from "./types.ts";

/**
 * Evidence of every token the rules find in a whole text, in the forms text hides them in
 * too (colour codes, `\/` escapes, wrapped PEM blocks). `keyPathOf` names the key path of a
 * token found inside a parsed document's value.
 */
export function ruleEvidence(
  text: string,
  deep: boolean,
  keyPathOf: (token: string) => string | null = () => null,
): Evidence[] {
  const normal = normalizeText(text);
  const lines = new LineCounter(normal);
  return ruleMatches(normal, 0, normal.length, deep, MAX_EVIDENCE_PER_FILE).matches.map((match) =>
    tokenEvidence(match.rule, match.value, lines.lineAt(match.index), keyPathOf(match.value))
  );
}

/** The rules' matches and the wrapped keys' in `[from, until)` of a normalised text. */
export function ruleMatches(
  text: string,
  from: number,
  until: number,
  deep: boolean,
  limit: number,
): { matches: TokenMatch[]; end: number } {
  const scanned = scanTokens(text, { from, until, deep, limit });
  const known = scanned.matches.filter((match) => isKnownExample(match.rule.id, match.value));
  const scan = known.length === 0
    ? scanned
    : { ...scanned, matches: scanned.matches.filter((match) => !known.includes(match)) };
  const wrapped = wrappedKeys(text, { from, until, limit });
  if (wrapped.length === 0) return scan;
  const matches = [...scan.matches, ...wrapped].sort((a, b) => a.index - b.index).slice(0, limit);
  const last = matches[matches.length - 1]!;
  return { matches, end: Math.max(scan.end, last.index + 1) };
}
