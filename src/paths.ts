/**
 * Default locations of the terok conventions (docs/locations.md).
 *
 * @module
 */

import { baseDir, envValue, homeDir, joinPath, terokLocation } from "./_env_paths.ts";

export { ENV_NAMES, type EnvName, type PathContext } from "./path_context.ts";
import type { EnvName, PathContext } from "./path_context.ts";

/** Which default location to compute. */
export type DefaultLocation = "mounts" | "routes" | "user" | "providers" | "allow";

/**
 * Computes one default location from the environment, as terok does.
 *
 * @param location Which location: the mounts dir, the routes.json file, the user agent override
 * dir, the user provider override dir or the allowlist of accepted findings (`vault-allow.yaml`,
 * beside the user override dirs).
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
      // As terok's sandbox_live_dir(): the variable, else paths.sandbox_live_dir, else ROOT's.
      const live = terokVar(context, "TEROK_SANDBOX_LIVE_DIR") ?? context.configSandboxLiveDir?.();
      return live ? `${live}/mounts` : joinPath(terokRoot(context), "sandbox-live/mounts");
    }
    case "routes": {
      const vault = terokVar(context, "TEROK_VAULT_DIR");
      return `${vault ?? joinPath(terokRoot(context), "vault")}/routes.json`;
    }
    case "user":
    case "providers":
    case "allow": {
      const rest = location === "user"
        ? "terok/agent/agents"
        : location === "providers"
        ? "terok/agent/providers"
        : "terok/vault-allow.yaml";
      if (context.isRoot) return `/etc/${rest}`;
      const config = baseDir(context, "XDG_CONFIG_HOME") ?? joinPath(homeDir(context), ".config");
      return joinPath(config, rest);
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
