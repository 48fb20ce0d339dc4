/**
 * Builds a version-3 roster from its files (docs/roster-v3.md): providers and agents, each a
 * base file with an optional user file deep-merged onto it, then the binding rules and the
 * derived shared mounts, as terok-executor's loader does.
 *
 * @module
 */

import type { KeyPath } from "../_key_path.ts";
import type { SourceFile } from "../_load_files.ts";
import type { AgentConfigV3, MountV3, ProviderConfig, ProviderEntry, RosterV3 } from "../types.ts";
import { byCodePoint } from "./_code_point_order.ts";
import { wireAuth, WireAuthConflict } from "./_wire_auth.ts";

/** The four layers of a version-3 roster. */
export interface V3Files {
  readonly providers: readonly SourceFile[];
  readonly agents: readonly SourceFile[];
  readonly userProviders: readonly SourceFile[];
  readonly userAgents: readonly SourceFile[];
}

/**
 * What building needs beyond the configs baked into the built-in roster: validation and
 * positioned errors. The built-in fast path never calls it (its files were validated when
 * generated), so it does not load the YAML parser or the schemas.
 */
export interface BuildKit {
  /** Validates a provider (user merged onto base when both exist). */
  provider(base: SourceFile | undefined, user: SourceFile | undefined): ProviderConfig;
  /** Validates an agent (user merged onto base when both exist). */
  agent(base: SourceFile | undefined, user: SourceFile | undefined): AgentConfigV3;
  /** A schema error at `keyPath` of `file`. */
  schemaError(file: SourceFile, keyPath: KeyPath, reason: string): Error;
  /** A conflict error at `keyPath` of `file`. */
  conflict(file: SourceFile, keyPath: KeyPath, reason: string): Error;
}

/** The credential file terok gives a provider's derived OpenCode dir. */
const OPENCODE_CREDENTIAL_FILE = "config.json";

/**
 * Validates and joins the layers.
 *
 * @throws {RosterSchemaError} For a schema violation, naming the file the bad part came from.
 * @throws {RosterConflictError} For a binding to a missing provider, a provider bound twice,
 * or a provider whose two auth modes share a header but differ.
 */
export function buildRosterV3(files: V3Files, kit: BuildKit): RosterV3 {
  const providers = layer(files.providers, files.userProviders, kit.provider).map(
    ({ name, files: from, config, last }) => {
      if (config.auth.api_key === undefined && config.auth.oauth === undefined) {
        throw kit.schemaError(
          last,
          ["auth"],
          'The provider must declare at least one of "api_key" and "oauth"',
        );
      }
      try {
        wireAuth(name, config);
      } catch (error) {
        if (!(error instanceof WireAuthConflict)) throw error;
        throw kit.conflict(last, ["auth"], error.message);
      }
      return { name, files: from, config } satisfies ProviderEntry;
    },
  );
  const byName = new Map(providers.map((provider) => [provider.name, provider]));
  const agents = layer(files.agents, files.userAgents, kit.agent);
  const bound = new Map<string, Layered<AgentConfigV3>>();
  const mounts = new Map<string, MountV3>();
  for (const agent of agents) {
    const binding = agent.config.provider;
    const auth = agent.config.auth;
    if (auth !== undefined && !mounts.has(auth.host_dir)) {
      mounts.set(auth.host_dir, {
        hostDir: auth.host_dir,
        owner: agent.name,
        credentialFile: binding?.credential_file ?? "",
        phantomEnv: phantomEnv(agent.config),
      });
    }
    for (const mount of agent.config.mounts) {
      if (mounts.has(mount.host_dir)) continue;
      mounts.set(mount.host_dir, {
        hostDir: mount.host_dir,
        owner: agent.name,
        credentialFile: "",
        phantomEnv: [],
      });
    }
    const wanted = binding?.default;
    if (wanted === undefined) continue;
    if (!byName.has(wanted)) {
      throw kit.conflict(
        agent.last,
        ["provider", "default"],
        `Agent '${agent.name}' binds provider '${wanted}', which has no providers/${wanted}.yaml`,
      );
    }
    const first = bound.get(wanted);
    if (first !== undefined) {
      // Blame the user's file: a user cannot have meant to break the base roster.
      const blamed = agent.fromUser || !first.fromUser ? agent : first;
      throw kit.conflict(
        blamed.last,
        ["provider", "default"],
        `Provider '${wanted}' is bound by more than one agent ('${first.name}' and ` +
          `'${agent.name}'); a provider maps to exactly one vault route`,
      );
    }
    bound.set(wanted, agent);
  }
  const withAuth = new Set(agents.filter((a) => a.config.auth !== undefined).map((a) => a.name));
  for (const provider of providers) {
    const opencode = provider.config.opencode;
    if (opencode === undefined || withAuth.has(provider.name)) continue;
    const hostDir = `_${provider.name}-config`;
    if (mounts.has(hostDir)) continue;
    mounts.set(hostDir, {
      hostDir,
      owner: provider.name,
      credentialFile: OPENCODE_CREDENTIAL_FILE,
      phantomEnv: [`${opencode.env_var_prefix}_API_KEY`],
    });
  }
  return {
    version: 3,
    providers,
    agents: agents.map(({ name, files: from, config }) => ({ name, files: from, config })),
    mounts: [...mounts.values()],
  };
}

/** The variables that get a phantom token: the binding's `token_env` values, sorted, once. */
function phantomEnv(config: AgentConfigV3): string[] {
  return [...new Set(Object.values(config.provider?.token_env ?? {}))].sort();
}

interface Layered<T> {
  readonly name: string;
  readonly files: readonly string[];
  readonly config: T;
  /** The file blamed for a problem of the whole entry: the user file when there is one. */
  readonly last: SourceFile;
  /** A user file contributes to it. */
  readonly fromUser: boolean;
}

/** Base and user files merged by name, validated, in code point order of their names. */
function layer<T>(
  bases: readonly SourceFile[],
  users: readonly SourceFile[],
  validate: (base: SourceFile | undefined, user: SourceFile | undefined) => T,
): Layered<T>[] {
  const baseByName = byName(bases);
  const userByName = byName(users);
  const names = [...new Set([...baseByName.keys(), ...userByName.keys()])].sort(byCodePoint);
  return names.map((name) => {
    const base = baseByName.get(name);
    const user = userByName.get(name);
    const from = [base, user].filter((file) => file !== undefined);
    const config = user === undefined && base?.config !== undefined
      ? base.config as T
      : validate(base, user);
    return {
      name,
      files: from.map((file) => file.display),
      config,
      last: from[from.length - 1] as SourceFile,
      fromUser: user !== undefined,
    };
  });
}

function byName(files: readonly SourceFile[]): Map<string, SourceFile> {
  return new Map(files.filter((file) => file.document !== null).map((file) => [file.name, file]));
}
