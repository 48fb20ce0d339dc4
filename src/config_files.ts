/**
 * Where terok's config.yml files are, in the order they are layered.
 *
 * @module
 */

import { baseDir, envValue, joinPath, terokLocation } from "./_env_paths.ts";
import type { PathContext } from "./paths.ts";

/** The system-wide config.yml. */
export const SYSTEM_CONFIG_FILE = "/etc/terok/config.yml";

/**
 * Lists terok's config.yml files, lowest priority first, as terok finds them:
 * `$TEROK_CONFIG_FILE` alone when set (`~` expanded); otherwise the system file, then, unless
 * running as root, the user's (`$XDG_CONFIG_HOME/terok/config.yml`, else
 * `~/.config/terok/config.yml`; left out when neither variable gives a location). The files
 * need not exist.
 *
 * @param context The variables, root flag and system file location.
 * @returns Absolute paths, lowest priority first.
 * @throws {RangeError} When `TEROK_CONFIG_FILE` is relative or names `/`.
 *
 * @example A user's layers
 * ```ts
 * import { configFiles } from "./config_files.ts";
 * const env = { HOME: "/home/ada" } as Record<string, string>;
 * configFiles({ env: (n) => env[n], isRoot: false });
 * // ["/etc/terok/config.yml", "/home/ada/.config/terok/config.yml"]
 * ```
 */
export function configFiles(context: PathContext): string[] {
  const single = terokLocation(
    envValue(context, "TEROK_CONFIG_FILE"),
    "TEROK_CONFIG_FILE",
    context,
  );
  if (single !== undefined) return [single];
  const files = [context.systemConfigFile ?? SYSTEM_CONFIG_FILE];
  if (context.isRoot) return files;
  const home = baseDir(context, "HOME");
  const config = baseDir(context, "XDG_CONFIG_HOME") ??
    (home === undefined ? undefined : joinPath(home, ".config"));
  if (config !== undefined) files.push(joinPath(config, "terok/config.yml"));
  return files;
}
