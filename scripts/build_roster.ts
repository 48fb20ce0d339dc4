/**
 * Regenerates `src/roster/_default_roster.ts` and `src/roster/_roster_json_schema.ts` from
 * `src/roster/default_roster/*.yaml` and the roster schema, so the program's default path
 * parses no YAML and validates nothing at start-up.
 *
 * Run it with `deno task build-roster` after editing a default roster file or the schema.
 * Requires `--allow-read` and `--allow-write` on `src/roster`.
 *
 * @module
 */

import { GENERATED_FILES, generateModules } from "../src/roster/_generate.ts";
import { fileUrlPath } from "./_file_url_path.ts";

const rosterSrc = new URL("../src/roster/", import.meta.url);

/**
 * Writes both generated modules and returns the paths written.
 *
 * Requires `--allow-read` and `--allow-write` on `src/roster`.
 *
 * @returns The paths of the two modules.
 * @throws {RosterError} When a default roster file is invalid.
 *
 * @example Regenerate the modules
 * ```ts
 * import { buildRoster } from "./build_roster.ts";
 * console.log(await buildRoster());
 * ```
 */
export async function buildRoster(): Promise<string[]> {
  const modules = await generateModules(
    fileUrlPath(new URL("v3/default_roster", rosterSrc)),
  );
  const written: string[] = [];
  for (const key of ["defaultRoster", "jsonSchema"] as const) {
    const path = fileUrlPath(new URL(GENERATED_FILES[key], rosterSrc));
    await Deno.writeTextFile(path, modules[key]);
    written.push(path);
  }
  return written;
}

if (import.meta.main) {
  try {
    for (const path of await buildRoster()) console.log(`Wrote ${path}`);
  } catch (error) {
    console.error(`build-roster: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
