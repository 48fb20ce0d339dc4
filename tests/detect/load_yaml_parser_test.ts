// Copyright the terok-vault authors. MIT license.
/**
 * The YAML parser (js-yaml) is loaded only when a YAML file must be read: the detector asks
 * for it with a clear error, `withYamlParser` loads it on that error, and a plain `scan` of
 * JSON credential files never loads it (a module-load probe through the real CLI).
 */
import assert from "node:assert/strict";
import { launchArgs } from "../../scripts/launch_args.ts";
import { denoDir, networkEnv, PROJECT_DIR } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";

const DECODER = new TextDecoder();

/** Runs `deno <args>` with a clean environment (HOME in `home`), capturing its outcome. */
async function run(args: string[], cwd: string, home: string) {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    clearEnv: true,
    // With `lock: false` below, Deno may fetch package metadata a fresh cache lacks.
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      DENO_DIR: denoDir(),
      HOME: home,
      NO_COLOR: "1",
      ...networkEnv(),
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  return {
    code: output.code,
    stdout: DECODER.decode(output.stdout),
    stderr: DECODER.decode(output.stderr),
  };
}

Deno.test("the synchronous detector asks for the YAML parser with one clear error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const script = `${dir}/judge.ts`;
    await Deno.writeTextFile(
      script,
      `import { judgeCredential, withYamlParser } from ${
        JSON.stringify(`${PROJECT_DIR}/src/detect/mod.ts`)
      };
const hosts = new TextEncoder().encode("github.com:\\n    user: octo\\n");
const json = new TextEncoder().encode("{}");
console.log(judgeCredential(json, { fileName: "auth.json" }).verdict);
try {
  judgeCredential(hosts, { fileName: "hosts.yml" });
} catch (error) {
  console.log(\`\${(error as Error).name}: \${(error as Error).message}\`);
}
console.log((await withYamlParser(() => judgeCredential(hosts, { fileName: "hosts.yml" }))).verdict);
`,
    );
    const result = await run(
      ["run", "--quiet", `--config=${PROJECT_DIR}/deno.json`, "--no-prompt", script],
      dir,
      dir,
    );
    assert.equal(result.stderr, "");
    assert.equal(
      result.stdout,
      "clean\n" +
        "YamlParserNotLoadedError: the YAML parser is not loaded: await loadYamlParser() " +
        "before the detector reads a YAML file\n" +
        "clean\n",
    );
    assert.equal(result.code, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a scan of JSON credential files never loads js-yaml; a hosts.yml to read does", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // The checkout's config with js-yaml mapped to a probe that says on stderr when it loads
    // (the probe's own `js-yaml` import goes through the map once, to the real package).
    const config = JSON.parse(await Deno.readTextFile(`${PROJECT_DIR}/deno.json`));
    config.imports["npm:js-yaml@5.5.0"] = new URL(`file://${dir}/probe.ts`).href;
    config.lock = false;
    await Deno.writeTextFile(`${dir}/deno.json`, JSON.stringify(config));
    await Deno.writeTextFile(
      `${dir}/probe.ts`,
      'console.error("PROBE: js-yaml loaded");\nexport * from "js-yaml";\n',
    );
    await Deno.mkdir(`${dir}/home`);
    const mounts = `${dir}/mounts`;
    await Deno.mkdir(`${mounts}/_claude-config`, { recursive: true });
    await Deno.mkdir(`${mounts}/_codex-config`);
    await Deno.writeTextFile(
      `${mounts}/_claude-config/.credentials.json`,
      JSON.stringify({
        claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
      }),
    );
    await Deno.writeTextFile(`${mounts}/_codex-config/auth.json`, "{}");
    // Exactly the command line the launcher and the binary run, with the probing config.
    const scan = async () => {
      const args = await launchArgs(["scan", "--mounts-dir", mounts, "--no-user"], dir);
      const at = args.indexOf(`--config=${PROJECT_DIR}/deno.json`);
      assert.notEqual(at, -1, args.join(" "));
      args[at] = `--config=${dir}/deno.json`;
      return await run(args, dir, `${dir}/home`);
    };

    // gh's and glab's entries are in the default roster; their files are absent here.
    const json = await scan();
    assert.deepEqual(json, { code: 0, stdout: "No leaked credential files found.\n", stderr: "" });

    // An empty hosts.yml is clean without being parsed.
    await Deno.mkdir(`${mounts}/_gh-config`);
    await Deno.writeTextFile(`${mounts}/_gh-config/hosts.yml`, "");
    assert.deepEqual(await scan(), json);

    // A hosts.yml with a token must be read as YAML: the probe shows the parser loaded, once.
    const token = fakeToken("github-token");
    await Deno.writeTextFile(
      `${mounts}/_gh-config/hosts.yml`,
      `github.com:\n    oauth_token: ${token}\n    user: octo\n`,
    );
    const yaml = await scan();
    assertNoSecretLeak(yaml.stdout + yaml.stderr, [token]);
    assert.equal(yaml.stderr, "PROBE: js-yaml loaded\n");
    assert.match(yaml.stdout, /^Leaked credential files in /);
    assert.match(yaml.stdout, /\n {4}github-token at github\.com\.oauth_token: ghp_…\S{4}\n/);
    assert.equal(yaml.code, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
