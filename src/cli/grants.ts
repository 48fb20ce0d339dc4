/**
 * What each command may touch: the one table both the source launcher and the compile script use.
 *
 * @module
 */

// The file itself, not mounts/mod.ts: every command loads the grants, and the mounts module
// would bring the scanner, the detector and the YAML parser into every start-up.
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
 * Lists exactly the paths a command needs (docs/cli.md): read on terok's config.yml files when
 * they decide a default location, and always for `scan`, `clean` and `watch` (which files terok
 * exposes on purpose), the roster directories, the mounts dir, and for those three the
 * allowlist and the `--baseline` report; write on the mounts dir for `scan` and `clean` (a file
 * is hard-linked into the private `<mounts>/.terok-vault-<uid>/` before it is opened, see
 * docs/security.md), and on
 * {@linkcode PINNED_DIR}, which only ever names a pinned directory inside it, only for
 * `clean` without `--dry-run`; write on the output file's directory only for `routes` (which
 * also reads there: `Deno.rename` requires read and write on both names; `--check` reads
 * just the file).
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
 * // { read: ["/m"], write: ["/m"] }
 * ```
 */
export function commandGrants(
  invocation: FileInvocation,
  locations: Locations & { realMountsDir?: string },
): Grants {
  // `watch` touches the mounts as `scan` does, or as `clean` does with --clean.
  if (invocation.command === "watch") return commandGrants(watchAsOneShot(invocation), locations);
  const read: string[] = [];
  const write: string[] = [];
  read.push(...locations.configFiles ?? []);
  if (locations.rosterDir !== undefined) read.push(locations.rosterDir);
  if (locations.userDir !== null) read.push(locations.userDir);
  if (locations.userProvidersDir) read.push(locations.userProvidersDir);
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
    if (invocation.command === "quarantine") {
      // list only reads the quarantine; restore and purge change it (restore --to: DIR too).
      if (invocation.action !== "list") write.push(...mounts);
      if (locations.toDir !== undefined) {
        read.push(locations.toDir);
        write.push(locations.toDir);
      }
      return { read: unique(read), write: unique(write) };
    }
    // The allowlist and the baseline report are read, never written.
    for (const file of [locations.allowFile, locations.baselineFile]) {
      if (file !== undefined) read.push(file);
    }
    // Every read hard-links the name into <mounts>/.terok-vault-<uid> first (Deno wants write on
    // the link's source name too); only a real clean unlinks through the pinned directory.
    write.push(...mounts);
    if (invocation.command === "clean" && !invocation.dryRun) write.push(PINNED_DIR);
  }
  return { read: unique(read), write: unique(write) };
}

function watchAsOneShot(invocation: Extract<FileInvocation, { command: "watch" }>): FileInvocation {
  const { mountsDir, json, roster, allowFile, baseline } = invocation;
  const common = {
    ...(mountsDir === undefined ? {} : { mountsDir }),
    json,
    roster,
    ...(allowFile === undefined ? {} : { allowFile }),
    ...(baseline === undefined ? {} : { baseline }),
  };
  return invocation.clean
    ? { command: "clean", ...common, dryRun: false, delete: false, strip: invocation.strip }
    : { command: "scan", ...common };
}

function parentDir(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

function unique(paths: string[]): string[] {
  return [...new Set(paths)];
}
