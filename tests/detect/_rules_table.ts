// Copyright the terok-vault authors. MIT license.
/**
 * The token-rule table of `docs/evidence.md`, rendered from the rule data. Run it to rewrite
 * the table in place: `deno run --allow-read=docs --allow-write=docs tests/detect/_rules_table.ts`.
 *
 * @module
 */
import { RULES } from "../../src/detect/rules.ts";

/** The markers around the generated table in `docs/evidence.md`. */
export const TABLE_START = "<!-- rules table: generated from src/detect/rules/, do not edit -->";
export const TABLE_END = "<!-- end of rules table -->";

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The table as Markdown, one row per rule, in table order. */
export function rulesTable(): string {
  const rows = RULES.map((rule) =>
    `| \`${rule.id}\` | ${cell(rule.description)} | ${
      cell(rule.shape.replace(/(\S+_|\S+-)(?=[ ,;]|$)/g, "`$1`"))
    } |`
  );
  return [TABLE_START, "", "| id | what | shape |", "| --- | --- | --- |", ...rows, "", TABLE_END]
    .join("\n");
}

if (import.meta.main) {
  const path = new URL("../../docs/evidence.md", import.meta.url);
  const doc = await Deno.readTextFile(path);
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error("docs/evidence.md has no rules-table markers");
  await Deno.writeTextFile(
    path,
    doc.slice(0, start) + rulesTable() + doc.slice(end + TABLE_END.length),
  );
}
