/**
 * The stderr scheme (`terok-vault: error|warning|note: ...`), its colours on a terminal, the
 * escaping of control and bidi characters in all text output, and directories named by an
 * option, through `deno task vault`.
 */
import assert from "node:assert/strict";
import { denoDir, PROJECT_DIR, runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-msg-" }));
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Runs the CLI under a pseudo-terminal (util-linux `script`): stdout and stderr merged. */
async function runOnTerminal(args: string[]): Promise<{ code: number; text: string }> {
  const command = [
    Deno.execPath(),
    "task",
    "--quiet",
    `--config=${PROJECT_DIR}/deno.json`,
    "vault",
    ...args,
  ]
    .map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(" ");
  const output = await new Deno.Command("script", {
    args: ["-qec", command, "/dev/null"],
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "",
      DENO_DIR: denoDir(),
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: output.code, text: new TextDecoder().decode(output.stdout).replaceAll("\r", "") };
}

Deno.test("terok-vault colours error, warning and note on a terminal, and only there", async () => {
  await withTempDir(async (dir) => {
    const error = await runOnTerminal(["routes", "--frobnicate"]);
    assert.equal(error.code, 2);
    assert.ok(
      error.text.startsWith('terok-vault: \x1b[1;31merror:\x1b[0m Unknown option "--frobnicate"'),
      error.text,
    );
    const warning = await runOnTerminal(["routes", "--check", "-o", `${dir}/r.json`, "--no-user"]);
    assert.equal(warning.code, 1);
    assert.ok(warning.text.startsWith("terok-vault: \x1b[33mwarning:\x1b[0m "), warning.text);
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(`${dir}/user/x.yml`, "label: X\n");
    const note = await runOnTerminal([
      "routes",
      "-o",
      `${dir}/r.json`,
      "--user-dir",
      `${dir}/user`,
    ]);
    assert.equal(note.code, 0);
    assert.ok(note.text.startsWith("terok-vault: \x1b[36mnote:\x1b[0m "), note.text);
    const piped = await runVault(["routes", "--frobnicate"], { env: { NO_COLOR: "" } });
    assert.ok(piped.stderr.startsWith('terok-vault: error: Unknown option "--frobnicate"'));
  });
});

/** A roster entry named with an escape sequence and a right-to-left override, and its leak. */
async function hostileNames(dir: string): Promise<{ mounts: string; user: string }> {
  const name = "ev\u202Eil\x1b]0;owned\x07\x1b[2J";
  const hostDir = "_ev\u202Eil\u2066";
  const user = `${dir}/user`;
  const mounts = `${dir}/mounts`;
  await Deno.mkdir(user);
  await Deno.mkdir(`${mounts}/${hostDir}`, { recursive: true });
  await Deno.writeTextFile(
    `${user}/${name}.yaml`,
    `kind: tool\nauth:\n  host_dir: "${hostDir}"\n  container_mount: /x\nprovider:\n` +
      "  credential_file: creds.json\n",
  );
  await Deno.writeTextFile(`${mounts}/${hostDir}/creds.json`, '{"api_key": "FAKE-TEST-not-real"}');
  return { mounts, user };
}

Deno.test("scan shows control and bidi characters of roster names escaped, in text and JSON", async () => {
  await withTempDir(async (dir) => {
    const { mounts, user } = await hostileNames(dir);
    const text = await runVault(["scan", "--mounts-dir", mounts, "--user-dir", user]);
    assert.deepEqual(text, {
      code: 1,
      stdout: `Leaked credential files in ${mounts}:\n` +
        "  ev\\u202Eil\\u001B]0;owned\\u0007\\u001B[2J: " +
        `${mounts}/_ev\\u202Eil\\u2066/creds.json\n` +
        "    unrecognized-content: Content in no known format and not a phantom (a credential " +
        "file is judged fail-closed)\n",
      stderr: "",
    });
    const json = await runVault(["scan", "--mounts-dir", mounts, "--user-dir", user, "--json"]);
    assert.equal(json.code, 1);
    for (const raw of ["\x1b", "\x07", "\u202E", "\u2066"]) {
      assert.ok(!json.stdout.includes(raw), json.stdout);
    }
    assert.deepEqual(
      JSON.parse(json.stdout).leaks.map(({ provider, path }: Record<string, unknown>) => ({
        provider,
        path,
      })),
      [{
        provider: "ev\u202Eil\x1b]0;owned\x07\x1b[2J",
        path: `${mounts}/_ev\u202Eil\u2066/creds.json`,
      }],
    );
  });
});

Deno.test("routes shows a hostile roster file name escaped in its error", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(`${dir}/user/a\u202Eb\x1b[2J.yaml`, "kind: robot\n");
    const run = await runVault(["routes", "-o", "-", "--user-dir", `${dir}/user`]);
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${dir}/user/a\\u202Eb\\u001B[2J.yaml:1:7: kind: Expected one ` +
        'of "native", "harness", "frontend", "tool", "infra", got "robot"\n',
    });
  });
});

Deno.test("terok-vault refuses a directory option that names nothing or a file: one line, exit 2", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/afile`, "x\n");
    const cases: [string[], string][] = [
      [
        ["scan", "--mounts-dir", `${dir}/nope`],
        `--mounts-dir names "${dir}/nope", which does not exist`,
      ],
      [
        ["clean", "--mounts-dir", `${dir}/afile`],
        `--mounts-dir names "${dir}/afile", which is a file, not a directory`,
      ],
      [
        ["routes", "-o", "-", "--roster", `${dir}/afile`],
        `--roster names "${dir}/afile", which is a file, not a directory`,
      ],
      [
        ["routes", "-o", "-", "--roster", `${dir}/nope`],
        `--roster names "${dir}/nope", which does not exist`,
      ],
      [
        ["scan", "--mounts-dir", dir, "--user-dir", `${dir}/nope`],
        `--user-dir names "${dir}/nope", which does not exist`,
      ],
      [
        ["routes", "-o", "-", "--user-providers", `${dir}/nope`],
        `--user-providers names "${dir}/nope", which does not exist`,
      ],
      [
        ["scan", "--mounts-dir", dir, "--user-providers", `${dir}/afile`],
        `--user-providers names "${dir}/afile", which is a file, not a directory`,
      ],
    ];
    for (const [args, message] of cases) {
      assert.deepEqual(await runVault(args), {
        code: 2,
        stdout: "",
        stderr: `terok-vault: error: Option ${message}\n`,
      }, args.join(" "));
    }
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["afile"]);
  });
});

Deno.test("scan takes a missing default mounts dir as empty", async () => {
  await withTempDir(async (dir) => {
    const env = { TEROK_SANDBOX_LIVE_DIR: `${dir}/live`, HOME: dir };
    const run = await runVault(["scan", "--no-user"], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "No leaked credential files found.\n");
  });
});

Deno.test("terok-vault names the option when its directory lies outside the grants (a compiled binary)", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/granted`);
    await Deno.mkdir(`${dir}/elsewhere`);
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        `--config=${PROJECT_DIR}/deno.json`,
        "--no-prompt",
        `--allow-read=${dir}/granted`,
        `${PROJECT_DIR}/src/main.ts`,
        "routes",
        "-o",
        "-",
        "--no-user",
        "--roster",
        `${dir}/elsewhere`,
      ],
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(output.code, 2);
    assert.equal(new TextDecoder().decode(output.stdout), "");
    assert.equal(
      new TextDecoder().decode(output.stderr),
      `terok-vault: error: Option --roster names "${dir}/elsewhere", which lies outside the ` +
        "paths this program may read\n",
    );
  });
});

Deno.test("scan --deep shows a line break in a mount's file name escaped, so it forges no line", async () => {
  await withTempDir(async (dir) => {
    const token = fakeToken("github-token");
    const hostDir = `${dir}/mounts/_evil\n  claude: /etc/shadow`;
    await Deno.mkdir(hostDir, { recursive: true });
    await Deno.writeTextFile(`${hostDir}/.env`, `GH_TOKEN=${token}\n`);
    const run = await runVault(["scan", "--deep", "--no-user", "--mounts-dir", `${dir}/mounts`]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, "");
    const lines = run.stdout.split("\n");
    assert.equal(
      lines[2],
      `  (no roster entry): ${dir}/mounts/_evil\\u000A  claude: /etc/shadow/.env`,
    );
    assert.ok(!lines.some((line) => line.startsWith("  claude: ")), run.stdout);
    assertNoSecretLeak(run.stdout + run.stderr, [token]);
  });
});

Deno.test("routes shows a line break in a roster file name escaped in its one-line error", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/user`);
    await Deno.writeTextFile(`${dir}/user/bad\nname.yaml`, "kind: robot\n");
    const run = await runVault(["routes", "-o", "-", "--user-dir", `${dir}/user`]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, "");
    assert.equal(run.stderr.split("\n").length, 2, run.stderr); // one line and its newline
    assert.ok(
      run.stderr.startsWith(`terok-vault: error: ${dir}/user/bad\\u000Aname.yaml:1:7:`),
      run.stderr,
    );
  });
});
