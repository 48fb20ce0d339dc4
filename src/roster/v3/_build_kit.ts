/**
 * The validation and positioned errors {@linkcode buildRosterV3} needs when files were read
 * (not for the built-in roster alone, which needs neither).
 *
 * @module
 */

import { RosterConflictError } from "../errors.ts";
import { formatKeyPath, type KeyPath } from "../_key_path.ts";
import { schemaError, type SourceFile, validateFile } from "../_load_files.ts";
import { positionOf } from "../_positions.ts";
import type { BuildKit } from "./_build_v3.ts";
import { agentSchemaV3, providerSchema } from "./_schema.ts";

/** The kit that validates with the version-3 schemas and positions errors in the files. */
export const BUILD_KIT: BuildKit = {
  provider: (base, user) => validateFile(base, user, providerSchema),
  agent: (base, user) => validateFile(base, user, agentSchemaV3),
  schemaError: (file, keyPath, reason) => schemaError(file, keyPath, keyPath, "keyOrValue", reason),
  conflict,
};

function conflict(file: SourceFile, keyPath: KeyPath, reason: string): RosterConflictError {
  const position = file.parsed === null
    ? undefined
    : positionOf(file.parsed, keyPath, "keyOrValue");
  return new RosterConflictError({
    file: file.display,
    keyPath: formatKeyPath(keyPath),
    line: position?.line,
    column: position?.column,
    reason,
  });
}
