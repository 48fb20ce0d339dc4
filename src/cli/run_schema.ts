/**
 * The `schema` command.
 *
 * @module
 */

import { rosterJsonSchema } from "../roster/mod.ts";
import type { CliIo } from "./cli_io.ts";

/**
 * Prints the JSON Schema of one roster file, or with `of` "allowlist" that of the allowlist
 * of accepted findings (`vault-allow.yaml`).
 *
 * @param io Where to write.
 * @param of Which schema: a roster file's by default.
 * @returns Always 0.
 *
 * @example
 * ```ts
 * import { runSchema } from "./run_schema.ts";
 * import { processIo } from "./cli_io.ts";
 * await runSchema(processIo(), "allowlist");
 * ```
 */
export async function runSchema(io: CliIo, of?: "allowlist"): Promise<number> {
  if (of === "allowlist") {
    // Loaded only for this schema: the roster's schema never pays for it.
    const { allowlistJsonSchema } = await import("../allow/allowlist_json_schema.ts");
    io.stdout(`${JSON.stringify(allowlistJsonSchema(), null, 2)}\n`);
    return 0;
  }
  io.stdout(`${JSON.stringify(rosterJsonSchema(), null, 2)}\n`);
  return 0;
}
