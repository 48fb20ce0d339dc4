/**
 * End to end: a roster directory in terok's own style (null sections, merge keys, integer-like
 * keys) through `deno task vault routes`, byte for byte against a hand-written golden.
 */
import assert from "node:assert/strict";
import { PROJECT_DIR, runVault } from "../_run_vault.ts";

const FIXTURES = `${PROJECT_DIR}/tests/testdata/roster/terok_compat`;
const GOLDEN = await Deno.readTextFile(`${FIXTURES}/routes.json`);

Deno.test("routes: a terok-style roster and override give terok's routes.json", async () => {
  const run = await runVault([
    "routes",
    "-o",
    "-",
    "--roster",
    `${FIXTURES}/roster`,
    "--user-dir",
    `${FIXTURES}/user`,
  ]);
  assert.deepEqual(run, { code: 0, stdout: GOLDEN, stderr: "" });
});
