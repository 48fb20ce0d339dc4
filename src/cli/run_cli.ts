/**
 * The command-line program as a function: arguments in, exit code out.
 *
 * @module
 */

import denoConfig from "../../deno.json" with { type: "json" };
import { processContext } from "./_context.ts";
import type { CliIo } from "./cli_io.ts";
import { dropUnneededWrites } from "./drop_unneeded_writes.ts";
import { EXIT_USAGE } from "./exit_usage.ts";
import { helpText, usageLine } from "./help.ts";
import { type FileInvocation, resolveLocations } from "./locations.ts";
import { parseArgs } from "./parse_args.ts";
import { UsageError } from "./usage_error.ts";

/**
 * Runs one command line and returns its exit code; never throws and never exits.
 *
 * Requires the permissions the launcher computes for the command (see the README).
 *
 * @param args The arguments after the program name.
 * @param io Where to write.
 * @returns The exit code of cli.md.
 *
 * @example Print the version
 * ```ts
 * import { runCli } from "./run_cli.ts";
 * import { processIo } from "./cli_io.ts";
 * const code = await runCli(["--version"], processIo()); // 0
 * ```
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    const invocation = parseArgs(args);
    switch (invocation.command) {
      case "help":
        io.stdout(helpText(invocation.topic));
        return 0;
      case "version":
        io.stdout(`terok-vault ${denoConfig.version}\n`);
        return 0;
      case "schema": {
        const { runSchema } = await import("./run_schema.ts");
        return runSchema(io);
      }
      default:
        return await runFileCommand(invocation, io);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

async function runFileCommand(invocation: FileInvocation, io: CliIo): Promise<number> {
  const context = processContext();
  const locations = resolveLocations(invocation, context, Deno.cwd());
  dropUnneededWrites(invocation, locations, context);
  if (invocation.command === "routes") {
    const { runRoutes } = await import("./run_routes.ts");
    return await runRoutes(invocation, locations, io);
  }
  if (invocation.command === "watch") {
    const { runWatch } = await import("./run_watch.ts");
    return await runWatch(invocation, locations, io);
  }
  const { runScanClean } = await import("./run_scan_clean.ts");
  return await runScanClean(invocation, locations, io);
}

/** One clear line (plus the usage line for usage errors) and never a stack trace. */
async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof UsageError) {
    io.stderr(`terok-vault: ${error.message}\n${usageLine(error.command)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof Deno.errors.NotCapable) {
    io.stderr(`terok-vault: ${sandboxMessage(error.message)}\n`);
    return EXIT_USAGE;
  }
  const { isRosterError } = await import("../roster/mod.ts");
  if (isRosterError(error) || error instanceof RangeError) {
    io.stderr(`terok-vault: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  io.stderr(`terok-vault: unexpected error: ${detail}\n`);
  return EXIT_USAGE;
}

/** Deno's "Requires read access to "/x", run again with ..." as advice that fits this program. */
function sandboxMessage(message: string): string {
  const what = /Requires (.+?), run again/.exec(message)?.[1] ?? message;
  return `The permission sandbox refused this: it requires ${what}, which this ` +
    `command was not granted (paths outside the ones the command works on are off limits)`;
}
