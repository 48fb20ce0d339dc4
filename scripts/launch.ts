/**
 * Source launcher behind `deno task vault` (and `routes`, `scan`, `clean`, `watch`): runs
 * `src/main.ts`'s program under exactly the permissions the command line needs (see
 * launch_args.ts and src/cli/grants.ts).
 *
 * The task grants the default locations of both layouts up front (launch_task_grants.ts).
 * When the command works on those alone, the launcher gives back everything else (the other
 * paths, every run permission) and runs the program in its own process: one Deno. Only a
 * command that names other paths starts a second Deno, by the path of the running binary
 * (never a `deno` looked up on PATH, which may be a wrapper that does not pass signals on),
 * with exactly the command's flags.
 *
 * Relative paths are taken from the directory the command was really run in: the working
 * directory of the launcher's parent (`deno task`, or a shell), reached as
 * `/proc/<ppid>/cwd`. `INIT_CWD` is not used: `deno task` keeps one an outer tool left behind.
 * The launcher itself may read only the variables of docs/cli.md and the uid, and the task's
 * default locations.
 *
 * When the process that started the launcher goes away without passing a signal on (`deno task`
 * killed by SIGKILL, or a wrapper that ran this script itself), the program is stopped as if by
 * SIGTERM rather than left running unseen. A wrapper above `deno task` (npm's `bin.cjs`) is out of
 * its sight: see docs/permissions.md, "A `deno` that is npm's wrapper".
 *
 * @module
 */

import { processContext } from "../src/cli/_context.ts";
import { processIo } from "../src/cli/cli_io.ts";
import { runCli } from "../src/cli/run_cli.ts";
import { type Launch, LaunchError, launchPlan } from "./launch_args.ts";
import { narrowToCommand } from "./launch_in_process.ts";
import { taskGrants } from "./launch_task_grants.ts";

const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
const EXIT_USAGE = 2;
const ORPHAN_CHECK_MS = 250;

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
  if (
    launch.cwd === undefined && narrowToCommand(launch.grants, taskGrants(processContext().env))
  ) {
    // Deno.kill on the process itself needs no permission: watch stops as on a real SIGTERM.
    whenOrphaned(() => Deno.kill(Deno.pid, "SIGTERM"));
    return await runCli(Deno.args, processIo());
  }
  return await runSecondDeno(launch);
}

/** Runs the program in a child Deno with the launch's flags, passing stop signals on. */
async function runSecondDeno(launch: Launch): Promise<number> {
  const child = new Deno.Command(Deno.execPath(), {
    args: launch.args,
    // Relative paths were resolved against the caller's real directory: the program must see
    // the same one. Without them any directory will do, and the launcher's own always exists.
    cwd: launch.cwd ?? Deno.cwd(),
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  // The child has its own flags; the launcher only waits and passes signals on from here.
  for (const name of ["read", "write", "run"] as const) Deno.permissions.revokeSync({ name });
  const pass = (signal: Deno.Signal) => {
    try {
      child.kill(signal);
    } catch {
      // The child has already exited.
    }
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    Deno.addSignalListener(signal, () => pass(signal));
  }
  whenOrphaned(() => pass("SIGTERM"));
  const status = await child.status;
  if (status.signal === null) return status.code;
  return 128 + (SIGNAL_NUMBERS[status.signal] ?? 9);
}

/**
 * Calls `stop` once when the launcher's parent has exited (the launcher was re-parented).
 *
 * Checked by `AbortSignal.timeout`, not `setInterval`: a process's first `setInterval` or
 * `setTimeout` loads Deno's Node.js timers (about 13 ms, a tenth of a whole `routes` run),
 * and the signal's timer is Deno's own. It keeps the event loop alive, which changes
 * nothing here: the launcher always ends by `Deno.exit`.
 */
function whenOrphaned(stop: () => void): void {
  const parent = Deno.ppid;
  const arm = () => {
    AbortSignal.timeout(ORPHAN_CHECK_MS).addEventListener("abort", () => {
      if (Deno.ppid === parent) arm();
      else stop();
    }, { once: true });
  };
  arm();
}

Deno.exit(await main());
