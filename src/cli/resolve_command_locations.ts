/**
 * Locations of one command, with what terok's config.yml decides: ROOT, the mounts dir's
 * parent, and the credential files terok exposes on purpose.
 *
 * @module
 */

import type { PathContext } from "../paths.ts";
import { readTerokConfig, type TerokConfig } from "../read_terok_config.ts";
import { type FileInvocation, type Locations, resolveLocations } from "./locations.ts";

/** A command's locations, the path context they were worked out with, and terok's config. */
export interface CommandLocations {
  readonly locations: Locations;
  /** The context, with `configRoot` and `configSandboxLiveDir` set when config.yml was read. */
  readonly context: PathContext;
  /** terok's layered config.yml, when the command reads it (`locations.configFiles`). */
  readonly config?: TerokConfig;
}

/**
 * Works out a command's locations like {@linkcode resolveLocations}, reading terok's
 * config.yml files first when the command needs them: when a default location depends on
 * them, and for `scan`, `clean` and `watch` (which files terok exposes on purpose). A run
 * whose paths are all given, or come from `TEROK_*` variables, reads them only for that.
 *
 * Requires `--allow-read` on the config files it reads (`locations.configFiles`).
 *
 * @param invocation The parsed command line.
 * @param context Environment variables, root flag and system config location.
 * @param cwd The directory relative options are taken from.
 * @returns The locations, the context with the config's paths, and the config.
 * @throws {RangeError} When a default is needed and the environment cannot give it.
 * @throws {TerokConfigError} When a config file cannot be read or is not what terok reads.
 *
 * @example A scan at the default mounts dir
 * ```ts ignore
 * const { locations } = await resolveCommandLocations(invocation, processContext(), Deno.cwd());
 * ```
 */
export async function resolveCommandLocations(
  invocation: FileInvocation,
  context: PathContext,
  cwd: string,
): Promise<CommandLocations> {
  const first = resolveLocations(invocation, context, cwd);
  if (first.configFiles === undefined) return { locations: first, context };
  const config = await readTerokConfig(first.configFiles, context);
  const withConfig: PathContext = {
    ...context,
    configRoot: config.root,
    configSandboxLiveDir: config.sandboxLiveDir,
  };
  const locations = first.configDecides ? resolveLocations(invocation, withConfig, cwd) : first;
  return { locations, context: withConfig, config };
}
