/**
 * The `deno run` command line of one CLI invocation, with the scoped permissions it needs.
 *
 * @module
 */

import { processContext } from "../src/cli/_context.ts";
import { commandGrants, type Grants } from "../src/cli/grants.ts";
import type { FileInvocation, Locations } from "../src/cli/locations.ts";
import { parseArgs } from "../src/cli/parse_args.ts";
import { permissionFlags } from "../src/cli/permission_flags.ts";
import { fileUrlPath } from "./_file_url_path.ts";
import { launcherLocations } from "./_launcher_locations.ts";

/** The checkout's root directory (the parent of scripts/, and of bundle/ when bundled). */
export const PROJECT_DIR = fileUrlPath(new URL("..", import.meta.url));

/** A problem the launcher reports itself, in one line, with the usage exit code (2). */
export class LaunchError extends Error {}

const NO_GRANTS: Grants = { read: [], write: [] };

/** How to start the program: `deno` arguments and the directory to start it in. */
export interface Launch {
  /** The arguments after `deno`. */
  args: string[];
  /** The file grants in `args`: what the command may read and write. */
  grants: Grants;
  /** The caller's real directory when a relative path was resolved against it. */
  cwd?: string;
}

/**
 * Builds `deno run` arguments that start `src/main.ts` with exactly the permissions the
 * command line needs. What the program reports better itself (a bad option, a missing HOME)
 * gets no file grants at all; what no grant can express (a path with a comma, `/` itself) or
 * what cannot be known (the caller's directory, for a relative path) is a {@linkcode LaunchError}.
 *
 * Requires `--allow-env` on the variables of docs/cli.md, `--allow-sys=uid` and
 * `--allow-run=realpath`: one `realpath` run, only when the command has a relative path or a
 * mounts dir, started in `callerDir`, tells the caller's real directory and the mounts dir's
 * real location.
 *
 * @param args The program's arguments.
 * @param callerDir A name of the caller's directory that a process may be started in (the
 * launcher passes `/proc/<its parent>/cwd`); relative options are taken from there.
 * @returns The arguments after `deno`, and the directory the program must start in when a
 * relative path was resolved.
 * @throws {LaunchError} When the grants cannot be expressed or the caller's directory is needed
 * and cannot be known.
 *
 * @example
 * ```ts ignore
 * import { launchPlan } from "./launch_args.ts";
 * (await launchPlan(["routes", "-o", "-", "--no-user"], "/tmp")).args[0]; // "run"
 * ```
 */
export async function launchPlan(args: readonly string[], callerDir: string): Promise<Launch> {
  let planned;
  let flags;
  try {
    planned = await grantsFor(args, callerDir);
    flags = permissionFlags(planned.grants);
  } catch (error) {
    if (error instanceof RangeError) throw new LaunchError(error.message);
    throw error;
  }
  const denoArgs = [
    "run",
    "--quiet",
    `--config=${PROJECT_DIR}/deno.json`,
    ...flags,
    `${PROJECT_DIR}/src/main.ts`,
    ...args,
  ];
  const launch: Launch = { args: denoArgs, grants: planned.grants };
  if (planned.cwd !== undefined) launch.cwd = planned.cwd;
  return launch;
}

/**
 * {@linkcode launchPlan}'s arguments alone, for callers whose paths are all absolute.
 *
 * @param args The program's arguments.
 * @param callerDir The caller's directory.
 * @returns The arguments after `deno`.
 */
export async function launchArgs(args: readonly string[], callerDir: string): Promise<string[]> {
  return (await launchPlan(args, callerDir)).args;
}

async function grantsFor(
  args: readonly string[],
  callerDir: string,
): Promise<{ grants: Grants; cwd?: string }> {
  let invocation;
  let context;
  let defaults: Locations;
  try {
    invocation = parseArgs(args);
    if (!("roster" in invocation)) return { grants: NO_GRANTS };
    context = processContext();
    // Relative options are joined onto "/" here only to find the absolute defaults.
    defaults = await launcherLocations(invocation, context, "/");
  } catch {
    return { grants: NO_GRANTS }; // The program reports the bad option or missing variable itself.
  }
  const relative = relativeOptions(invocation).length > 0;
  const mounts = invocation.command === "routes"
    ? undefined
    : (invocation.mountsDir ?? defaults.mountsDir);
  if (!relative) {
    const real = mounts === undefined ? undefined : await realPath(mounts);
    const locations = real === undefined ? defaults : { ...defaults, realMountsDir: real };
    return { grants: commandGrants(invocation, locations) };
  }
  const resolved = await resolveInCaller(callerDir, mounts);
  if (resolved === undefined) {
    throw new LaunchError(
      `Cannot tell which directory the command was run in, so the relative path ` +
        `"${relativeOptions(invocation)[0]}" cannot be resolved; give an absolute path`,
    );
  }
  const locations = await launcherLocations(invocation, context, resolved.cwd);
  const grants = commandGrants(
    invocation,
    resolved.mounts === undefined ? locations : { ...locations, realMountsDir: resolved.mounts },
  );
  return { grants, cwd: resolved.cwd };
}

/** The path options given relative to the caller's directory. */
function relativeOptions(invocation: FileInvocation): string[] {
  const { roster } = invocation;
  const paths = [roster.rosterDir, roster.userDir];
  if (invocation.command === "routes") {
    if (invocation.output !== "-") paths.push(invocation.output);
  } else paths.push(invocation.mountsDir);
  if (invocation.command === "quarantine") paths.push(invocation.to);
  else if (invocation.command !== "routes") paths.push(invocation.allowFile, invocation.baseline);
  return paths.filter((path): path is string => path !== undefined && !path.startsWith("/"));
}

/**
 * The caller's real directory and, when asked, a path's real location resolved from there,
 * by one `realpath` started in that directory: the same directory the program's own
 * `Deno.cwd()` will report. Undefined when the directory cannot be entered (no `/proc`, or it
 * was removed).
 */
async function resolveInCaller(
  callerDir: string,
  path: string | undefined,
): Promise<{ cwd: string; mounts?: string } | undefined> {
  const lines = await runRealPath([".", ...(path === undefined ? [] : [path])], callerDir);
  const [cwd, mounts] = lines ?? [];
  if (cwd === undefined || !cwd.startsWith("/")) return undefined;
  return mounts?.startsWith("/") ? { cwd, mounts } : { cwd };
}

/**
 * The mounts dir's real location, so the program may follow a symlinked parent: once it
 * pins a directory, Deno checks permissions against the real path. Resolved here, once, from
 * the caller's own option or environment (trusted input), never from the mounts' contents:
 * in this process when it may read the dir (a missing one has no other location to grant),
 * else by `realpath`.
 */
async function realPath(path: string): Promise<string | undefined> {
  if (Deno.permissions.querySync({ name: "read", path }).state === "granted") {
    try {
      return await Deno.realPath(path);
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
    }
  }
  const real = (await runRealPath([path]))?.[0];
  return real?.startsWith("/") ? real : undefined;
}

async function runRealPath(paths: string[], cwd?: string): Promise<string[] | undefined> {
  try {
    const { code, stdout } = await new Deno.Command("realpath", {
      args: ["-m", "-z", "--", ...paths],
      ...(cwd === undefined ? {} : { cwd }),
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    if (code !== 0) return undefined;
    // NUL-separated: a path may hold a newline.
    return new TextDecoder().decode(stdout).replace(/\0$/, "").split("\0");
  } catch {
    return undefined; // The directory cannot be entered, or realpath is missing.
  }
}
