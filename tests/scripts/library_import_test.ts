/** The library imported the way Deno users do: from a directory outside the checkout. */
import assert from "node:assert/strict";
import { denoDir, PROJECT_DIR } from "../_run_vault.ts";

Deno.test("src/mod.ts works without the checkout's deno.json and builds the default routes", async () => {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-library-" }));
  try {
    // A copy of the sources without deno.json, as a URL import or a vendored copy sees them.
    await copyTree(`${PROJECT_DIR}/src`, `${dir}/lib/src`);
    const mod = "./lib/src/mod.ts";
    await Deno.writeTextFile(
      `${dir}/use.ts`,
      `import { loadRoster, routesJson } from ${JSON.stringify(mod)};\n` +
        `const roster = await loadRoster({ userDir: ${JSON.stringify(`${dir}/user`)} });\n` +
        `console.log(Object.keys(JSON.parse(routesJson(roster))).length);\n`,
    );
    // A user override makes the library parse YAML (the built-in roster is precompiled).
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(`${dir}/user/claude.yaml`, "label: Claude (site)\n");
    const output = await new Deno.Command(Deno.execPath(), {
      // No config of ours is found from here: the library must carry its own specifiers.
      args: ["run", "--quiet", "--no-prompt", "--no-lock", `--allow-read=${dir}`, "use.ts"],
      cwd: dir,
      clearEnv: true,
      env: {
        ...registryAccess(),
        DENO_DIR: denoDir(),
        PATH: Deno.env.get("PATH") ?? "",
        HOME: dir,
      },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const golden = JSON.parse(
      await Deno.readTextFile(`${PROJECT_DIR}/tests/testdata/roster/v3_default_routes.json`),
    );
    assert.deepEqual(
      {
        code: output.code,
        stdout: new TextDecoder().decode(output.stdout),
        stderr: new TextDecoder().decode(output.stderr),
      },
      { code: 0, stdout: `${Object.keys(golden).length}\n`, stderr: "" },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/**
 * The variables that let Deno reach the npm registry from this machine (certificate authorities,
 * proxies): without our lockfile the import resolves js-yaml's dependencies there, as it would
 * for any user of the library.
 */
function registryAccess(): Record<string, string> {
  const names = [
    "DENO_CERT",
    "DENO_TLS_CA_STORE",
    "NODE_EXTRA_CA_CERTS",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "NO_PROXY",
    "https_proxy",
    "http_proxy",
    "no_proxy",
  ];
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) await copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isFile) await Deno.copyFile(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

Deno.test("the library's npm: specifier names the version deno.json's import map pins", async () => {
  const source = await Deno.readTextFile(`${PROJECT_DIR}/src/_js_yaml.ts`);
  const config = JSON.parse(await Deno.readTextFile(`${PROJECT_DIR}/deno.json`));
  assert.equal(/"(npm:js-yaml@[^"]+)"/.exec(source)?.[1], config.imports["js-yaml"]);
});
