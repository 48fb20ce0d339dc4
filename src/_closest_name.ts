/**
 * "Did you mean" for mistyped names (options, commands, roster keys).
 *
 * @module
 */

/**
 * The candidate closest to `word`, when it is close enough to be a likely typo: at most one
 * edit (insertion, deletion, substitution or swap of neighbours) per three characters, at
 * least one. Ties go to the earlier candidate.
 *
 * @param word What was typed.
 * @param candidates The names that exist.
 * @returns The suggestion, or undefined when nothing is close.
 *
 * @example
 * ```ts
 * import { closestName } from "./_closest_name.ts";
 * closestName("upstreem", ["label", "upstream"]); // "upstream"
 * closestName("frobnicate", ["label", "upstream"]); // undefined
 * ```
 */
export function closestName(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(word, candidate, bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance; anything at or above `cap` is reported as `cap`. */
function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) >= cap) return cap;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current.push(value);
    }
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, cap);
}
