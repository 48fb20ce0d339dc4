import assert from "node:assert/strict";
import { buildBundle, BUNDLE_DIR, BUNDLE_HEADER } from "../../scripts/build_bundle.ts";
import { PROJECT_DIR } from "../_run_vault.ts";

function listJs(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();
}

Deno.test("bundle: the committed bundle equals what build-bundle writes now", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const built = await buildBundle(`${dir}/bundle`);
    const committed = listJs(BUNDLE_DIR);
    const stale = "bundle/ is stale: run `deno task build-bundle`";
    assert.deepEqual(committed, built, stale);
    for (const name of built) {
      const fresh = await Deno.readTextFile(`${dir}/bundle/${name}`);
      assert.ok(fresh === await Deno.readTextFile(`${BUNDLE_DIR}/${name}`), `${stale} (${name})`);
      assert.ok(fresh.startsWith(BUNDLE_HEADER));
    }
    assert.ok(built.includes("launch.js"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bundle: every task that runs the program runs the bundled launcher", async () => {
  const config = JSON.parse(await Deno.readTextFile(`${PROJECT_DIR}/deno.json`));
  for (const name of ["vault", "routes", "scan", "clean", "watch"]) {
    const task: string = config.tasks[name];
    assert.match(task, / bundle\/launch\.js(?: [a-z]+)?$/, name);
    assert.ok(!task.includes("scripts/launch.ts"), name);
  }
});
