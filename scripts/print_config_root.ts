/**
 * `deno run --allow-read=<files> --allow-env=HOME scripts/print_config_root.ts <files...>`:
 * prints the layered `paths.root` of terok's config.yml files as JSON (`null` for none), or
 * exits 2. The launcher runs it when a config file lies outside what it may read itself.
 *
 * @module
 */

import { readConfigRoot } from "../src/read_config_root.ts";

try {
  const home = Deno.env.get("HOME");
  const root = await readConfigRoot(Deno.args, {
    env: (name) => name === "HOME" ? home || undefined : undefined,
    isRoot: false,
  });
  console.log(JSON.stringify(root ?? null));
} catch {
  Deno.exit(2);
}
