/**
 * No import cycle among src/ modules: static, dynamic and type-only imports alike (a cycle
 * makes the load order decide what a module sees, and hides which module depends on which).
 * The graph is Deno's own (`deno info --json`) from every entry point: the program, the
 * library and the scripts.
 */
import { pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { PROJECT_DIR } from "./_run_vault.ts";

const ENTRY_POINTS = ["src/main.ts", "src/mod.ts", "scripts/launch.ts", "scripts/compile.ts"];

interface Dependency {
  code?: { specifier?: string };
  type?: { specifier?: string };
}

interface ModuleInfo {
  specifier: string;
  dependencies?: Dependency[];
}

/** Every src/ module reachable from the entry points, with the src/ modules it imports. */
async function srcGraph(): Promise<Map<string, Set<string>>> {
  const src = pathToFileURL(`${PROJECT_DIR}/src/`).href;
  const graph = new Map<string, Set<string>>();
  for (const entry of ENTRY_POINTS) {
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
    for (const module of info.modules as ModuleInfo[]) {
      if (!module.specifier.startsWith(src)) continue;
      const edges = graph.get(module.specifier) ?? new Set<string>();
      for (const dependency of module.dependencies ?? []) {
        for (const target of [dependency.code?.specifier, dependency.type?.specifier]) {
          if (target?.startsWith(src)) edges.add(target);
        }
      }
      graph.set(module.specifier, edges);
    }
  }
  return graph;
}

/** One cycle through each strongly connected part of the graph, as `a -> b -> a`. */
function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const visit = (node: string, path: string[]) => {
    const at = path.indexOf(node);
    if (at !== -1) {
      found.push([...path.slice(at), node].join(" -> "));
      return;
    }
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    done.add(node);
  };
  for (const node of [...graph.keys()].sort()) visit(node, []);
  const root = pathToFileURL(`${PROJECT_DIR}/`).href;
  return found.map((cycle) => cycle.replaceAll(root, ""));
}

Deno.test("no import cycle among src/ modules, type-only and dynamic imports included", async () => {
  const graph = await srcGraph();
  assert.ok(graph.size > 50, `only ${graph.size} src/ modules found`);
  assert.deepEqual(cycles(graph), []);
});

Deno.test("the cycle finder reports a cycle it is given", () => {
  const graph = new Map([
    ["file:///x/a.ts", new Set(["file:///x/b.ts"])],
    ["file:///x/b.ts", new Set(["file:///x/c.ts"])],
    ["file:///x/c.ts", new Set(["file:///x/a.ts"])],
    ["file:///x/d.ts", new Set(["file:///x/a.ts"])],
  ]);
  assert.deepEqual(cycles(graph), [
    "file:///x/a.ts -> file:///x/b.ts -> file:///x/c.ts -> file:///x/a.ts",
  ]);
});
