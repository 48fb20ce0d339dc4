/**
 * The command-line program as a function: arguments in, exit code out.
 *
 * @module
 */

import denoConfig from "../../deno.json" with { type: "json" };
import { checkNamedDirs } from "./_check_named_dirs.ts";
import { processContext } from "./_context.ts";
import type { CliIo } from "./cli_io.ts";
import { dropUnneededWrites } from "./drop_unneeded_writes.ts";
import { EXIT_USAGE } from "./exit_usage.ts";
import { printError, printNote } from "./_messages.ts";
import type { FileInvocation } from "./locations.ts";
import { parseArgs } from "./parse_args.ts";
import { resolveCommandLocations } from "./resolve_command_locations.ts";
import { UsageError } from "./usage_error.ts";

/**
 * Runs one command line and returns its exit code; never throws and never exits.
 *
 * Requires the permissions the launcher computes for the command (see the README).
 *
 * @param args The arguments after the program name.
 * @param io Where to write.
 * @returns The exit code (docs/cli.md, "Exit codes").
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
      case "help": {
        // The help texts are loaded only for help and usage errors, never by a command.
        const { helpText } = await import("./help.ts");
        io.stdout(helpText(invocation.topic));
        return 0;
      }
      case "version":
        io.stdout(`terok-vault ${denoConfig.version}\n`);
        return 0;
      case "schema": {
        const { runSchema } = await import("./run_schema.ts");
        return await runSchema(io, invocation.of);
      }
      case "completions": {
        const { runCompletions } = await import("./run_completions.ts");
        return runCompletions(invocation.shell, io);
      }
      default:
        return await runFileCommand(invocation, io);
    }
  } catch (error) {
    return reportError(error, io);
  }
}

async function runFileCommand(invocation: FileInvocation, io: CliIo): Promise<number> {
  const { locations, context, config } = await resolveCommandLocations(
    invocation,
    processContext(),
    Deno.cwd(),
  );
  await checkNamedDirs(invocation, locations);
  dropUnneededWrites(invocation, locations, context);
  if (invocation.command === "routes") {
    const { runRoutes } = await import("./run_routes.ts");
    return await runRoutes(invocation, locations, io);
  }
  if (invocation.command === "quarantine") {
    const { runQuarantine } = await import("./run_quarantine.ts");
    return runQuarantine(invocation, locations, io);
  }
  for (const { file, agent } of config?.exposeWithoutExperimental ?? []) {
    printNote(
      io,
      `'${file}' sets agent.${agent}.expose_oauth_token but not experimental: true, so terok ` +
        `does not expose that token (unless run with --experimental, which this program ` +
        `cannot see) and '${agent}''s credential file is judged like any other`,
    );
  }
  const exposed = config?.exposedOAuth ?? [];
  if (invocation.command === "watch") {
    const { runWatch } = await import("./run_watch.ts");
    return await runWatch(invocation, locations, io, exposed);
  }
  const { runScanClean } = await import("./run_scan_clean.ts");
  return await runScanClean(invocation, locations, io, exposed);
}

/** One clear line (plus the usage line for usage errors) and never a stack trace. */
/** The reader of standard output went away (`| head`): stop as a SIGPIPE would, silently. */
const EXIT_BROKEN_PIPE = 141;

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof Deno.errors.BrokenPipe) return EXIT_BROKEN_PIPE;
  if (error instanceof UsageError) {
    const { usageLine } = await import("./help.ts");
    printError(io, error.message);
    io.stderr(`${usageLine(error.command)}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof Deno.errors.NotCapable) {
    printError(io, sandboxMessage(error.message));
    return EXIT_USAGE;
  }
  const { isRosterError } = await import("../roster/mod.ts");
  if (isRosterError(error) || error instanceof RangeError) {
    printError(io, error.message);
    return EXIT_USAGE;
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  printError(io, `Unexpected error: ${detail}`);
  return EXIT_USAGE;
}

/** Deno's "Requires read access to "/x", run again with ..." as advice that fits this program. */
function sandboxMessage(message: string): string {
  const what = /Requires (.+?), run again/.exec(message)?.[1] ?? message;
  return `The permission sandbox refused this: it requires ${what}, which this ` +
    `command was not granted (paths outside the ones the command works on are off limits)`;
}
