// Copyright the terok-vault authors. MIT license.
/** Longest run that may repeat and still read as a placeholder (`abcabc…`, `1234 1234…`). */
const MAX_PLACEHOLDER_PERIOD = 4;

/**
 * Whether the variable part of a token is a placeholder: one repeated character or a short
 * repeating run (`XXXX…`, `0000…`, `xxxx…`, `abcabc…`), possibly cut short at the end.
 * Real secrets are random; none has such a period.
 */
export function isPlaceholder(variable: string): boolean {
  if (variable.length === 0) return true;
  for (let period = 1; period <= MAX_PLACEHOLDER_PERIOD && period < variable.length; period++) {
    let repeats = true;
    for (let i = period; i < variable.length; i++) {
      if (variable.charCodeAt(i) !== variable.charCodeAt(i - period)) {
        repeats = false;
        break;
      }
    }
    if (repeats) return true;
  }
  return variable.length === 1;
}
