/**
 * Entry point of terok-vault: the only place that exits.
 *
 * @module
 */

import { processIo } from "./cli/cli_io.ts";
import { runCli } from "./cli/run_cli.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args, processIo()));
}
