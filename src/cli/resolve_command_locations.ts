/**
 * Locations of one command, with ROOT taken from terok's config.yml when that decides it.
 *
 * @module
 */

import type { PathContext } from "../paths.ts";
import { readConfigRoot } from "../read_config_root.ts";
import { type FileInvocation, type Locations, resolveLocations } from "./locations.ts";

/** A command's locations and the path context they were worked out with. */
export interface CommandLocations {
  readonly locations: Locations;
  /** The context, with `configRoot` set when config.yml was read. */
  readonly context: PathContext;
}

/**
 * Works out a command's locations like {@linkcode resolveLocations}, reading terok's
 * config.yml files first when a default location needs ROOT and `TEROK_ROOT` is unset (and
 * only then: a run whose paths are all given never reads them).
 *
 * Requires `--allow-read` on the config files it reads (`locations.configFiles`).
 *
 * @param invocation The parsed command line.
 * @param context Environment variables, root flag and system config location.
 * @param cwd The directory relative options are taken from.
 * @returns The locations and the context with the config's root.
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
  const root = await readConfigRoot(first.configFiles, context);
  const withRoot: PathContext = { ...context, configRoot: () => root };
  return { locations: resolveLocations(invocation, withRoot, cwd), context: withRoot };
}
