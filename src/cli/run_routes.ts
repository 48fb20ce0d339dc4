/**
 * The `routes` command.
 *
 * @module
 */

import { routesJson, writeTextFileAtomic } from "../roster/mod.ts";
import { loadCommandRoster } from "./_load_roster.ts";
import type { CliIo } from "./cli_io.ts";
import { EXIT_USAGE } from "./exit_usage.ts";
import type { FileInvocation, Locations } from "./locations.ts";

/**
 * Writes routes.json (or prints it, or checks it) and returns the exit code.
 *
 * Requires `--allow-read` on the roster directories (and on the file with `--check`) and
 * `--allow-write` on the output file's directory.
 *
 * @param invocation The parsed `routes` command line.
 * @param locations Its absolute paths.
 * @param io Where to write.
 * @returns 0 written or matching, 1 `--check` differs, 2 the write failed.
 * @throws {RosterError} When the roster cannot be loaded or has duplicate route prefixes.
 *
 * @example Print the built-in roster's routes
 * ```ts
 * import { runRoutes } from "./run_routes.ts";
 * import { processIo } from "./cli_io.ts";
 * await runRoutes(
 *   { command: "routes", output: "-", check: false, roster: { noUser: true } },
 *   { userDir: null, routesFile: "-" },
 *   processIo(),
 * );
 * ```
 */
export async function runRoutes(
  invocation: Extract<FileInvocation, { command: "routes" }>,
  locations: Locations,
  io: CliIo,
): Promise<number> {
  const text = routesJson(await loadCommandRoster(locations, io));
  const path = locations.routesFile ?? "-";
  if (path === "-") {
    io.stdout(text);
    return 0;
  }
  if (invocation.check) return await checkRoutesFile(path, text, io);
  try {
    await writeTextFileAtomic(path, text);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    io.stderr(`terok-vault: Cannot write "${path}": ${reasonOf(error)}\n`);
    return EXIT_USAGE;
  }
  io.stdout(`Routes written to ${path}\n`);
  return 0;
}

async function checkRoutesFile(path: string, expected: string, io: CliIo): Promise<number> {
  let actual: Uint8Array;
  try {
    actual = await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    const why = error instanceof Deno.errors.NotFound
      ? "is missing"
      : `cannot be read (${reasonOf(error)})`;
    io.stderr(`${path} ${why}: it differs from what would be written.\n`);
    return 1;
  }
  if (sameBytes(actual, new TextEncoder().encode(expected))) {
    io.stderr(`${path} is up to date.\n`);
    return 0;
  }
  io.stderr(`${path} differs from what would be written.\n`);
  return 1;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
