/**
 * The `routes` command.
 *
 * @module
 */

import { describeError } from "../_describe_error.ts";
import { routesJson } from "../roster/routes_json.ts";
import { loadCommandRoster } from "./_load_roster.ts";
import { printError, printNote, printWarning } from "./_messages.ts";
import type { CliIo } from "./cli_io.ts";
import { EXIT_USAGE } from "./exit_usage.ts";
import type { FileInvocation, Locations } from "./locations.ts";

/**
 * Writes routes.json (or prints it, or checks it) and returns the exit code.
 *
 * Requires `--allow-read` on the roster directories (and on the file with `--check`) and
 * `--allow-read` and `--allow-write` on the output file's directory.
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
  // Loaded only to write a file: `-o -` and `--check` never pay for it.
  const { writeTextFileAtomic } = await import("../roster/write_text_file_atomic.ts");
  try {
    await writeTextFileAtomic(path, text);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    printError(io, `Cannot write ${JSON.stringify(path)}: ${await writeFailure(path, error)}`);
    return EXIT_USAGE;
  }
  io.stdout(`Routes written to ${path}\n`);
  return 0;
}

/** Why a write failed, naming a parent that is a file (the grant covers the parent only). */
async function writeFailure(path: string, error: unknown): Promise<string> {
  const parent = path.slice(0, path.lastIndexOf("/")) || "/";
  try {
    if ((await Deno.stat(parent)).isFile) {
      return `the parent ${JSON.stringify(parent)} is a file, not a directory`;
    }
  } catch {
    // Missing, or outside the grants (a deeper parent): the error itself is the best we have.
  }
  if (error instanceof Deno.errors.NotADirectory) {
    return "a parent of it is a file, not a directory";
  }
  return describeError(error);
}

/**
 * Compares the file with what would be written, without following a symlink into a FIFO or
 * a device and without reading more than one byte past the expected size.
 */
async function checkRoutesFile(path: string, expected: string, io: CliIo): Promise<number> {
  const want = new TextEncoder().encode(expected);
  const shown = JSON.stringify(path);
  let actual: Uint8Array | string;
  try {
    actual = await readAtMost(path, want.length + 1);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    const why = error instanceof Deno.errors.NotFound
      ? "is missing"
      : `cannot be read (${describeError(error)})`;
    printWarning(io, `${shown} ${why}: it differs from what would be written`);
    return 1;
  }
  if (typeof actual === "string") {
    printWarning(io, `${shown} ${actual}: it differs from what would be written`);
    return 1;
  }
  if (sameBytes(actual, want)) {
    printNote(io, `${shown} is up to date`);
    return 0;
  }
  printWarning(io, `${shown} differs from what would be written`);
  return 1;
}

/**
 * Reads a regular file of at most `limit` bytes; returns why not (a sentence fragment) when
 * it is something else or larger. `lstat` first, so a FIFO is never opened (opening one
 * blocks until a writer comes); the open handle's own `stat` then confirms it is still the
 * same regular file.
 */
async function readAtMost(path: string, limit: number): Promise<Uint8Array | string> {
  const before = await Deno.lstat(path);
  if (!before.isFile) return before.isSymlink ? "is a symlink" : "is not a regular file";
  if (before.size >= limit) return "is larger than what would be written";
  using file = await Deno.open(path, { read: true });
  const now = await file.stat();
  if (!now.isFile || now.ino !== before.ino || now.dev !== before.dev) {
    return "changed while being checked";
  }
  const buffer = new Uint8Array(limit);
  let filled = 0;
  while (filled < limit) {
    const count = await file.read(buffer.subarray(filled));
    if (count === null) break;
    filled += count;
  }
  return buffer.subarray(0, filled);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
