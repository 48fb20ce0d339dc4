// Copyright the terok-vault authors. MIT license.
import { MAX_EVIDENCE_PER_FILE, tokenEvidence } from "./_evidence.ts";
import { LineCounter } from "./_lines.ts";
import { scanTokens } from "./_token_scan.ts";
import type { Evidence } from "./types.ts";

/** Evidence of every token the rules find in a whole text. */
export function ruleEvidence(text: string, deep: boolean): Evidence[] {
  const { matches } = scanTokens(text, {
    from: 0,
    until: text.length,
    deep,
    limit: MAX_EVIDENCE_PER_FILE,
  });
  const lines = new LineCounter(text);
  return matches.map((match) =>
    tokenEvidence(match.rule, match.value, lines.lineAt(match.index), null)
  );
}
