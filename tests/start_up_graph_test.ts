/**
 * What every start-up loads: the static module graph of `src/main.ts`. Commands load their own
 * code with dynamic imports; a static import that reaches the scanner, the detector or the YAML
 * parser makes every command (even `--version`) pay for them.
 */
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { PROJECT_DIR } from "./_run_vault.ts";

interface ModuleInfo {
  specifier: string;
  dependencies?: { isDynamic?: boolean; code?: { specifier?: string } }[];
}

/** The modules `src/main.ts` reaches through static imports alone, relative to the checkout. */
async function staticGraph(): Promise<string[]> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "info",
      "--json",
      `--config=${PROJECT_DIR}/deno.json`,
      pathToFileURL(`${PROJECT_DIR}/src/main.ts`).href,
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
