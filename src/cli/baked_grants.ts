/**
 * The grants a compiled binary carries: the union of what every command needs at one layout.
 *
 * @module
 */

import type { PathContext } from "../paths.ts";
import { commandGrants, type Grants } from "./grants.ts";
import { type FileInvocation, resolveLocations } from "./locations.ts";

const ROSTER_DEFAULTS = { noUser: false } as const;

/** One run of each file command with default locations: together they cover every grant. */
const EVERY_COMMAND: FileInvocation[] = [
  { command: "routes", check: false, roster: ROSTER_DEFAULTS },
  { command: "routes", check: true, roster: ROSTER_DEFAULTS },
  { command: "scan", json: false, roster: ROSTER_DEFAULTS },
  {
    command: "clean",
    json: false,
    dryRun: false,
    delete: false,
    strip: false,
    roster: ROSTER_DEFAULTS,
  },
  {
    command: "watch",
    json: false,
    clean: true,
    strip: false,
    deep: false,
    intervalSeconds: 300,
    roster: ROSTER_DEFAULTS,
  },
  { command: "quarantine", action: "restore", id: "", json: false, roster: { noUser: true } },
];

/**
 * Computes the grants to bake into a binary for the default locations of one layout, from
 * the same table the source launcher uses ({@linkcode commandGrants}). A binary cannot narrow
 * its permissions per command, so it gets the union: read on terok's config.yml files, the
 * user override dir, the routes file and the mounts dir; write on the vault dir and the
 * mounts dir.
 *
 * @param context The layout's variables and root flag (root: the FHS layout).
 * @returns The union of all commands' grants.
 * @throws {RangeError} When the layout's defaults cannot be worked out (e.g. no HOME).
 *
 * @example The FHS layout of a container or root host
 * ```ts
 * import { bakedGrants } from "./baked_grants.ts";
 * bakedGrants({ env: () => undefined, isRoot: true }).write;
 * // ["/var/lib/terok/vault", "/var/lib/terok/sandbox-live/mounts"]
 * ```
 */
export function bakedGrants(context: PathContext): Grants {
  const read = new Set<string>();
  const write = new Set<string>();
  // The layout's own defaults: a binary cannot follow a config.yml that moves ROOT later, so it
  // reads the config files (to notice that, and stop) but bakes the platform default.
  const layout: PathContext = { env: context.env, isRoot: context.isRoot };
  if (context.systemConfigFile !== undefined) layout.systemConfigFile = context.systemConfigFile;
  for (const invocation of EVERY_COMMAND) {
    const grants = commandGrants(invocation, resolveLocations(invocation, layout, "/"));
    grants.read.forEach((path) => read.add(path));
    grants.write.forEach((path) => write.add(path));
  }
  return { read: [...read], write: [...write] };
}
