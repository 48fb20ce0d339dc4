/**
 * Source launcher behind `deno task vault`: runs `src/main.ts` under exactly the permissions
 * the command line needs (see launch_args.ts and src/cli/grants.ts).
 *
 * The launcher itself may read only the variables of cli.md (plus `INIT_CWD`, where
 * `deno task` leaves the caller's directory; tasks run in the project directory), the uid,
 * and run `deno` and `realpath`.
 *
 * @module
 */

import { launchArgs } from "./launch_args.ts";

const SIGNAL_NUMBERS: Partial<Record<Deno.Signal, number>> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

async function main(): Promise<number> {
  const cwd = Deno.env.get("INIT_CWD") || Deno.cwd();
  const child = new Deno.Command("deno", {
    args: await launchArgs(Deno.args, cwd),
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
  if (status.signal === null) return status.code;
  return 128 + (SIGNAL_NUMBERS[status.signal] ?? 9);
}

Deno.exit(await main());
