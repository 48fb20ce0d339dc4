import assert from "node:assert/strict";
import { GENERATED_FILES, generateModules } from "../../src/roster/_generate.ts";
import { fileUrlPath } from "../../scripts/_file_url_path.ts";

const ROSTER_SRC = new URL("../../src/roster/", import.meta.url);

Deno.test("generated modules: the committed ones equal what build-roster writes now", async () => {
  const modules = await generateModules(fileUrlPath(new URL("v3/default_roster/", ROSTER_SRC)));
  for (const key of ["defaultRoster", "jsonSchema"] as const) {
    const committed = await Deno.readTextFile(new URL(GENERATED_FILES[key], ROSTER_SRC));
    assert.ok(
      committed === modules[key],
      `src/roster/${GENERATED_FILES[key]} is stale: run \`deno task build-roster\``,
    );
  }
});

Deno.test("generated modules: deterministic and deno fmt-clean", async () => {
  const dir = fileUrlPath(new URL("v3/default_roster/", ROSTER_SRC));
  const [first, second] = [await generateModules(dir), await generateModules(dir)];
  assert.deepEqual(first, second);
  const files = Object.values(GENERATED_FILES).map((name) =>
    fileUrlPath(new URL(name, ROSTER_SRC))
  );
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--check", ...files],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
});

Deno.test("generated modules: the build refuses a default roster that is not clean", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(`${dir}/providers`);
    await Deno.mkdir(`${dir}/agents`);
    await Deno.writeTextFile(`${dir}/agents/a.yaml`, "roster_version: 9\nkind: tool\n");
    await assert.rejects(() => generateModules(dir), {
      message: `${dir}/agents/a.yaml: roster_version 9 is newer than the supported version 3; ` +
        "fields may be ignored (the built-in roster must load cleanly)",
    });
    await Deno.writeTextFile(`${dir}/agents/a.yaml`, "kind: nonsense\n");
    await assert.rejects(() => generateModules(dir), /agents\/a\.yaml:1:7: kind: Expected one of/);
    await Deno.writeTextFile(`${dir}/agents/a.yaml`, "roster_version: 1\nkind: tool\n");
    await assert.rejects(
      () => generateModules(dir),
      /agents\/a\.yaml:1:17: roster_version: Version 1 met version 3/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** Modules reachable from `root` through static (non-dynamic, non-type) imports. */
async function staticGraph(root: URL): Promise<Set<string>> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", root.href],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  assert.equal(output.code, 0);
  const info = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    modules: {
      specifier: string;
      dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
    }[];
  };
  const edges = new Map(
    info.modules.map((module) => [module.specifier, module.dependencies ?? []]),
  );
  const seen = new Set<string>();
  const queue = [root.href];
  while (queue.length > 0) {
    const specifier = queue.pop() as string;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dependency of edges.get(specifier) ?? []) {
      if (dependency.code !== undefined && dependency.isDynamic !== true) {
        queue.push(dependency.code.specifier);
      }
    }
  }
  return seen;
}

Deno.test("lazy loading: mod.ts statically reaches neither the YAML parser nor the validator", async () => {
  const graph = [...await staticGraph(new URL("mod.ts", ROSTER_SRC))];
  const names = graph.map((specifier) => specifier.replace(/^.*\/src\/roster\//, ""));
  const heavyModules = [
    "_parse_yaml.ts",
    "_field_schemas.ts",
    "v1/_entry_schema.ts",
    "v1/_load_v1.ts",
    "_schema_kit.ts",
    "_load_files.ts",
    "v3/_schema.ts",
    "v3/_build_kit.ts",
    "v3/_load_v3.ts",
  ];
  for (const heavy of heavyModules) {
    assert.equal(names.includes(heavy), false, `${heavy} is statically imported`);
  }
  assert.equal(graph.some((specifier) => specifier.includes("js-yaml")), false);
  assert.ok(names.includes("v3/_default_roster.ts"));
});

Deno.test("generated modules: integer-like keys, whose order a literal would lose, are refused", async () => {
  const dir = await Deno.makeTempDir({ prefix: "roster_generate_" });
  try {
    await Deno.mkdir(`${dir}/providers`);
    await Deno.mkdir(`${dir}/agents`);
    await Deno.writeTextFile(
      `${dir}/providers/x.yaml`,
      "upstream: https://x.example.test\nauth:\n  api_key:\n    header: X-Key\npath_upstreams:\n" +
        '  "10": https://ten.example.test\n  "9": https://nine.example.test\n',
    );
    await assert.rejects(() => generateModules(dir), {
      name: "TypeError",
      message: 'Cannot bake the integer-like keys ["10","9"] into the generated module in their ' +
        "YAML order; the built-in roster must not use them",
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
