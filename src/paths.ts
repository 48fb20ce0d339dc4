/**
 * Default locations of the terok conventions (docs/locations.md).
 *
 * @module
 */

import { baseDir, envValue, homeDir, joinPath, terokLocation } from "./_env_paths.ts";

/** The environment variables the program may read; the launcher grants exactly these. */
export const ENV_NAMES = [
  "TEROK_ROOT",
  "TEROK_CONFIG_FILE",
  "TEROK_SANDBOX_LIVE_DIR",
  "TEROK_VAULT_DIR",
  "XDG_DATA_HOME",
  "XDG_CONFIG_HOME",
  "HOME",
  "NO_COLOR",
] as const;

/** One of {@linkcode ENV_NAMES}. */
export type EnvName = typeof ENV_NAMES[number];

/** What the default locations depend on: a few variables, the uid, and terok's config.yml. */
export interface PathContext {
  /** Reads one of the named variables; an empty value counts as unset. */
  env(name: EnvName): string | undefined;
  /**
   * True when the uid is 0, taken as root (terok also asks for the initial user namespace,
   * which Deno cannot read without `-A`; see docs/locations.md).
   */
  isRoot: boolean;
  /** The system-wide config.yml; `/etc/terok/config.yml` unless a test puts it elsewhere. */
  systemConfigFile?: string;
  /**
   * `paths.root` from terok's config.yml, already read and checked (`readConfigRoot`), or
   * undefined for none. Asked only when ROOT is needed and `TEROK_ROOT` is unset; absent means
   * the config has not been read (the platform default then applies).
   */
  configRoot?: () => string | undefined;
}

/** Which default location to compute. */
export type DefaultLocation = "mounts" | "routes" | "user";

/**
 * Computes one default location from the environment, as terok does.
 *
 * @param location Which location: the mounts dir, the routes.json file or the user override dir.
 * @param context The variables and root flag to use.
 * @returns An absolute path.
 * @throws {RangeError} When a `TEROK_*` variable it uses is relative or names `/`, or it depends
 * on `HOME` and that is unset or relative.
 *
 * @example Default mounts dir for a user
 * ```ts
 * import { defaultPath } from "./paths.ts";
 * const env = { HOME: "/home/ada" } as Record<string, string>;
 * defaultPath("mounts", { env: (n) => env[n], isRoot: false });
 * // "/home/ada/.local/share/terok/sandbox-live/mounts"
 * ```
 */
export function defaultPath(location: DefaultLocation, context: PathContext): string {
  switch (location) {
    case "mounts": {
      const live = terokVar(context, "TEROK_SANDBOX_LIVE_DIR");
      return live ? `${live}/mounts` : joinPath(terokRoot(context), "sandbox-live/mounts");
    }
    case "routes": {
      const vault = terokVar(context, "TEROK_VAULT_DIR");
      return `${vault ?? joinPath(terokRoot(context), "vault")}/routes.json`;
    }
    case "user": {
      if (context.isRoot) return "/etc/terok/agent/agents";
      const config = baseDir(context, "XDG_CONFIG_HOME") ?? joinPath(homeDir(context), ".config");
      return joinPath(config, "terok/agent/agents");
    }
  }
}

/** ROOT: `TEROK_ROOT`, else `paths.root` from config.yml, else the platform default. */
function terokRoot(context: PathContext): string {
  const root = terokVar(context, "TEROK_ROOT") ?? context.configRoot?.();
  if (root) return root;
  if (context.isRoot) return "/var/lib/terok";
  const data = baseDir(context, "XDG_DATA_HOME") ?? joinPath(homeDir(context), ".local/share");
  return joinPath(data, "terok");
}

function terokVar(context: PathContext, name: EnvName): string | undefined {
  return terokLocation(envValue(context, name), name, context);
}
