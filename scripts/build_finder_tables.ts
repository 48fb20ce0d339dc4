/**
 * Regenerates `src/detect/_finder_tables.ts` (the token finder's regular expressions and
 * lookup tables) from the rules in `src/detect/rules/`, so the program does not compute them
 * at start-up.
 *
 * Run it with `deno task build-finders` after editing a rule.
 * Requires `--allow-read` on the repository, `--allow-write` on `src/detect` and `--allow-run`
 * (the module is formatted with `deno fmt`).
 *
 * @module
 */

import { finderTablesModule } from "../src/detect/_finder_plan.ts";
import { RULES } from "../src/detect/rules.ts";
import { fileUrlPath } from "./_file_url_path.ts";

const ROOT = new URL("../", import.meta.url);

/** Where the generated module lives. */
export const FINDER_TABLES_PATH: string = fileUrlPath(
  new URL("src/detect/_finder_tables.ts", ROOT),
);

/**
 * The text `_finder_tables.ts` should hold for the current rules, formatted as `deno fmt`
 * formats it.
 *
 * Requires `--allow-run` (runs `deno fmt`) and `--allow-read` on the repository.
 *
 * @returns The module's source text.
 * @throws {Error} When `deno fmt` fails.
 *
 * @example Check the committed module
 * ```ts
 * import { FINDER_TABLES_PATH, finderTablesText } from "./build_finder_tables.ts";
 * console.log((await finderTablesText()) === (await Deno.readTextFile(FINDER_TABLES_PATH)));
 * ```
 */
export async function finderTablesText(): Promise<string> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--ext", "ts", "-"],
    cwd: fileUrlPath(ROOT),
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(finderTablesModule(RULES)));
  await writer.close();
  const output = await child.output();
  if (!output.success) {
    throw new Error(`deno fmt failed: ${new TextDecoder().decode(output.stderr)}`);
  }
  return new TextDecoder().decode(output.stdout);
}

if (import.meta.main) {
  try {
    await Deno.writeTextFile(FINDER_TABLES_PATH, await finderTablesText());
    console.log(`Wrote ${FINDER_TABLES_PATH}`);
  } catch (error) {
    console.error(`build-finders: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
