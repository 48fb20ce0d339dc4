// Copyright the terok-vault authors. MIT license.
/**
 * Values that vendors and standards publish in their documentation as examples: in countless
 * docs, tests and vendored packages, never a leak.
 *
 * @module
 */

/** Rule id -> the secrets the documentation shows (the value a rule reports). */
const KNOWN_EXAMPLES: Readonly<Record<string, ReadonlySet<string>>> = {
  // MDN's URL examples (`https://anonymous:flabada@developer.mozilla.org/…`), which URL
  // libraries copy into their tests (opencode installs one into its config dir).
  "url-password": new Set(["flabada"]),
};

/** Whether `value`, as found by the rule `ruleId`, is a published documentation example. */
export function isKnownExample(ruleId: string, value: string): boolean {
  return Object.hasOwn(KNOWN_EXAMPLES, ruleId) && KNOWN_EXAMPLES[ruleId]!.has(value);
}
