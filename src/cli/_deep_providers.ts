// Copyright the terok-vault authors. MIT license.
import type { Roster } from "../roster/types.ts";

/**
 * Host dir -> roster entry, for attributing deep-scan findings: every host dir an entry
 * names, its auth dir (`auth.host_dir`, or the one derived for an `opencode` entry or
 * provider) and each of its `mounts:`. The first entry in name order naming a dir gets it.
 */
export function deepProviders(roster: Roster): Record<string, string> {
  const providers: Record<string, string> = {};
  if (roster.version === 3) {
    for (const mount of roster.mounts) providers[mount.hostDir] ??= mount.owner;
    return providers;
  }
  for (const entry of roster.entries) {
    if (entry.authProvider !== null) providers[entry.authProvider.hostDir] ??= entry.name;
    for (const mount of entry.config.mounts) providers[mount.host_dir] ??= entry.name;
  }
  return providers;
}
