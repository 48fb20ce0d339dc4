/**
 * The one check across entries: no two routes may share a route prefix.
 *
 * @module
 */

import { RosterConflictError } from "../errors.ts";
import type { RosterEntry } from "../types.ts";

/**
 * Throws when two of `entries` (checked in the given order) have one `vault.route_prefix`.
 *
 * @throws {RosterConflictError} Naming both entries and the file most likely at fault.
 */
export function checkRoutePrefixes(entries: readonly RosterEntry[]): void {
  const owners = new Map<string, RosterEntry>();
  for (const entry of entries) {
    const prefix = entry.vaultRoute?.route_prefix;
    if (prefix === undefined) continue;
    const owner = owners.get(prefix);
    if (owner !== undefined) {
      throw new RosterConflictError({
        file: blamedFile(owner, entry),
        keyPath: "vault.route_prefix",
        reason: `Duplicate route prefix '${prefix}': providers '${owner.name}' and '${entry.name}'`,
      });
    }
    owners.set(prefix, entry);
  }
}

/**
 * The file most likely at fault: an override's file before a user's own file before a built-in
 * one (a user cannot have meant to break the built-in roster); on a tie, the later entry's.
 */
function blamedFile(earlier: RosterEntry, later: RosterEntry): string {
  const blamed = blame(earlier) > blame(later) ? earlier : later;
  return blamed.files[blamed.files.length - 1] ?? `${blamed.name}.yaml`;
}

function blame(entry: RosterEntry): number {
  if (entry.files.length > 1) return 2;
  return entry.files[0]?.startsWith("<built-in>/") ? 0 : 1;
}
