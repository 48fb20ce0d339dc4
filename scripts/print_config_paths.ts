/**
 * `deno run --allow-read=<files> --allow-env=HOME scripts/print_config_paths.ts <files...>`:
 * prints the layered `paths.root` and `paths.sandbox_live_dir` of terok's config.yml files as
 * JSON (`{"root": ..., "sandbox_live_dir": ...}`, `null` for none), or exits 2. The launcher
 * runs it when a config file lies outside what it may read itself.
 *
 * @module
 */

import { readTerokConfig } from "../src/read_terok_config.ts";

try {
  const home = Deno.env.get("HOME");
  const config = await readTerokConfig(Deno.args, {
    env: (name) => name === "HOME" ? home || undefined : undefined,
    isRoot: false,
  });
  const paths = { root: config.root() ?? null, sandbox_live_dir: config.sandboxLiveDir() ?? null };
  console.log(JSON.stringify(paths));
} catch {
  Deno.exit(2);
}
