/**
 * What every start-up loads: the static module graph of `src/main.ts`. Commands load their own
 * code with dynamic imports; a static import that reaches the scanner, the detector or the YAML
 * parser makes every command (even `--version`) pay for them. The same holds one level down: a
 * plain `scan` or `routes` loads the static graph of its command module, which must not reach
 * another command's code (a `mod.ts` barrel re-exporting watch or the quarantine, the roster's
 * JSON Schema, clean's keeper, the deep walk).
 */
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { PROJECT_DIR } from "./_run_vault.ts";

interface ModuleInfo {
  specifier: string;
  dependencies?: { isDynamic?: boolean; code?: { specifier?: string } }[];
}

/** The modules `entry` reaches through static imports alone, relative to the checkout. */
async function staticGraph(entry = "src/main.ts"): Promise<string[]> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "info",
      "--json",
      `--config=${PROJECT_DIR}/deno.json`,
      pathToFileURL(`${PROJECT_DIR}/${entry}`).href,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  const info = JSON.parse(new TextDecoder().decode(output.stdout));
  const modules = new Map<string, ModuleInfo>(
    (info.modules as ModuleInfo[]).map((module) => [module.specifier, module]),
  );
  const seen = new Set<string>();
  const pending: string[] = [...info.roots];
  while (pending.length > 0) {
    const specifier = pending.pop()!;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dependency of modules.get(specifier)?.dependencies ?? []) {
      const next = dependency.code?.specifier;
      if (!dependency.isDynamic && next !== undefined) pending.push(next);
    }
  }
  const root = pathToFileURL(`${PROJECT_DIR}/`).href;
  return [...seen].map((specifier) => specifier.replace(root, "")).sort();
}

Deno.test("src/main.ts loads no scanner, detector or npm package before a command needs them", async () => {
  const graph = await staticGraph();
  const heavy = graph.filter((module) =>
    module.startsWith("npm:") || module.startsWith("src/detect/") ||
    (module.startsWith("src/mounts/") && module !== "src/mounts/pinned_dir.ts") ||
    module.startsWith("src/roster/")
  );
  assert.deepEqual(heavy, []);
  assert.ok(graph.includes("src/cli/run_cli.ts"), graph.join("\n"));
});

/** Modules only another command, or another mode of this one, may load. */
const NOT_FOR_PLAIN_SCAN = [
  /^npm:/,
  /^src\/allow\//, // an allowlist or baseline is loaded only when one is named or found
  /^src\/report\//, // SARIF
  /^src\/mounts\/mod\.ts$/,
  /^src\/mounts\/(clean_mounts|_keep_leak|_strip_\w+|_quarantine_store)\.ts$/, // clean
  /^src\/mounts\/(restore_quarantined|purge_quarantine|list_quarantine)\.ts$/, // quarantine
  /^src\/mounts\/(watch_mounts|_watch_\w+)\.ts$/, // watch
  /^src\/mounts\/_deep_\w+\.ts$/, // scan --deep
  /^src\/detect\/(mod|chunked_detector|detect_secrets)\.ts$/, // deep and strip
  /^src\/roster\/(mod|_?roster_json_schema|write_text_file_atomic)\.ts$/, // schema, routes
  /^src\/roster\/v[13]\/_load_v[13]\.ts$/, // roster files on disk, not the built-in one
];

Deno.test("a plain scan's command module loads no clean, deep, watch, quarantine, SARIF or schema code", async () => {
  const graph = await staticGraph("src/cli/run_scan_clean.ts");
  assert.deepEqual(graph.filter((module) => NOT_FOR_PLAIN_SCAN.some((re) => re.test(module))), []);
  assert.ok(graph.includes("src/mounts/scan_mounts.ts"), graph.join("\n"));
  // The budget: 73 modules when written; a barrel import would add about 30.
  assert.ok(graph.length <= 80, `${graph.length} modules:\n${graph.join("\n")}`);
});

Deno.test("routes' command module loads neither the scanner nor the roster's JSON Schema", async () => {
  const graph = await staticGraph("src/cli/run_routes.ts");
  const heavy = graph.filter((module) =>
    module.startsWith("npm:") || module.startsWith("src/mounts/") ||
    module.startsWith("src/allow/") || /roster_json_schema|write_text_file_atomic/.test(module) ||
    (module.startsWith("src/detect/") && !/credential_format|_format_names/.test(module))
  );
  assert.deepEqual(heavy, []);
  // The budget: 17 modules when written.
  assert.ok(graph.length <= 20, `${graph.length} modules:\n${graph.join("\n")}`);
});
