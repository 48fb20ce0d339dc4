/**
 * The `schema` command.
 *
 * @module
 */

import { rosterJsonSchema } from "../roster/mod.ts";
import type { CliIo } from "./cli_io.ts";

/**
 * Prints the JSON Schema of one roster file.
 *
 * @param io Where to write.
 * @returns Always 0.
 *
 * @example
 * ```ts
 * import { runSchema } from "./run_schema.ts";
 * import { processIo } from "./cli_io.ts";
 * runSchema(processIo());
 * ```
 */
export function runSchema(io: CliIo): number {
  io.stdout(`${JSON.stringify(rosterJsonSchema(), null, 2)}\n`);
  return 0;
}
