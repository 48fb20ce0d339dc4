/**
 * The agent roster: load it (built-in, `--roster DIR`, user overrides), render routes.json,
 * write it atomically, list the credential files to scan, and describe a roster file as JSON
 * Schema.
 *
 * @module
 */

export { loadRoster } from "./load_roster.ts";
export { routesJson } from "./routes_json.ts";
export { writeTextFileAtomic } from "./write_text_file_atomic.ts";
export { credentialTargets } from "./credential_targets.ts";
export { rosterJsonSchema } from "./roster_json_schema.ts";
export {
  isRosterError,
  RosterConflictError,
  type RosterError,
  type RosterErrorDetails,
  RosterFileError,
  RosterSchemaError,
  RosterSyntaxError,
} from "./errors.ts";
export type * from "./types.ts";
