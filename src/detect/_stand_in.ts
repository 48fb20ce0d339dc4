// Copyright the terok-vault authors. MIT license.
import { isPlaceholder } from "./_placeholder.ts";

/** Characters that split a token's body into parts (`github_pat_…_…`, `glrt-t1_…`). */
const SEPARATORS = /[-_.~/+=:]+/;
/**
 * Words people write where a token belongs (`YOUR_API_KEY`, `…AccessTokenHere`,
 * `REPLACE_WITH_…`, `RANDOMSTRINGHERE`), read in lower case without separators. Each is at
 * least six letters: a random body holds one by chance about once in 10^7 tokens.
 */
const STAND_IN_WORDS =
  /your(?:api|access|secret|auth|bot|personal|own)?(?:key|token|secret|password|passwd|pat)|(?:key|token|secret|password)here|randomstring|replacewith|replaceme|placeholder|insertyour|changeme|notarealkey|notreal(?:key|token)|dummy(?:key|token|secret)|redacted/;
/** Consecutive characters counted as an alphabet run (`abcdefgh`, `12345678`, `9876…`). */
const MIN_RUN = 8;

/**
 * Whether the variable part of a token is a stand-in a careful reader sees at once, beyond a
 * plain placeholder ({@linkcode isPlaceholder}): every part between separators a placeholder
 * (`XXXX-XXXX`, `T0000000/B0000000/XXXX`), four fifths of it in long placeholder parts, a
 * spelled-out stand-in, or an alphabet run.
 * Random bodies hold none of these; when in doubt it answers `false` (the match is kept).
 */
export function isStandIn(variable: string): boolean {
  const parts = variable.split(SEPARATORS).filter((part) => part.length > 0);
  if (parts.length > 1 && parts.every(isFiller)) return true;
  // Mostly filler (`bP88Q~xxxx…`: a structured head, then only a placeholder): 80 % or more.
  const filler = parts.filter((part) => part.length >= 8 && isFiller(part));
  const length = (list: string[]) => list.reduce((sum, part) => sum + part.length, 0);
  if (length(filler) >= 0.8 * length(parts)) return true;
  const letters = variable.replace(/[^A-Za-z0-9]/g, "");
  return STAND_IN_WORDS.test(letters.toLowerCase()) || hasAlphabetRun(letters);
}

/**
 * A part that carries nothing random: a placeholder, one type letter before a placeholder
 * (`T00000000`), at most two characters (`tx` in `glrt-tx_xxxx…`), or an alphabet run.
 */
function isFiller(part: string): boolean {
  return part.length <= 2 || isPlaceholder(part) || isPlaceholder(part.slice(1)) ||
    (part.length >= 4 && runLength(part, 0) === part.length);
}

/** Whether `text` holds MIN_RUN consecutive characters counting up or down (one pass). */
function hasAlphabetRun(text: string): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < text.length; i++) {
    const [a, b] = [text.charCodeAt(i - 1), text.charCodeAt(i)];
    up = next(a) === b ? up + 1 : 1;
    down = next(b) === a ? down + 1 : 1;
    if (up >= MIN_RUN || down >= MIN_RUN) return true;
  }
  return false;
}

/** Length of the run starting at `from` whose characters count up by one (or all down). */
function runLength(text: string, from: number): number {
  if (from + 1 >= text.length) return text.length - from;
  const step = next(text.charCodeAt(from)) === text.charCodeAt(from + 1)
    ? 1
    : next(text.charCodeAt(from + 1)) === text.charCodeAt(from)
    ? -1
    : 0;
  if (step === 0) return 1;
  let end = from + 1;
  while (end + 1 < text.length) {
    const [a, b] = [text.charCodeAt(end), text.charCodeAt(end + 1)];
    if (step === 1 ? next(a) !== b : next(b) !== a) break;
    end++;
  }
  return end - from + 1;
}

/** The character after `code` in an alphabet run: `9` is followed by `0` (`1234567890`). */
function next(code: number): number {
  return code === 57 ? 48 : code + 1;
}
