/**
 * Default locations of the terok conventions (cli.md, "Default locations").
 *
 * @module
 */

/** The environment variables the program may read; the launcher grants exactly these. */
export const ENV_NAMES = [
  "TEROK_ROOT",
  "TEROK_SANDBOX_LIVE_DIR",
  "TEROK_VAULT_DIR",
  "XDG_DATA_HOME",
  "XDG_CONFIG_HOME",
  "HOME",
  "NO_COLOR",
] as const;

/** One of {@linkcode ENV_NAMES}. */
export type EnvName = typeof ENV_NAMES[number];

/** What the default locations depend on: a few variables and whether we run as root. */
export interface PathContext {
  /** Reads one of the named variables; an empty value counts as unset. */
  env(name: EnvName): string | undefined;
  /** True when the uid is 0 (taken as root; see the README on user namespaces). */
  isRoot: boolean;
}

/** Which default location to compute. */
export type DefaultLocation = "mounts" | "routes" | "user";

/**
 * Computes one default location from the environment, as terok does.
 *
 * @param location Which location: the mounts dir, the routes.json file or the user override dir.
 * @param context The variables and root flag to use.
 * @returns An absolute path.
 * @throws {RangeError} When a `TEROK_*` variable it uses is relative, or it depends on `HOME`
 * and that is unset or relative.
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
      return live ? `${live}/mounts` : `${terokRoot(context)}/sandbox-live/mounts`;
    }
    case "routes": {
      const vault = terokVar(context, "TEROK_VAULT_DIR");
      return `${vault ?? `${terokRoot(context)}/vault`}/routes.json`;
    }
    case "user": {
      if (context.isRoot) return "/etc/terok/agent/agents";
      const config = absoluteVar(context, "XDG_CONFIG_HOME") ?? `${home(context)}/.config`;
      return `${config}/terok/agent/agents`;
    }
  }
}

function terokRoot(context: PathContext): string {
  const root = terokVar(context, "TEROK_ROOT");
  if (root) return root;
  if (context.isRoot) return "/var/lib/terok";
  const data = absoluteVar(context, "XDG_DATA_HOME") ?? `${home(context)}/.local/share`;
  return `${data}/terok`;
}

function home(context: PathContext): string {
  const value = absoluteVar(context, "HOME");
  if (!value) {
    throw new RangeError(
      "Cannot work out the default location: HOME is not set to an absolute path; set it, TEROK_ROOT, or pass the path as an option",
    );
  }
  return value;
}

/** A TEROK_* variable: a relative value is refused rather than resolved against a cwd. */
function terokVar(context: PathContext, name: EnvName): string | undefined {
  const value = context.env(name);
  if (value && !value.startsWith("/")) {
    throw new RangeError(`${name} must be an absolute path, got "${value}"`);
  }
  return absoluteVar(context, name);
}

/**
 * A variable's value without trailing slashes, or undefined when unset, empty or relative
 * (the XDG base directory spec says relative values are to be ignored).
 */
function absoluteVar(context: PathContext, name: EnvName): string | undefined {
  const value = context.env(name);
  if (!value || !value.startsWith("/")) return undefined;
  return value.replace(/\/+$/, "");
}
