/**
 * The JSON Schema of the roster files of both generations, generated from the schemas the
 * loader validates with (docs/roster.md, docs/roster-v3.md).
 *
 * @module
 */

import { entrySchema } from "./v1/_entry_schema.ts";
import { freeDefs, type JsonSchema } from "./_schema_kit.ts";
import { agentSchemaV3, providerSchema } from "./v3/_schema.ts";

/**
 * The JSON Schema (draft 2020-12) of one standalone roster file, of either generation: a
 * version-1 agent file (`$defs/agent_v1`), a version-3 agent file (`$defs/agent_v3`, under
 * `agents/`) or a version-3 provider file (`$defs/provider_v3`, under `providers/`). The root
 * accepts any of the three; point an editor at one `$defs` entry to check one kind.
 * Override files are merged before validation and may use `null` and `_inherit` markers, so
 * they are looser than this schema describes.
 */
export function rosterFileJsonSchema(): JsonSchema {
  const v1 = entrySchema.jsonSchema();
  const v3 = agentSchemaV3.jsonSchema();
  const provider = providerSchema.jsonSchema();
  const providerProperties = provider.properties as Record<string, JsonSchema>;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "terok-vault roster file",
    description: "One standalone roster file (<name>.yaml; the file stem is the entry name): " +
      "a version-1 agent file ($defs/agent_v1; terok-executor up to 0.1.x), or, in a " +
      "version-3 roster (terok-executor 0.4.0a17 and later), an agents/ file " +
      "($defs/agent_v3) or a providers/ file ($defs/provider_v3). A user override file whose " +
      "name matches a base entry is deep-merged onto it before validation and may also use " +
      "null (delete) and _inherit markers, which this schema does not describe. Checks across " +
      "files (duplicate route prefixes, provider bindings) are not expressed.",
    type: "object",
    anyOf: [
      { $ref: "#/$defs/agent_v1" },
      { $ref: "#/$defs/agent_v3" },
      { $ref: "#/$defs/provider_v3" },
    ],
    $defs: {
      agent_v1: {
        title: "Version-1 agent file",
        description: "An agent, tool or runtime with its own vault section; roster_version 1 " +
          "or none (a version-1 roster is read only when named with --roster).",
        ...v1,
        properties: {
          roster_version: { type: "integer", maximum: 1 },
          ...v1.properties as Record<string, JsonSchema>,
        },
      },
      agent_v3: {
        title: "Version-3 agent file (agents/<name>.yaml)",
        description: "An agent, tool or infra entry that binds a provider with provider: " +
          "(roster_version 3, or none in a user override).",
        ...v3,
        properties: {
          roster_version: { type: "integer", minimum: 2 },
          ...v3.properties as Record<string, JsonSchema>,
        },
      },
      provider_v3: {
        title: "Version-3 provider file (providers/<name>.yaml)",
        description: "An upstream API: the file stem is its routes.json key. No roster_version.",
        ...provider,
        properties: {
          ...providerProperties,
          auth: {
            ...providerProperties.auth,
            // At least one of the two modes, set to a mapping.
            anyOf: ["api_key", "oauth"].map((mode) => ({
              required: [mode],
              properties: { [mode]: { type: "object" } },
            })),
          },
        },
      },
      ...freeDefs(),
    },
  };
}
