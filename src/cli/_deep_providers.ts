// Copyright the terok-vault authors. MIT license.
import type { Roster } from "../roster/types.ts";

/**
 * Host dir -> roster entry, for attributing deep-scan findings: every host dir an entry
 * names, its auth dir (`auth.host_dir`, or the one derived for an `opencode` entry) and each
 * of its `mounts:`. The first entry in name order naming a dir gets it.
 */
export function deepProviders(roster: Roster): Record<string, string> {
  const providers: Record<string, string> = {};
  for (const entry of roster.entries) {
    if (entry.authProvider !== null) providers[entry.authProvider.hostDir] ??= entry.name;
    for (const mount of entry.config.mounts) providers[mount.host_dir] ??= entry.name;
  }
  return providers;
}
