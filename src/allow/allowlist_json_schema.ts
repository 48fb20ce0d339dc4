/**
 * The JSON Schema of the allowlist file.
 *
 * @module
 */

import { ALLOWLIST_SCHEMA } from "./_allowlist_schema.ts";

/**
 * Returns the JSON Schema (draft 2020-12) of an allowlist file (`vault-allow.yaml`), generated
 * from the definition the loader validates with. Not expressed: that a `rule` names a known
 * rule, and that `expires` is a real calendar date.
 *
 * @returns A fresh copy, safe to modify.
 *
 * @example Write the schema for an editor
 * ```ts
 * import { allowlistJsonSchema } from "./allowlist_json_schema.ts";
 * console.log(JSON.stringify(allowlistJsonSchema(), null, 2));
 * ```
 */
export function allowlistJsonSchema(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "terok-vault allowlist (vault-allow.yaml)",
    description: "Accepted findings: entries by fingerprint, or by rule and path glob " +
      "(findings of scan --deep only), each with a reason and an optional last day.",
    ...ALLOWLIST_SCHEMA.jsonSchema(),
  };
}
