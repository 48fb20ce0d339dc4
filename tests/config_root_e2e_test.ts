/**
 * End to end through `deno task vault`: terok's config.yml (named by TEROK_CONFIG_FILE) moves
 * ROOT, a bad one stops the run with one line and writes nothing, TEROK_ROOT wins, and a
 * location of `/` in the environment is refused.
 */
import assert from "node:assert/strict";
import { runVault } from "./_run_vault.ts";
import { fakeToken } from "./_secrets.ts";

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-config-e2e-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function entries(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((entry) => entry.name).sort();
}

Deno.test("e2e config: paths.root in TEROK_CONFIG_FILE moves routes.json and the mounts", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/config.yml`, `paths:\n  root: ${dir}/relocated\n`);
    const env = { TEROK_CONFIG_FILE: `${dir}/config.yml` };
    const routes = await runVault(["routes", "--no-user"], { env });
    const out = `${dir}/relocated/vault/routes.json`;
    assert.deepEqual(routes, { code: 0, stdout: `Routes written to ${out}\n`, stderr: "" });
    assert.match(await Deno.readTextFile(out), /^\{\n {2}"anthropic": \{/);
    await Deno.mkdir(`${dir}/relocated/sandbox-live/mounts/_claude-config`, { recursive: true });
    const scan = await runVault(["scan", "--no-user", "--json"], { env });
    assert.equal(scan.code, 0, scan.stderr);
    assert.equal(JSON.parse(scan.stdout).mounts_dir, `${dir}/relocated/sandbox-live/mounts`);
  });
});

Deno.test("e2e config: ~ in TEROK_CONFIG_FILE and in paths.root is HOME", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/config.yml`, "paths:\n  root: ~/state\n");
    const env = { HOME: dir, TEROK_CONFIG_FILE: "~/config.yml" };
    const run = await runVault(["routes", "--no-user"], { env });
    assert.deepEqual(run, {
      code: 0,
      stdout: `Routes written to ${dir}/state/vault/routes.json\n`,
      stderr: "",
    });
  });
});

Deno.test("e2e config: TEROK_ROOT wins over config.yml, which is then not read", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/config.yml`, "paths: [unterminated\n");
    const env = { TEROK_ROOT: `${dir}/root`, TEROK_CONFIG_FILE: `${dir}/config.yml` };
    const run = await runVault(["routes", "--no-user"], { env });
    assert.deepEqual(run, {
      code: 0,
      stdout: `Routes written to ${dir}/root/vault/routes.json\n`,
      stderr: "",
    });
  });
});

Deno.test("e2e config: a bad config.yml is one line naming it, exit 2, nothing written", async () => {
  const cases: [string, (file: string) => string][] = [
    [
      "paths:\n  root: [x\n",
      (file) =>
        `${file}:2:9: The list that starts here with "[" is never closed (a "]" is missing)`,
    ],
    [
      "paths: [\n",
      (file) =>
        `${file}:1:8: The list that starts here with "[" is never closed (a "]" is missing)`,
    ],
    [
      "paths:\n  root: 42\n",
      (file) => `${file}:2:9: paths.root: Expected a string, got an integer`,
    ],
    ["paths: on\n", (file) => `${file}:1:8: paths: Expected a mapping, got a string`],
    [
      "paths:\n  root: /\n",
      (file) =>
        `${file}:2:9: paths.root: The value is "/": terok's files cannot live directly in the ` +
        'file-system root, and no grant may be "/"; name a directory or unset it',
    ],
  ];
  for (const [text, expected] of cases) {
    await withTempDir(async (dir) => {
      const file = `${dir}/config.yml`;
      await Deno.writeTextFile(file, text);
      for (const command of [["routes", "--no-user"], ["scan", "--no-user"]]) {
        const run = await runVault(command, { env: { TEROK_CONFIG_FILE: file, HOME: dir } });
        assert.deepEqual(
          run,
          { code: 2, stdout: "", stderr: `terok-vault: error: ${expected(file)}\n` },
          `${command[0]} with ${JSON.stringify(text)}`,
        );
      }
      assert.deepEqual(entries(dir), ["config.yml"]);
    });
  }
});

Deno.test("e2e config: a config.yml that is not a file is refused, a missing one is absent", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/config.yml`);
    const env = { TEROK_CONFIG_FILE: `${dir}/config.yml`, TEROK_VAULT_DIR: `${dir}/vault` };
    const bad = await runVault(["scan", "--no-user"], { env });
    assert.deepEqual(bad, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/config.yml: Is not a regular file\n`,
    });
    const missing = await runVault(["scan", "--no-user", "--json"], {
      env: { TEROK_CONFIG_FILE: `${dir}/absent.yml`, HOME: dir },
    });
    assert.equal(missing.code, 0, missing.stderr);
    const platformRoot = Deno.uid() === 0 ? "/var/lib/terok" : `${dir}/.local/share/terok`;
    assert.equal(JSON.parse(missing.stdout).mounts_dir, `${platformRoot}/sandbox-live/mounts`);
  });
});

Deno.test("e2e env: a TEROK location of / is refused with one line; HOME=/ is honoured", async () => {
  for (const name of ["TEROK_ROOT", "TEROK_SANDBOX_LIVE_DIR", "TEROK_VAULT_DIR"]) {
    for (const value of ["/", "/tmp/.."]) {
      const command = name === "TEROK_VAULT_DIR" ? ["routes", "--no-user"] : ["scan", "--no-user"];
      const run = await runVault(command, { env: { [name]: value } });
      assert.deepEqual(run, {
        code: 2,
        stdout: "",
        stderr:
          `terok-vault: error: ${name} is ${JSON.stringify(value)}: terok's files cannot live ` +
          'directly in the file-system root, and no grant may be "/"; name a directory or unset it\n',
      }, `${name}=${value}`);
    }
  }
  await withTempDir(async (dir) => {
    const run = await runVault(["routes", "--no-user"], {
      env: { HOME: "/", TEROK_ROOT: `~${dir}` },
    });
    assert.deepEqual(run, {
      code: 0,
      stdout: `Routes written to ${dir}/vault/routes.json\n`,
      stderr: "",
    });
  });
});

Deno.test("e2e config: paths.sandbox_live_dir moves the mounts dir, and the grants follow it", async () => {
  await withTempDir(async (dir) => {
    const live = `${dir}/elsewhere/live`;
    const leak = `${live}/mounts/_codex-config/auth.json`;
    await Deno.mkdir(`${live}/mounts/_codex-config`, { recursive: true });
    const config = `paths:\n  root: ${dir}/root\n  sandbox_live_dir: ${live}\n`;
    // Named by TEROK_CONFIG_FILE (read by the launcher's probe), and as the user's own
    // config.yml under HOME (read by the launcher itself): the same place either way.
    await Deno.writeTextFile(`${dir}/config.yml`, config);
    await Deno.mkdir(`${dir}/home/.config/terok`, { recursive: true });
    await Deno.writeTextFile(`${dir}/home/.config/terok/config.yml`, config);
    const named = { TEROK_CONFIG_FILE: `${dir}/config.yml`, HOME: `${dir}/home` };
    const setups: Record<string, string>[] = [
      named,
      // terok's order: the setting wins over TEROK_ROOT.
      { ...named, TEROK_ROOT: `${dir}/other-root` },
    ];
    // Root reads only /etc/terok/config.yml, which a test may not write.
    if (Deno.uid() !== 0) setups.push({ HOME: `${dir}/home` });
    for (const env of setups) {
      await Deno.writeTextFile(
        leak,
        JSON.stringify({ OPENAI_API_KEY: fakeToken("openai-api-key") }),
      );
      const scan = await runVault(["scan", "--no-user", "--json"], { env });
      assert.equal(scan.code, 1, `${JSON.stringify(env)}: ${scan.stderr}`);
      const report = JSON.parse(scan.stdout);
      assert.equal(report.mounts_dir, `${live}/mounts`);
      assert.deepEqual(report.leaks.map((l: { path: string }) => l.path), [leak]);
      const clean = await runVault(["clean", "--no-user", "--delete"], { env });
      assert.equal(clean.code, 0, clean.stderr);
      assert.equal(clean.stdout.split("\n")[0], `Removed codex: ${leak}`);
      await assert.rejects(() => Deno.lstat(leak), Deno.errors.NotFound);
    }
    // TEROK_SANDBOX_LIVE_DIR wins over the setting.
    const env = { ...named, TEROK_SANDBOX_LIVE_DIR: `${dir}/var-live` };
    const scan = await runVault(["scan", "--no-user", "--json"], { env });
    assert.equal(scan.code, 0, scan.stderr);
    assert.equal(JSON.parse(scan.stdout).mounts_dir, `${dir}/var-live/mounts`);
    // routes still follows paths.root.
    const routes = await runVault(["routes", "--no-user"], { env: named });
    assert.deepEqual(routes, {
      code: 0,
      stdout: `Routes written to ${dir}/root/vault/routes.json\n`,
      stderr: "",
    });
  });
});

Deno.test("e2e config: a bad paths.sandbox_live_dir is one line naming it, exit 2", async () => {
  await withTempDir(async (dir) => {
    const file = `${dir}/config.yml`;
    await Deno.writeTextFile(file, "paths:\n  sandbox_live_dir: [a]\n");
    const run = await runVault(["scan", "--no-user"], {
      env: { TEROK_CONFIG_FILE: file, HOME: dir },
    });
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${file}:2:21: paths.sandbox_live_dir: Expected a string, ` +
        "got a list\n",
    });
    assert.deepEqual(entries(dir), ["config.yml"]);
  });
});
