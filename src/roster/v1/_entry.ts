/**
 * Builds a roster entry from a validated config: the derived facts of docs/roster.md.
 *
 * @module
 */

import type { AuthProvider, EntryConfig, EntryKind, RosterEntry } from "../types.ts";

const AGENT_KINDS: ReadonlySet<EntryKind> = new Set(["native", "opencode", "bridge"]);

/** The entry `name` built from `files` (base first) with the validated `config`. */
export function makeEntry(
  name: string,
  files: readonly string[],
  config: EntryConfig,
): RosterEntry {
  const isAgent = AGENT_KINDS.has(config.kind);
  return {
    name,
    files,
    config,
    isAgent,
    authProvider: authProviderOf(name, config, isAgent),
    vaultRoute: config.vault ?? null,
  };
}

function authProviderOf(name: string, config: EntryConfig, isAgent: boolean): AuthProvider | null {
  if (config.auth !== undefined) {
    return {
      hostDir: config.auth.host_dir,
      containerMount: config.auth.container_mount,
      derived: false,
    };
  }
  if (isAgent && config.opencode !== undefined) {
    return { hostDir: `_${name}-config`, containerMount: null, derived: true };
  }
  return null;
}
