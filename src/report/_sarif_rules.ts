/**
 * The SARIF rule table: every detection rule the scanner can report, by stable id.
 *
 * @module
 */

import { RULES } from "../detect/rules.ts";

/** One SARIF `reportingDescriptor`, as much of it as we fill in. */
export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  defaultConfiguration: { level: "error" | "warning" };
}

/** The rules a format or a verdict reports, which are not token shapes of the rule table. */
const FORMAT_RULES: readonly { id: string; description: string; level: "error" | "warning" }[] = [
  {
    id: "secret-value",
    description: "Secret-bearing value of a known credential or config format",
    level: "error",
  },
  {
    id: "unrecognized-content",
    description:
      "Content in no known format and not a phantom (a credential file is judged fail-closed)",
    level: "error",
  },
  {
    id: "oversized",
    description: "File larger than the read bound; its content was not fully checked",
    level: "warning",
  },
];

/**
 * The token rules (their shape as the full description), then the format rules, then any
 * rule id the report names that neither table knows (so every result has its rule).
 */
export function sarifRules(seen: Iterable<string>): SarifRule[] {
  const rules: SarifRule[] = RULES.map((rule) => ({
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: `Shape: ${rule.shape}` },
    defaultConfiguration: { level: "error" },
  }));
  for (const rule of FORMAT_RULES) {
    rules.push({
      id: rule.id,
      shortDescription: { text: rule.description },
      defaultConfiguration: { level: rule.level },
    });
  }
  const known = new Set(rules.map((rule) => rule.id));
  for (const id of seen) {
    if (known.has(id)) continue;
    known.add(id);
    rules.push({ id, shortDescription: { text: id }, defaultConfiguration: { level: "error" } });
  }
  return rules;
}
