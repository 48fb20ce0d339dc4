/**
 * The `deno run` command line of one CLI invocation, with the scoped permissions it needs.
 *
 * @module
 */

import { processContext } from "../src/cli/_context.ts";
import { commandGrants, type Grants } from "../src/cli/grants.ts";
import { parseArgs } from "../src/cli/parse_args.ts";
import { permissionFlags } from "../src/cli/permission_flags.ts";
import { launcherLocations } from "./_launcher_locations.ts";

/** The checkout's root directory. */
export const PROJECT_DIR = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

const NO_GRANTS: Grants = { read: [], write: [] };

/**
 * Builds `deno run` arguments that start `src/main.ts` with exactly the permissions the
 * command line needs. What cannot be worked out (a bad option, a missing HOME, a path with a
 * comma) gets no file grants at all: the program then reports the problem itself.
 *
 * Requires `--allow-env` on the variables of cli.md, `--allow-sys=uid` and
 * `--allow-run=realpath` (to resolve the mounts dir through symlinks).
 *
 * @param args The program's arguments.
 * @param cwd The caller's directory, for relative options.
 * @returns The arguments after `deno`.
 *
 * @example
 * ```ts
 * import { launchArgs } from "./launch_args.ts";
 * (await launchArgs(["routes", "-o", "-", "--no-user"], "/tmp"))[0]; // "run"
 * ```
 */
export async function launchArgs(args: readonly string[], cwd: string): Promise<string[]> {
  const grants = await grantsFor(args, cwd);
  let flags;
  try {
    flags = permissionFlags(grants);
  } catch {
    flags = permissionFlags(NO_GRANTS);
  }
  return [
    "run",
    "--quiet",
    `--config=${PROJECT_DIR}/deno.json`,
    ...flags,
    `${PROJECT_DIR}/src/main.ts`,
    ...args,
  ];
}

async function grantsFor(args: readonly string[], cwd: string): Promise<Grants> {
  try {
    const invocation = parseArgs(args);
    if (!("roster" in invocation)) return NO_GRANTS;
    const locations = await launcherLocations(invocation, processContext(), cwd);
    if (locations.mountsDir === undefined) return commandGrants(invocation, locations);
    const realMountsDir = await realPath(locations.mountsDir);
    return commandGrants(
      invocation,
      realMountsDir === undefined ? locations : { ...locations, realMountsDir },
    );
  } catch {
    return NO_GRANTS;
  }
}

/**
 * The mounts dir's real location, so the program may follow a symlinked parent: once it
 * pins a directory, Deno checks permissions against the real path. Resolved here, once, from
 * the caller's own option or environment (trusted input), never from the mounts' contents.
 */
async function realPath(path: string): Promise<string | undefined> {
  const { code, stdout } = await new Deno.Command("realpath", {
    args: ["-m", "--", path],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).output();
  const real = new TextDecoder().decode(stdout).replace(/\n$/, "");
  return code === 0 && real.startsWith("/") ? real : undefined;
}
