/**
 * The version-1 loader (docs/roster.md), imported only when `--roster` names a version-1
 * agents directory: its files and the user's, merged by name and validated into entries.
 *
 * @module
 */

import { RosterConflictError } from "../errors.ts";
import type { KeyPath } from "../_key_path.ts";
import { listYamlFiles, type RosterFileRef } from "../_list_yaml_files.ts";
import {
  type Notify,
  readSourceFiles,
  type SourceFile,
  validateFile,
  type VersionMode,
} from "../_load_files.ts";
import { positionOf } from "../_positions.ts";
import type { RosterEntry } from "../types.ts";
import { checkRoutePrefixes } from "./_check_route_prefixes.ts";
import { makeEntry } from "./_entry.ts";
import { entrySchema } from "./_entry_schema.ts";

/** A version-1 roster file named with `--roster` (or a user file on top of one). */
const V1_MODE: VersionMode = { speaks: 1, strip: true, roster: "the --roster directory" };

/** What {@linkcode loadV1} reads. */
export interface LoadV1Options {
  /** The version-1 agents directory named with `--roster`. */
  readonly rosterDir: string;
  /** The user agent files. */
  readonly userFiles: readonly RosterFileRef[];
  readonly notify: Notify;
}

/**
 * Loads the entries of the version-1 roster in `rosterDir` with the user files on top.
 *
 * Requires `--allow-read` on `rosterDir` and the user files.
 *
 * @throws {RosterError} For any bad file, or two entries with one route prefix.
 */
export async function loadV1(options: LoadV1Options): Promise<RosterEntry[]> {
  const { notify } = options;
  const bases = await readSourceFiles(
    await listYamlFiles(options.rosterDir, false, notify),
    notify,
    V1_MODE,
  );
  const users = await readSourceFiles(options.userFiles, notify, V1_MODE);
  return buildEntries(bases, users);
}

/**
 * Builds the entries in name order: a user file with a base's name is merged onto it, any other
 * file stands alone. Files that contribute nothing are left out.
 *
 * @throws {RosterSchemaError} For a schema violation, naming the file the bad part came from.
 * @throws {RosterConflictError} For two entries with one route prefix.
 */
export function buildEntries(
  bases: readonly SourceFile[],
  users: readonly SourceFile[],
): RosterEntry[] {
  const baseByName = byName(bases);
  const userByName = byName(users);
  const names = [...new Set([...baseByName.keys(), ...userByName.keys()])]
    .sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
  const entries = names.map((name) => {
    const base = baseByName.get(name);
    const user = userByName.get(name);
    const files = [base, user].filter((file) => file !== undefined).map((file) => file.display);
    return makeEntry(name, files, validateFile(base, user, entrySchema));
  });
  try {
    checkRoutePrefixes(entries);
  } catch (error) {
    throw withPosition(error, [...bases, ...users], ["vault", "route_prefix"]);
  }
  return entries;
}

/** The conflict error again, with the line and column of `keyPath` in the file it blames. */
function withPosition(error: unknown, files: readonly SourceFile[], keyPath: KeyPath): unknown {
  if (!(error instanceof RosterConflictError) || error.line !== undefined) return error;
  const parsed = files.find((file) => file.display === error.file)?.parsed;
  const position = parsed ? positionOf(parsed, keyPath, "value") : undefined;
  if (position === undefined) return error;
  return new RosterConflictError({ ...error, ...position });
}

function byName(files: readonly SourceFile[]): Map<string, SourceFile> {
  return new Map(files.filter((file) => file.document !== null).map((file) => [file.name, file]));
}
