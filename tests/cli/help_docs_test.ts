/** docs/cli.md's command list is the program's own usage, line for line. */
import assert from "node:assert/strict";
import { helpText } from "../../src/cli/help.ts";

Deno.test("docs/cli.md lists every command exactly as --help does", async () => {
  const doc = await Deno.readTextFile(new URL("../../docs/cli.md", import.meta.url));
  const block = /## Commands\n\n```\n([^`]*)```/.exec(doc)?.[1];
  assert.ok(block !== undefined, "docs/cli.md has a Commands code block");
  const documented = block.split("\n").filter((line) => line.startsWith("terok-vault "));
  const usage = helpText().split("\n").filter((line) => line.startsWith("  terok-vault "))
    .map((line) => line.trim());
  assert.deepEqual(documented, usage);
  for (const command of ["routes", "scan", "clean", "watch", "quarantine", "schema"]) {
    assert.ok(
      documented.some((line) =>
        line.startsWith(`terok-vault ${command} `) ||
        line === `terok-vault ${command}`
      ),
      command,
    );
  }
  assert.ok(documented.some((line) => line.includes("--deep")));
});
