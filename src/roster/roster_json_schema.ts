/**
 * @module
 * The JSON Schema of one roster file.
 */

import { ROSTER_JSON_SCHEMA } from "./_roster_json_schema.ts";

/**
 * Returns the JSON Schema (draft 2020-12) of one standalone roster file, generated from the
 * same schema definitions the loader validates with. The root accepts any of the three kinds
 * of file; `$defs` describes each alone: `agent_v1` (a version-1 agent file, `roster_version`
 * 1 or none), `agent_v3` (a version-3 `agents/` file, `roster_version` 2 or more, or none) and
 * `provider_v3` (a version-3 `providers/` file). A user override file for an existing entry is
 * validated only after merging and may also use `null` (delete) and `_inherit` markers, so it
 * is looser than this schema. Not expressed: checks across files (duplicate route prefixes,
 * provider bindings), and URL parsing beyond the `http(s)://` pattern.
 *
 * @returns A fresh copy, safe to modify.
 *
 * @example Write the schema for an editor
 * ```ts
 * import { rosterJsonSchema } from "./mod.ts";
 * console.log(JSON.stringify(rosterJsonSchema(), null, 2));
 * ```
 */
export function rosterJsonSchema(): Record<string, unknown> {
  return structuredClone(ROSTER_JSON_SCHEMA) as Record<string, unknown>;
}
