/**
 * End-to-end runs of `deno task vault routes` (the documented entry, scoped permissions).
 */
import assert from "node:assert/strict";
import { PROJECT_DIR, runVault } from "../_run_vault.ts";

const GOLDEN = await Deno.readTextFile(`${PROJECT_DIR}/tests/testdata/roster/default_routes.json`);

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-routes-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("routes writes the built-in roster's routes.json byte for byte", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/vault/routes.json`;
    const run = await runVault(["routes", "-o", out, "--no-user"]);
    assert.deepEqual(run, { code: 0, stdout: `Routes written to ${out}\n`, stderr: "" });
    assert.equal(await Deno.readTextFile(out), GOLDEN);
    assert.deepEqual([...Deno.readDirSync(`${dir}/vault`)].map((e) => e.name), ["routes.json"]);
  });
});

Deno.test("routes -o - prints the JSON and writes nothing", async () => {
  const run = await runVault(["routes", "-o", "-", "--no-user"]);
  assert.deepEqual(run, { code: 0, stdout: GOLDEN, stderr: "" });
});

Deno.test("routes goes to TEROK_VAULT_DIR and reads the user dir by default", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/config/terok/agent/agents`, { recursive: true });
    await Deno.writeTextFile(
      `${dir}/config/terok/agent/agents/zeta.yaml`,
      "kind: tool\nvault:\n  route_prefix: zeta\n  upstream: https://zeta.example.invalid\n",
    );
    const env = {
      TEROK_VAULT_DIR: `${dir}/vault`,
      TEROK_ROOT: `${dir}/root`,
      XDG_CONFIG_HOME: `${dir}/config`,
      HOME: dir,
    };
    // Tests run as root in CI, where the default user dir is /etc/terok/agent/agents.
    const args = Deno.uid() === 0
      ? ["routes", "--user-dir", `${dir}/config/terok/agent/agents`]
      : ["routes"];
    const run = await runVault(args, { env });
    const out = `${dir}/vault/routes.json`;
    assert.deepEqual(run, { code: 0, stdout: `Routes written to ${out}\n`, stderr: "" });
    const routes = JSON.parse(await Deno.readTextFile(out));
    assert.deepEqual(Object.keys(routes).at(-1), "zeta");
    assert.deepEqual(routes.zeta, {
      upstream: "https://zeta.example.invalid",
      auth_header: "Authorization",
      auth_prefix: "Bearer ",
    });
  });
});

Deno.test("routes takes a relative -o from the caller's directory", async () => {
  await withTempDir(async (dir) => {
    const run = await runVault(["routes", "-o", "out/routes.json", "--no-user"], { cwd: dir });
    assert.deepEqual(run, {
      code: 0,
      stdout: `Routes written to ${dir}/out/routes.json\n`,
      stderr: "",
    });
    assert.equal(await Deno.readTextFile(`${dir}/out/routes.json`), GOLDEN);
  });
});

Deno.test("routes --check says whether the file is up to date", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/routes.json`;
    const missing = await runVault(["routes", "--check", "-o", out, "--no-user"]);
    assert.deepEqual(missing, {
      code: 1,
      stdout: "",
      stderr: `${out} is missing: it differs from what would be written.\n`,
    });
    await Deno.writeTextFile(out, GOLDEN);
    const same = await runVault(["routes", "--check", "-o", out, "--no-user"]);
    assert.deepEqual(same, { code: 0, stdout: "", stderr: `${out} is up to date.\n` });
    await Deno.writeTextFile(out, GOLDEN.trimEnd());
    const differs = await runVault(["routes", "--check", "-o", out, "--no-user"]);
    assert.deepEqual(differs, {
      code: 1,
      stdout: "",
      stderr: `${out} differs from what would be written.\n`,
    });
    assert.equal(await Deno.readTextFile(out), GOLDEN.trimEnd());
  });
});

Deno.test("a roster error exits 2 with one message and leaves routes.json untouched", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/routes.json`;
    const before = "previous content, not JSON\n";
    await Deno.writeTextFile(out, before);
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(
      `${dir}/user/claude.yaml`,
      "vault:\n  upstream: ftp://example.invalid\n",
    );
    const run = await runVault(["routes", "-o", out, "--user-dir", `${dir}/user`]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: ${dir}/user/claude.yaml:2:13: vault.upstream: ` +
        `Expected an http(s) URL, got "ftp://example.invalid"\n`,
    });
    assert.equal(await Deno.readTextFile(out), before);
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name).sort(), ["routes.json", "user"]);
  });
});

Deno.test("a duplicate route prefix writes nothing", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(
      `${dir}/user/aaa.yaml`,
      "kind: tool\nvault:\n  route_prefix: claude\n  upstream: https://a.example.invalid\n",
    );
    const out = `${dir}/routes.json`;
    const run = await runVault(["routes", "-o", out, "--user-dir", `${dir}/user`]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: ${dir}/user/aaa.yaml: vault.route_prefix: ` +
        "Duplicate route prefix 'claude': providers 'aaa' and 'claude'\n",
    });
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
  });
});

Deno.test("a failed write exits 2, names the path and leaves no temporary file", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/routes.json`;
    await Deno.mkdir(out); // a directory where the file should go: the rename must fail
    const run = await runVault(["routes", "-o", out, "--no-user"]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.match(run.stderr, new RegExp(`^terok-vault: Cannot write "${out}": .+\\n$`));
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["routes.json"]);
    assert.deepEqual([...Deno.readDirSync(out)], []);
  });
});

Deno.test("bad usage exits 2 with the message and the usage line", async () => {
  const run = await runVault(["routes", "--frobnicate"]);
  assert.deepEqual(run, {
    code: 2,
    stdout: "",
    stderr: 'terok-vault: Unknown option "--frobnicate" for routes\n' +
      "Usage: terok-vault routes [-o PATH | -o -] [--check] [ROSTER OPTIONS]\n",
  });
});

Deno.test("the sandbox refuses a path outside the command's grants, with a clear error", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/granted`);
    await Deno.mkdir(`${dir}/elsewhere`);
    const secret = "FAKE-TEST-SECRET-not-real";
    await Deno.writeTextFile(`${dir}/elsewhere/claude.yaml`, `label: ${secret}\n`);
    // The flags the launcher computes for `--roster granted`, then a crafted argument (as a
    // bug in path handling would produce) that points somewhere else.
    const { launchArgs } = await import("../../scripts/launch_args.ts");
    const args = await launchArgs(
      ["routes", "-o", "-", "--no-user", "--roster", `${dir}/granted`],
      dir,
    );
    const rosterAt = args.indexOf("--roster");
    args[rosterAt + 1] = `${dir}/elsewhere`;
    const output = await new Deno.Command("deno", { args, stdout: "piped", stderr: "piped" })
      .output();
    const stderr = new TextDecoder().decode(output.stderr);
    assert.equal(output.code, 2);
    assert.equal(new TextDecoder().decode(output.stdout), "");
    assert.equal(
      stderr,
      `terok-vault: The permission sandbox refused this: it requires read access to ` +
        `"${dir}/elsewhere", which this command was not granted (paths outside the ones the ` +
        `command works on are off limits)\n`,
    );
    assert.ok(!stderr.includes(secret));
  });
});
