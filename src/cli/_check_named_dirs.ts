/**
 * Directories named by an option must exist: a mistyped `--mounts-dir` must never pass as a
 * clean bill (docs/cli.md, "Paths").
 *
 * @module
 */

import { describeError } from "../_describe_error.ts";
import type { FileInvocation, Locations } from "./locations.ts";

/**
 * Checks that every directory the command line names by option is one. Defaults (variables
 * included) are not checked: a missing default user dir or mounts dir is simply empty.
 *
 * Requires `--allow-read` on the named directories (the launcher grants them).
 *
 * @throws {RangeError} Naming the option and the path when it is missing, not a directory, or
 * outside the grants.
 */
export async function checkNamedDirs(
  invocation: FileInvocation,
  locations: Locations,
): Promise<void> {
  const named: [option: string, given: string | undefined, path: string | undefined][] = [
    ["--roster", invocation.roster.rosterDir, locations.rosterDir],
    ["--user-dir", invocation.roster.userDir, locations.userDir ?? undefined],
    [
      "--user-providers",
      invocation.roster.userProvidersDir,
      locations.userProvidersDir ?? undefined,
    ],
  ];
  if (invocation.command !== "routes") {
    named.push(["--mounts-dir", invocation.mountsDir, locations.mountsDir]);
  }
  if (invocation.command === "quarantine") named.push(["--to", invocation.to, locations.toDir]);
  for (const [option, given, path] of named) {
    if (given !== undefined && path !== undefined) await checkDir(option, path);
  }
}

async function checkDir(option: string, path: string): Promise<void> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound
      ? "which does not exist"
      : error instanceof Deno.errors.NotCapable
      // A compiled binary carries grants for the default locations only.
      ? "which lies outside the paths this program may read"
      : `which cannot be used (${describeError(error)})`;
    throw new RangeError(`Option ${option} names ${JSON.stringify(path)}, ${why}`);
  }
  if (!info.isDirectory) {
    const what = info.isFile ? "a file, not a directory" : "not a directory";
    throw new RangeError(`Option ${option} names ${JSON.stringify(path)}, which is ${what}`);
  }
}
