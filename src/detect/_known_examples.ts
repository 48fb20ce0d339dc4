// Copyright the terok-vault authors. MIT license.
/**
 * Values that vendors and standards publish in their documentation as examples: in countless
 * docs, tests and vendored packages, never a leak.
 *
 * @module
 */

import { fingerprint } from "./_sha256.ts";

/** Rule id -> the secrets the documentation shows (the value a rule reports). */
const KNOWN_EXAMPLES: Readonly<Record<string, ReadonlySet<string>>> = {
  // MDN's URL examples (`https://anonymous:flabada@developer.mozilla.org/…`), which URL
  // libraries copy into their tests (opencode installs one into its config dir).
  "url-password": new Set(["flabada"]),
};

/**
 * Rule id -> fingerprints (first 16 hex digits of SHA-256) of key-shaped examples, kept as
 * fingerprints so the repository holds no key-shaped literal: the sample API keys of the
 * Firebase Android SDK (also in gitleaks' allowlist) and AWS's documented secret key.
 */
const KNOWN_EXAMPLE_FINGERPRINTS: Readonly<Record<string, ReadonlySet<string>>> = {
  "google-api-key": new Set([
    "f56e323494a6ffc2",
    "2037abcaffb2b777",
    "3f370c9dd8225c63",
    "e4a5542bb7fd7b67",
    "a19f89ab3555eac1",
    "0b476bdf9acf2123",
    "eb540d2b6ee2a0a4",
    "37f8f09bdf12c2f2",
    "8731261cb72d8626",
    "49f777db995e8260",
    "27a9a42931dff7eb",
    "dc0fcf046c61640c",
    "4c98242dcadc8b29",
    "ea9bb1082cf95663",
    "3a8b61d0f636b007",
    "a6c814bc555ae62c",
  ]),
  "aws-secret-access-key": new Set([
    "78314b11be2e5815",
  ]),
};

/** Whether `value`, as found by the rule `ruleId`, is a published documentation example. */
export function isKnownExample(ruleId: string, value: string): boolean {
  if (Object.hasOwn(KNOWN_EXAMPLES, ruleId) && KNOWN_EXAMPLES[ruleId]!.has(value)) return true;
  return Object.hasOwn(KNOWN_EXAMPLE_FINGERPRINTS, ruleId) &&
    KNOWN_EXAMPLE_FINGERPRINTS[ruleId]!.has(fingerprint(value));
}
