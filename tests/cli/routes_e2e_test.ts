/**
 * End-to-end runs of `deno task vault routes` (the documented entry, scoped permissions).
 */
import assert from "node:assert/strict";
import { PROJECT_DIR, runVault } from "../_run_vault.ts";

const GOLDEN = await Deno.readTextFile(
  `${PROJECT_DIR}/tests/testdata/roster/v3_default_routes.json`,
);
const USAGE = "Usage: terok-vault routes [-o PATH | -o -] [--check] [ROSTER OPTIONS]\n";

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-routes-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function namesIn(dir: string): string[] {
  return [...Deno.readDirSync(dir)].map((e) => e.name).sort();
}

function modeOf(path: string): number {
  return (Deno.statSync(path).mode ?? 0) & 0o7777;
}

Deno.test("routes writes the built-in roster's routes.json byte for byte, mode 0600", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/vault/routes.json`;
    const run = await runVault(["routes", "-o", out, "--no-user"]);
    assert.deepEqual(run, { code: 0, stdout: `Routes written to ${out}\n`, stderr: "" });
    assert.equal(await Deno.readTextFile(out), GOLDEN);
    assert.deepEqual(namesIn(`${dir}/vault`), ["routes.json"]);
    assert.equal(modeOf(out), 0o600);
  });
});

Deno.test("routes keeps the mode of the routes.json it replaces", async () => {
  await withTempDir(async (dir) => {
    for (const mode of [0o600, 0o640]) {
      const out = `${dir}/routes-${mode.toString(8)}.json`;
      await Deno.writeTextFile(out, "old\n");
      await Deno.chmod(out, mode);
      const run = await runVault(["routes", "-o", out, "--no-user"]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(await Deno.readTextFile(out), GOLDEN);
      assert.equal(modeOf(out).toString(8), mode.toString(8));
    }
  });
});

Deno.test("routes removes the temporary file a killed write left, and nothing else", async () => {
  await withTempDir(async (dir) => {
    const stale = `.routes.json.${crypto.randomUUID()}.tmp`;
    const linked = `.routes.json.${crypto.randomUUID()}.tmp`;
    await Deno.writeTextFile(`${dir}/${stale}`, '{"half": ');
    await Deno.writeTextFile(`${dir}/other.txt`, "kept\n");
    await Deno.writeTextFile(`${dir}/.routes.json.mine.tmp`, "kept\n");
    await Deno.symlink(`${dir}/other.txt`, `${dir}/${linked}`);
    const run = await runVault(["routes", "-o", `${dir}/routes.json`, "--no-user"]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(
      namesIn(dir),
      [".routes.json.mine.tmp", linked, "other.txt", "routes.json"].sort(),
    );
    assert.equal(await Deno.readTextFile(`${dir}/other.txt`), "kept\n");
  });
});

Deno.test("routes -o - prints the JSON and writes nothing", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/home`);
    await Deno.mkdir(`${dir}/cwd`);
    const env = { HOME: `${dir}/home`, TEROK_ROOT: `${dir}/root` };
    const run = await runVault(["routes", "-o", "-", "--no-user"], { env, cwd: `${dir}/cwd` });
    assert.deepEqual(run, { code: 0, stdout: GOLDEN, stderr: "" });
    assert.deepEqual(namesIn(dir), ["cwd", "home"]);
    assert.deepEqual(namesIn(`${dir}/home`), []);
    assert.deepEqual(namesIn(`${dir}/cwd`), []);
  });
});

/** Copies the user provider overrides of tests/testdata/roster/v3_user into `dir`. */
async function writeUserProviders(dir: string): Promise<void> {
  const from = `${PROJECT_DIR}/tests/testdata/roster/v3_user/providers`;
  await Deno.mkdir(dir, { recursive: true });
  for (const entry of namesIn(from)) await Deno.copyFile(`${from}/${entry}`, `${dir}/${entry}`);
}

const USER_GOLDEN = await Deno.readTextFile(
  `${PROJECT_DIR}/tests/testdata/roster/v3_user_routes.json`,
);

Deno.test("routes goes to TEROK_VAULT_DIR and reads the user agent and provider dirs by default", async () => {
  await withTempDir(async (dir) => {
    const config = `${dir}/config/terok/agent`;
    await writeUserProviders(`${config}/providers`);
    await Deno.mkdir(`${config}/agents`, { recursive: true });
    // A new agent binding the new provider: routes are keyed by provider, so nothing changes.
    await Deno.writeTextFile(
      `${config}/agents/zeta.yaml`,
      "roster_version: 3\nkind: tool\nprovider:\n  default: acme\n",
    );
    const env = {
      TEROK_VAULT_DIR: `${dir}/vault`,
      TEROK_ROOT: `${dir}/root`,
      XDG_CONFIG_HOME: `${dir}/config`,
      HOME: dir,
    };
    // Tests run as root in CI, where the defaults are /etc/terok/agent/{agents,providers}.
    const args = Deno.uid() === 0
      ? ["routes", "--user-dir", `${config}/agents`, "--user-providers", `${config}/providers`]
      : ["routes"];
    const run = await runVault(args, { env });
    const out = `${dir}/vault/routes.json`;
    assert.deepEqual(run, { code: 0, stdout: `Routes written to ${out}\n`, stderr: "" });
    assert.equal(await Deno.readTextFile(out), USER_GOLDEN);
  });
});

Deno.test("routes --user-providers DIR merges provider overrides; --no-user ignores both user dirs", async () => {
  await withTempDir(async (dir) => {
    await writeUserProviders(`${dir}/mine`);
    const named = await runVault(["routes", "-o", "-", "--user-providers", `${dir}/mine`]);
    assert.deepEqual(named, { code: 0, stdout: USER_GOLDEN, stderr: "" });
    // The default user dirs hold overrides that --no-user must not read.
    const config = `${dir}/config/terok/agent`;
    await writeUserProviders(`${config}/providers`);
    await Deno.mkdir(`${config}/agents`);
    await Deno.writeTextFile(`${config}/agents/claude.yaml`, "label: [broken\n");
    const env = { XDG_CONFIG_HOME: `${dir}/config`, HOME: dir };
    const ignored = await runVault(["routes", "-o", "-", "--no-user"], { env });
    assert.deepEqual(ignored, { code: 0, stdout: GOLDEN, stderr: "" });
    const both = await runVault(["routes", "--no-user", "--user-providers", `${dir}/mine`]);
    assert.deepEqual(both, {
      code: 2,
      stdout: "",
      stderr: "terok-vault: error: Options --user-providers and --no-user contradict each " +
        "other\n" + USAGE,
    });
  });
});

Deno.test("routes: a bad user provider, a provider bound twice, and a v1/v3 mix exit 2 with one message", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/routes.json`;
    await Deno.mkdir(`${dir}/providers`);
    await Deno.mkdir(`${dir}/agents`);
    await Deno.writeTextFile(`${dir}/providers/openai.yaml`, "upstream: ftp://example.invalid\n");
    const roster = ["--user-dir", `${dir}/agents`, "--user-providers", `${dir}/providers`];
    assert.deepEqual(await runVault(["routes", "-o", out, ...roster]), {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/providers/openai.yaml:1:11: upstream: Expected an ` +
        'http(s) URL, got "ftp://example.invalid"\n',
    });
    await Deno.remove(`${dir}/providers/openai.yaml`);
    await Deno.writeTextFile(
      `${dir}/agents/aaa.yaml`,
      "kind: tool\nprovider:\n  default: github\n",
    );
    assert.deepEqual(await runVault(["routes", "-o", out, ...roster]), {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/agents/aaa.yaml:3:3: provider.default: Provider ` +
        "'github' is bound by more than one agent ('aaa' and 'gh'); a provider maps to exactly " +
        "one vault route\n",
    });
    await Deno.writeTextFile(`${dir}/agents/aaa.yaml`, "roster_version: 1\nkind: tool\n");
    assert.deepEqual(await runVault(["routes", "-o", out, ...roster]), {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/agents/aaa.yaml:1:17: roster_version: Version 1 met ` +
        "version 3: this is an agents-only file (version 1), but the built-in roster is " +
        "version 3 (agents/ and providers/); the two cannot be mixed\n",
    });
    await Deno.remove(`${dir}/agents/aaa.yaml`);
    await Deno.writeTextFile(`${dir}/providers/p.yaml`, "upstream: https://p.example.invalid\n");
    const v1 = `${PROJECT_DIR}/tests/testdata/roster/v1_default`;
    assert.deepEqual(await runVault(["routes", "-o", out, "--roster", v1, ...roster]), {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/providers/p.yaml: A provider file (version 3) met a ` +
        "version-1 roster: the --roster directory holds agent files only; the two cannot be " +
        "mixed\n",
    });
    assert.deepEqual(namesIn(dir), ["agents", "providers"]);
  });
});

Deno.test("routes --roster takes a version-1 agents dir and gives its routes.json", async () => {
  await withTempDir(async (dir) => {
    const v1 = `${PROJECT_DIR}/tests/testdata/roster/v1_default`;
    const run = await runVault(["routes", "-o", `${dir}/routes.json`, "--roster", v1, "--no-user"]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      await Deno.readTextFile(`${dir}/routes.json`),
      await Deno.readTextFile(`${PROJECT_DIR}/tests/testdata/roster/v1_default_routes.json`),
    );
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
    const check = () => runVault(["routes", "--check", "-o", out, "--no-user"]);
    assert.deepEqual(await check(), {
      code: 1,
      stdout: "",
      stderr: `terok-vault: warning: "${out}" is missing: it differs from what would be written\n`,
    });
    await Deno.writeTextFile(out, GOLDEN);
    assert.deepEqual(await check(), {
      code: 0,
      stdout: "",
      stderr: `terok-vault: note: "${out}" is up to date\n`,
    });
    await Deno.writeTextFile(out, GOLDEN.trimEnd());
    assert.deepEqual(await check(), {
      code: 1,
      stdout: "",
      stderr: `terok-vault: warning: "${out}" differs from what would be written\n`,
    });
    assert.equal(await Deno.readTextFile(out), GOLDEN.trimEnd());
  });
});

Deno.test("routes --check refuses a FIFO without opening it and a huge file without reading it", async () => {
  await withTempDir(async (dir) => {
    const fifo = `${dir}/fifo.json`;
    const mkfifo = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.equal(mkfifo.code, 0);
    // Should the program open the FIFO (the bug this guards against), it would block there;
    // a bounded writer then releases it so the test fails on its output instead of hanging.
    const release = setTimeout(() => {
      new Deno.Command("timeout", { args: ["5", "sh", "-c", ': > "$0"', fifo] }).output();
    }, 10_000);
    const onFifo = await runVault(["routes", "--check", "-o", fifo, "--no-user"])
      .finally(() => clearTimeout(release));
    assert.deepEqual(onFifo, {
      code: 1,
      stdout: "",
      stderr: `terok-vault: warning: "${fifo}" is not a regular file: it differs from what ` +
        "would be written\n",
    });
    // A sparse 4 GiB file: reading it whole would take seconds and gigabytes.
    const huge = `${dir}/huge.json`;
    await Deno.writeTextFile(huge, "");
    await Deno.truncate(huge, 4 * 1024 ** 3);
    const onHuge = await runVault(["routes", "--check", "-o", huge, "--no-user"]);
    assert.deepEqual(onHuge, {
      code: 1,
      stdout: "",
      stderr: `terok-vault: warning: "${huge}" is larger than what would be written: it ` +
        "differs from what would be written\n",
    });
  });
});

Deno.test("routes -o refuses a value that looks like an option and writes nothing", async () => {
  await withTempDir(async (dir) => {
    const run = await runVault(["routes", "-o", "--check", "--no-user"], { cwd: dir });
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: 'terok-vault: error: Option --output needs a value, but "--check" looks like an ' +
        'option (for a path that starts with "-", write "./--check")\n' + USAGE,
    });
    assert.deepEqual(namesIn(dir), []);
  });
});

Deno.test("routes -o=- prints to stdout instead of writing a file named =-", async () => {
  await withTempDir(async (dir) => {
    const run = await runVault(["routes", "-o=-", "--no-user"], { cwd: dir });
    assert.deepEqual(run, { code: 0, stdout: GOLDEN, stderr: "" });
    assert.deepEqual(namesIn(dir), []);
  });
});

Deno.test("routes stops reading options at --", async () => {
  const run = await runVault(["routes", "--no-user", "--", "--check"]);
  assert.deepEqual(run, {
    code: 2,
    stdout: "",
    stderr: 'terok-vault: error: Unexpected argument "--check"\n' + USAGE,
  });
});

Deno.test("routes exits 2 on a roster error with one message and leaves routes.json untouched", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/routes.json`;
    const before = "previous content, not JSON\n";
    await Deno.writeTextFile(out, before);
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(
      `${dir}/user/claude.yaml`,
      "auth:\n  host_dir: ../escape\n",
    );
    const run = await runVault(["routes", "-o", out, "--user-dir", `${dir}/user`]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/user/claude.yaml:2:13: auth.host_dir: Expected a ` +
        `single path segment (not empty, no "/", not "." or ".."), got "../escape"\n`,
    });
    assert.equal(await Deno.readTextFile(out), before);
    assert.deepEqual(namesIn(dir), ["routes.json", "user"]);
  });
});

Deno.test("routes reports a duplicate route prefix of a v1 roster at its line and column and writes nothing", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(
      `${dir}/user/gh.yaml`,
      "roster_version: 1\nvault:\n  route_prefix: claude\n",
    );
    const out = `${dir}/routes.json`;
    const v1 = `${PROJECT_DIR}/tests/testdata/roster/v1_default`;
    const run = await runVault(["routes", "-o", out, "--roster", v1, "--user-dir", `${dir}/user`]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/user/gh.yaml:3:17: vault.route_prefix: ` +
        "Duplicate route prefix 'claude': providers 'claude' and 'gh'\n",
    });
    await assert.rejects(Deno.stat(out), Deno.errors.NotFound);
  });
});

Deno.test("routes notes that a *.yml file in the user dir is ignored", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(`${dir}/user/claude.yml`, "label: Mine\n");
    const run = await runVault(["routes", "-o", "-", "--user-dir", `${dir}/user`]);
    assert.deepEqual(run, {
      code: 0,
      stdout: GOLDEN,
      stderr: `terok-vault: note: ${dir}/user/claude.yml: Ignored: only *.yaml files are read ` +
        '(rename it to "claude.yaml")\n',
    });
  });
});

Deno.test("routes exits 2 on a failed write, names the path and leaves no temporary file", async () => {
  await withTempDir(async (dir) => {
    const out = `${dir}/routes.json`;
    await Deno.mkdir(out); // a directory where the file should go: the rename must fail
    const run = await runVault(["routes", "-o", out, "--no-user"]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: Cannot write "${out}": is a directory\n`,
    });
    assert.deepEqual(namesIn(dir), ["routes.json"]);
    assert.deepEqual(namesIn(out), []);
  });
});

Deno.test("routes says the parent is a file when -o points under a file", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/afile`, "kept\n");
    const run = await runVault(["routes", "-o", `${dir}/afile/x.json`, "--no-user"]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: Cannot write "${dir}/afile/x.json": the parent ` +
        `"${dir}/afile" is a file, not a directory\n`,
    });
    assert.equal(await Deno.readTextFile(`${dir}/afile`), "kept\n");
  });
});

Deno.test("routes exits 2 on an unknown option with a suggestion and the usage line", async () => {
  const run = await runVault(["routes", "--chekc"]);
  assert.deepEqual(run, {
    code: 2,
    stdout: "",
    stderr: 'terok-vault: error: Unknown option "--chekc" for routes (did you mean "--check"?)\n' +
      USAGE,
  });
});

Deno.test("routes refuses a path outside the launcher's grants with a clear error", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/granted`);
    await Deno.mkdir(`${dir}/elsewhere`);
    await Deno.writeTextFile(`${dir}/elsewhere/routes.json`, "kept\n");
    // The flags the launcher computes for `-o granted/routes.json`, then a crafted argument (as
    // a bug in path handling would produce) that points somewhere else.
    const { launchArgs } = await import("../../scripts/launch_args.ts");
    const args = await launchArgs(["routes", "-o", `${dir}/granted/routes.json`, "--no-user"], dir);
    args[args.indexOf("-o") + 1] = `${dir}/elsewhere/routes.json`;
    const output = await new Deno.Command(Deno.execPath(), {
      args,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 2);
    assert.equal(new TextDecoder().decode(output.stdout), "");
    assert.equal(
      new TextDecoder().decode(output.stderr),
      `terok-vault: error: The permission sandbox refused this: it requires write access to ` +
        `"${dir}/elsewhere", which this command was not granted (paths outside the ones the ` +
        `command works on are off limits)\n`,
    );
    assert.deepEqual(namesIn(`${dir}/elsewhere`), ["routes.json"]);
    assert.equal(await Deno.readTextFile(`${dir}/elsewhere/routes.json`), "kept\n");
    assert.deepEqual(namesIn(`${dir}/granted`), []);
  });
});
