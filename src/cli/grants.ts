/**
 * What each command may touch: the one table both the source launcher and the compile script use.
 *
 * @module
 */

import { PINNED_DIR } from "../mounts/pinned_dir.ts";
import type { FileInvocation, Locations } from "./locations.ts";

/** File-system grants for one run. */
export interface Grants {
  /** Paths to pass to `--allow-read`. */
  read: string[];
  /** Paths to pass to `--allow-write`. */
  write: string[];
}

/**
 * Lists exactly the paths a command needs (cli.md): read on the roster directories and the
 * mounts dir; write on the mounts dir (and {@linkcode PINNED_DIR}, which only ever names a
 * pinned directory inside it) only for `clean` (not for a dry run) and on the output
 * file's directory only for `routes` (which also reads there: `Deno.rename` requires read and
 * write on both names; `--check` reads just the file).
 *
 * @param invocation The parsed command line.
 * @param locations Its absolute paths; `realMountsDir` adds the mounts dir's real location.
 * @returns The read and write grants, without duplicates.
 * @throws {RangeError} When `routes` would write directly in `/` (its grant would be `/`).
 *
 * @example Grants of a scan
 * ```ts
 * import { commandGrants } from "./grants.ts";
 * commandGrants(
 *   { command: "scan", json: false, roster: { noUser: true } },
 *   { userDir: null, mountsDir: "/m" },
 * );
 * // { read: ["/m"], write: [] }
 * ```
 */
export function commandGrants(
  invocation: FileInvocation,
  locations: Locations & { realMountsDir?: string },
): Grants {
  const read: string[] = [];
  const write: string[] = [];
  if (locations.rosterDir !== undefined) read.push(locations.rosterDir);
  if (locations.userDir !== null) read.push(locations.userDir);
  if (invocation.command === "routes") {
    const file = locations.routesFile;
    if (file !== undefined && file !== "-") {
      if (invocation.check) read.push(file);
      else {
        if (parentDir(file) === "/") {
          throw new RangeError(
            `Refusing to write "${file}": writing a file directly in "/" would need read and ` +
              `write access to the whole file system; choose a file in a directory`,
          );
        }
        // Deno.rename, the atomic step, needs read as well as write on both names.
        read.push(parentDir(file));
        write.push(parentDir(file));
      }
    }
  } else {
    const mounts = [locations.mountsDir, locations.realMountsDir].filter((p) => p !== undefined);
    read.push(...mounts);
    if (invocation.command === "clean" && !invocation.dryRun) write.push(...mounts, PINNED_DIR);
  }
  return { read: unique(read), write: unique(write) };
}

function parentDir(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}
