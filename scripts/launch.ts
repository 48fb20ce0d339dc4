/**
 * Source launcher behind `deno task vault`: computes the scoped permissions a command needs
 * and runs `src/main.ts` under exactly those.
 *
 * The launcher itself may read only the variables of cli.md (plus `INIT_CWD`, where
 * `deno task` leaves the caller's directory), the uid, and run `deno` and `realpath`.
 * Anything it cannot work out (a bad option, a missing HOME) it leaves to the program, which
 * then runs with no file access at all and reports the problem itself.
 *
 * @module
 */

import { commandGrants, type Grants } from "../src/cli/grants.ts";
import { type FileInvocation, resolveLocations } from "../src/cli/locations.ts";
import { parseArgs } from "../src/cli/parse_args.ts";
import { permissionFlags } from "../src/cli/permission_flags.ts";
import { processContext } from "../src/cli/_context.ts";

const projectDir = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** The directory the user ran `deno task` from (deno task runs tasks in the project dir). */
function callerDir(): string {
  return Deno.env.get("INIT_CWD") || Deno.cwd();
}

async function grantsFor(args: readonly string[], cwd: string): Promise<Grants> {
  const none = { read: [], write: [] };
  let invocation;
  try {
    invocation = parseArgs(args);
  } catch {
    return none;
  }
  if (!("roster" in invocation)) return none;
  try {
    const locations = resolveLocations(invocation as FileInvocation, processContext(), cwd);
    const realMountsDir = locations.mountsDir === undefined
      ? undefined
      : await realPath(locations.mountsDir);
    return commandGrants(
      invocation as FileInvocation,
      realMountsDir === undefined ? locations : { ...locations, realMountsDir },
    );
  } catch {
    return none;
  }
}

/**
 * The mounts dir's real location, so the program may follow a symlinked parent: once it
 * pins a directory, Deno checks its permissions against the real path.
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

async function main(): Promise<number> {
  const args = Deno.args;
  const cwd = callerDir();
  const grants = await grantsFor(args, cwd);
  let flags;
  try {
    flags = permissionFlags(grants);
  } catch {
    flags = permissionFlags({ read: [], write: [] });
  }
  const child = new Deno.Command("deno", {
    args: [
      "run",
      "--quiet",
      `--config=${projectDir}/deno.json`,
      ...flags,
      `${projectDir}/src/main.ts`,
      ...args,
    ],
    cwd,
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    Deno.addSignalListener(signal, () => {
      try {
        child.kill(signal);
      } catch {
        // The child has already exited.
      }
    });
  }
  const status = await child.status;
  return status.signal === null ? status.code : 128 + signalNumber(status.signal);
}

function signalNumber(signal: Deno.Signal): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[signal] ??
    1;
}

Deno.exit(await main());
