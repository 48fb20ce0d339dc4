/**
 * Source launcher behind `deno task vault` (and `routes`, `scan`, `clean`): runs
 * `src/main.ts` under exactly the permissions the command line needs (see launch_args.ts and
 * src/cli/grants.ts).
 *
 * Relative paths are taken from the directory the command was really run in: the working
 * directory of the launcher's parent (`deno task`, or a shell), reached as
 * `/proc/<ppid>/cwd`. `INIT_CWD` is not used: `deno task` keeps one an outer tool left behind.
 * The launcher itself may read only the variables of docs/cli.md and the uid, and run `deno`
 * and `realpath`.
 *
 * @module
 */

import { LaunchError, launchPlan } from "./launch_args.ts";

const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
const EXIT_USAGE = 2;

async function main(): Promise<number> {
  const callerDir = `/proc/${Deno.ppid}/cwd`;
  let launch;
  try {
    launch = await launchPlan(Deno.args, callerDir);
  } catch (error) {
    if (!(error instanceof LaunchError)) throw error;
    console.error(`terok-vault: error: ${error.message}`);
    return EXIT_USAGE;
  }
  const child = new Deno.Command("deno", {
    args: launch.args,
    // Relative paths were resolved against the caller's real directory: the program must see
    // the same one. Without them any directory will do, and the launcher's own always exists.
    cwd: launch.cwd ?? Deno.cwd(),
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
  if (status.signal === null) return status.code;
  return 128 + (SIGNAL_NUMBERS[status.signal] ?? 9);
}

Deno.exit(await main());
