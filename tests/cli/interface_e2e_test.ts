/** `--help`, `--version` and `schema` through the documented entry. */
import assert from "node:assert/strict";
import { rosterJsonSchema } from "../../src/roster/mod.ts";
import { PROJECT_DIR, runVault } from "../_run_vault.ts";

const { version } = JSON.parse(await Deno.readTextFile(`${PROJECT_DIR}/deno.json`));

Deno.test("--version prints the version from deno.json", async () => {
  assert.deepEqual(await runVault(["--version"]), {
    code: 0,
    stdout: `terok-vault ${version}\n`,
    stderr: "",
  });
});

Deno.test("--help lists every command; each command has its own help", async () => {
  const help = await runVault(["--help"]);
  assert.equal(help.code, 0);
  assert.equal(help.stderr, "");
  for (const line of ["routes", "scan", "clean", "schema"]) {
    assert.match(help.stdout, new RegExp(`^  terok-vault ${line}`, "m"));
  }
  for (const command of ["routes", "scan", "clean", "schema"]) {
    const run = await runVault([command, "--help"]);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, "");
    assert.ok(run.stdout.startsWith(`Usage: terok-vault ${command}`), run.stdout);
  }
});

Deno.test("schema prints the roster file's JSON Schema (draft 2020-12)", async () => {
  const run = await runVault(["schema"]);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, "");
  assert.equal(run.stdout, `${JSON.stringify(rosterJsonSchema(), null, 2)}\n`);
  assert.equal(JSON.parse(run.stdout).$schema, "https://json-schema.org/draft/2020-12/schema");
});

Deno.test("an unknown command exits 2 with the program's usage line", async () => {
  assert.deepEqual(await runVault(["scna"]), {
    code: 2,
    stdout: "",
    stderr: 'terok-vault: Unknown command "scna"\n' +
      "Usage: terok-vault <routes|scan|clean|watch|schema> [options]   (terok-vault --help for more)\n",
  });
});
