import assert from "node:assert/strict";
import { finderPlan, plainRules, rulesSignature } from "../../src/detect/_finder_plan.ts";
import { FINDER_TABLES } from "../../src/detect/_finder_tables.ts";
import { RULES } from "../../src/detect/rules.ts";
import { fileUrlPath } from "../../scripts/_file_url_path.ts";
import { FINDER_TABLES_PATH, finderTablesText } from "../../scripts/build_finder_tables.ts";

Deno.test("finder tables: the committed module equals what build-finders writes now", async () => {
  const committed = await Deno.readTextFile(FINDER_TABLES_PATH);
  assert.ok(
    committed === await finderTablesText(),
    "src/detect/_finder_tables.ts is stale: run `deno task build-finders`",
  );
  assert.deepEqual(FINDER_TABLES, JSON.parse(JSON.stringify(finderPlan(RULES))));
});

Deno.test("finder tables: the signature changes with any field the layout is made from", () => {
  const plain = plainRules(RULES);
  const base = rulesSignature(plain);
  assert.equal(base, FINDER_TABLES.signature);
  const first = plain[0]!;
  for (
    const changed of [
      { ...first, id: `${first.id}-x` },
      { ...first, prefixes: [...first.prefixes, "zz_"] },
      { ...first, pattern: `${first.pattern}x` },
      { ...first, lead: "x=" },
      { ...first, anchor: { text: "Q~", before: "[a-z]", max: 3 } },
    ]
  ) {
    assert.notEqual(rulesSignature([changed, ...plain.slice(1)]), base);
  }
  assert.notEqual(rulesSignature(plain.slice(1)), base);
});

Deno.test("finder tables: the scan refuses to load tables made from other rules", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const src = new URL("../../src/", import.meta.url);
    const copy = `${dir}/src`;
    const copied = await new Deno.Command("cp", { args: ["-r", fileUrlPath(src), copy] }).output();
    assert.ok(copied.success);
    const tables = `${copy}/detect/_finder_tables.ts`;
    const text = await Deno.readTextFile(tables);
    // The tables as made from rules where the first rule had another id.
    const stale = text.replace('[["anthropic-api-key",', '[["anthropic-api-key-old",');
    assert.ok(stale !== text, "the first rule moved: update this test");
    await Deno.writeTextFile(tables, stale);
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["eval", `await import("file://${copy}/detect/_token_scan.ts")`],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 1);
    assert.match(
      new TextDecoder().decode(output.stderr),
      /src\/detect\/_finder_tables\.ts is stale: run `deno task build-finders`/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
