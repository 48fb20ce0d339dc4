// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { RULES } from "../../src/detect/rules.ts";
import { rulesTable, TABLE_END, TABLE_START } from "./_rules_table.ts";

const doc = await Deno.readTextFile(new URL("../../docs/evidence.md", import.meta.url));

/** A Markdown table as `deno fmt` leaves it or as rendered: cells without their padding. */
function normalized(table: string): string {
  return table.replace(/~~/g, "~").replace(/ {2,}/g, " ").replace(/-{3,}/g, "---").replace(
    / +\|/g,
    " |",
  );
}

Deno.test("docs/evidence.md holds the rules table as the rule data renders it", () => {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  assert.ok(start !== -1 && end > start, "the table's markers are missing");
  assert.equal(
    normalized(doc.slice(start, end + TABLE_END.length)),
    normalized(rulesTable()),
    "stale: run deno run --allow-read=docs --allow-write=docs tests/detect/_rules_table.ts",
  );
});

Deno.test("docs/evidence.md lists every rule id", () => {
  const table = normalized(doc);
  for (const rule of RULES) assert.ok(table.includes(`| \`${rule.id}\` |`), rule.id);
});
