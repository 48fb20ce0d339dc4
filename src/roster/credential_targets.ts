/**
 * @module
 * The credential files the leak scanner looks for.
 */

import { credentialFormat } from "../detect/credential_format.ts";
import type { CredentialTarget, Roster, RosterV3 } from "./types.ts";

/**
 * Lists where the roster's real credential files would be: `<mounts>/<hostDir>/<credentialFile>`.
 * Version 3: each shared mount with a credential file, labelled by the agent that names it
 * (or the provider, for the OpenCode dir terok derives for a provider no agent binds).
 * Version 1: each entry that has a vault route with a non-empty `credential_file` and an auth
 * provider. In name order; Claude Code's `.claude.json` follows its `.credentials.json`.
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
  if (roster.version === 3) return targetsV3(roster);
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

/**
 * Version 3: each mount with a credential file (an agent's `auth` dir with its binding's
 * `credential_file`, or a provider's derived OpenCode dir with `config.json`), labelled by
 * the agent (or provider) that names it, in name order.
 */
function targetsV3(roster: RosterV3): CredentialTarget[] {
  const kinds = new Map(roster.agents.map((agent) => [agent.name, agent.config.kind]));
  const mounts = roster.mounts.filter((mount) => mount.credentialFile !== "")
    .sort((a, b) => a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0);
  const targets: CredentialTarget[] = [];
  for (const mount of mounts) {
    const kind = kinds.get(mount.owner) ?? "provider";
    const target = {
      provider: mount.owner,
      hostDir: mount.hostDir,
      credentialFile: mount.credentialFile,
      phantomEnv: [...mount.phantomEnv],
    };
    targets.push(withFormat(mount.owner, kind, target));
    const config = CONFIG_BESIDE[mount.credentialFile];
    if (config !== undefined) {
      targets.push(
        withFormat(mount.owner, kind, { ...target, credentialFile: config, config: true }),
      );
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
