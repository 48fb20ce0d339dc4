/**
 * Gives back write permissions a command does not need (defence in depth for the binary).
 *
 * @module
 */

import type { PathContext } from "../paths.ts";
import { bakedGrants } from "./baked_grants.ts";
import { commandGrants } from "./grants.ts";
import type { FileInvocation, Locations } from "./locations.ts";

/**
 * Revokes the write grants this command does not need. The compiled binary carries the union
 * of every command's grants (it cannot narrow them per command at build time), so `scan`
 * would otherwise run with write on the mounts dir, the vault dir and `/proc/self/cwd`.
 * Under the source launcher, which grants exactly the command's needs, this changes nothing.
 *
 * @param invocation The parsed command line.
 * @param locations Its absolute paths.
 * @param context The environment whose default paths (root or user layout) a binary may
 * have baked in.
 *
 * @example Before running a scan
 * ```ts ignore
 * dropUnneededWrites(invocation, locations, processContext());
 * ```
 */
export function dropUnneededWrites(
  invocation: FileInvocation,
  locations: Locations,
  context: PathContext,
): void {
  const needed = commandGrants(invocation, locations).write;
  if (needed.length === 0) {
    Deno.permissions.revokeSync({ name: "write" });
    return;
  }
  for (const path of bakeablePaths(context)) {
    if (!needed.some((kept) => overlaps(kept, path))) {
      Deno.permissions.revokeSync({ name: "write", path });
    }
  }
}

/** The write paths a binary of either layout may carry, for this environment. */
function bakeablePaths(context: PathContext): Set<string> {
  const paths = new Set<string>();
  for (const isRoot of [true, false]) {
    try {
      bakedGrants({ ...context, isRoot }).write.forEach((path) => paths.add(path));
    } catch {
      // This layout's defaults cannot be worked out here (no HOME): it cannot have been baked.
    }
  }
  return paths;
}

/** One path is the other or lies inside it: revoking either would touch the kept one. */
function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
