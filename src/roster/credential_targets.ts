/**
 * @module
 * The credential files the leak scanner looks for.
 */

import { credentialFormat } from "../detect/credential_format.ts";
import type { CredentialTarget, Roster } from "./types.ts";

/**
 * Lists, for each entry in name order that has a vault route with a non-empty
 * `credential_file` and an auth provider, where its real credential file would be:
 * `<mounts>/<hostDir>/<credentialFile>`.
 *
 * @param roster A loaded roster.
 * @returns One target per such entry.
 *
 * @example List what `scan` inspects
 * ```ts
 * import { credentialTargets, loadRoster } from "./mod.ts";
 * for (const target of credentialTargets(await loadRoster())) {
 *   console.log(`${target.provider}: ${target.hostDir}/${target.credentialFile}`);
 * }
 * ```
 */
export function credentialTargets(roster: Roster): CredentialTarget[] {
  const entries = [...roster.entries].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  const targets: CredentialTarget[] = [];
  for (const entry of entries) {
    const credentialFile = entry.vaultRoute?.credential_file ?? "";
    if (credentialFile === "" || entry.authProvider === null) continue;
    const route = entry.vaultRoute;
    const phantomEnv = [
      ...Object.entries(route?.phantom_env ?? {}),
      ...Object.entries(route?.oauth_phantom_env ?? {}),
    ].filter(([, on]) => on).map(([name]) => name);
    const target = {
      provider: entry.name,
      hostDir: entry.authProvider.hostDir,
      credentialFile,
      phantomEnv: [...new Set(phantomEnv)].sort(),
    };
    targets.push(withFormat(entry.name, entry.config.kind, target));
    const config = CONFIG_BESIDE[credentialFile];
    if (config !== undefined) {
      targets.push(withFormat(entry.name, entry.config.kind, {
        ...target,
        credentialFile: config,
        config: true,
      }));
    }
  }
  return targets;
}

/** The target with the format its entry names for its file, when it names one. */
function withFormat(name: string, kind: string, target: CredentialTarget): CredentialTarget {
  const format = credentialFormat({ name, kind, credentialFile: target.credentialFile });
  return format === undefined ? target : { ...target, format };
}

/**
 * Configs a tool keeps beside its credential file, in the same host dir, that can hold a
 * secret too: Claude Code's `.claude.json` takes `primaryApiKey` after a Console login (while
 * `.credentials.json` is `{}`) and the MCP servers' `env` and `headers`.
 */
const CONFIG_BESIDE: Readonly<Record<string, string>> = { ".credentials.json": ".claude.json" };
