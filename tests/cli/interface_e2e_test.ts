/** `--help`, `--version`, `schema` and `completions` through the documented entry. */
import assert from "node:assert/strict";
import { COMMAND_OPTIONS } from "../../src/cli/parse_args.ts";
import type { CommandName } from "../../src/cli/types.ts";
import { rosterJsonSchema } from "../../src/roster/mod.ts";
import { passThroughEnv, PROJECT_DIR, runVault } from "../_run_vault.ts";

const { version } = JSON.parse(await Deno.readTextFile(`${PROJECT_DIR}/deno.json`));
const COMMANDS = Object.keys(COMMAND_OPTIONS) as CommandName[];

Deno.test("terok-vault --version prints the version from deno.json", async () => {
  assert.deepEqual(await runVault(["--version"]), {
    code: 0,
    stdout: `terok-vault ${version}\n`,
    stderr: "",
  });
});

Deno.test("terok-vault --help lists every command; each command's help lists its options", async () => {
  const help = await runVault(["--help"]);
  assert.equal(help.code, 0);
  assert.equal(help.stderr, "");
  for (const command of COMMANDS) {
    assert.match(help.stdout, new RegExp(`^  terok-vault ${command}`, "m"));
    assert.match(help.stdout, new RegExp(`^  ${command} +\\S`, "m"));
    const run = await runVault([command, "--help"]);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, "");
    assert.ok(run.stdout.startsWith(`Usage: terok-vault ${command}`), run.stdout);
    for (const spec of COMMAND_OPTIONS[command].filter((s) => s.long !== "help")) {
      assert.ok(run.stdout.includes(`--${spec.long}`), `${command} --help lacks --${spec.long}`);
    }
  }
});

Deno.test("terok-vault schema prints the roster file's JSON Schema (draft 2020-12)", async () => {
  const run = await runVault(["schema"]);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, "");
  assert.equal(run.stdout, `${JSON.stringify(rosterJsonSchema(), null, 2)}\n`);
  const schema = JSON.parse(run.stdout);
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(
    Object.keys(schema.$defs).filter((name) => !name.startsWith("free")),
    ["agent_v1", "agent_v3", "provider_v3"],
  );
});

Deno.test("terok-vault exits 2 on an unknown command, with a suggestion and the usage line", async () => {
  assert.deepEqual(await runVault(["scna"]), {
    code: 2,
    stdout: "",
    stderr: 'terok-vault: error: Unknown command "scna" (did you mean "scan"?)\n' +
      "Usage: terok-vault <routes|scan|clean|watch|quarantine|schema|completions> [options]   " +
      "(terok-vault --help for more)\n",
  });
});

/** The completion script for `shell`, written to a file in `dir`. */
async function completionScript(shell: string, dir: string): Promise<string> {
  const run = await runVault(["completions", shell]);
  assert.equal(run.code, 0);
  assert.equal(run.stderr, "");
  const path = `${dir}/terok-vault.${shell}`;
  await Deno.writeTextFile(path, run.stdout);
  return path;
}

/** Runs `shell args...`, or returns null (after saying so) when the shell is not installed. */
async function runShell(
  shell: string,
  args: string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string } | null> {
  let output;
  try {
    output = await new Deno.Command(shell, { args, ...(cwd ? { cwd } : {}), stdin: "null" })
      .output();
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    console.log(`SKIPPED: ${shell} is not installed, so its completion script is not checked`);
    return null;
  }
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { code: output.code, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-completions-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("terok-vault completions bash is valid bash and completes every command and option", async () => {
  await withTempDir(async (dir) => {
    const script = await completionScript("bash", dir);
    const syntax = await runShell("bash", ["-n", script]);
    assert.deepEqual(syntax, { code: 0, stdout: "", stderr: "" });
    await Deno.mkdir(`${dir}/mounts here`);
    const complete = async (words: string[]) => {
      const quoted = words.map((word) => `'${word}'`).join(" ");
      const run = await runShell("bash", [
        "-c",
        `source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; ` +
        `_terok_vault; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ], dir);
      assert.equal(run?.code, 0, run?.stderr);
      return run!.stdout.split("\n").filter((line) => line !== "");
    };
    assert.deepEqual(await complete(["terok-vault", "sc"]), ["scan", "schema"]);
    for (const command of COMMANDS) {
      const offered = await complete(["terok-vault", command, "-"]);
      for (const spec of COMMAND_OPTIONS[command]) {
        assert.ok(offered.includes(`--${spec.long}`), `${command}: --${spec.long} not offered`);
      }
    }
    assert.deepEqual(await complete(["terok-vault", "scan", "--mo"]), ["--mounts-dir"]);
    assert.deepEqual(await complete(["terok-vault", "scan", "--mounts-dir", "mou"]), [
      "mounts here",
    ]);
    assert.deepEqual(await complete(["terok-vault", "completions", "z"]), ["zsh"]);
  });
});

Deno.test("terok-vault completions zsh is valid zsh and names every option", async () => {
  await withTempDir(async (dir) => {
    const script = await completionScript("zsh", dir);
    const syntax = await runShell("zsh", ["-n", script]);
    if (syntax === null) return;
    assert.deepEqual(syntax, { code: 0, stdout: "", stderr: "" });
    const text = await Deno.readTextFile(script);
    assert.ok(text.startsWith("#compdef terok-vault\n"));
    for (const command of COMMANDS) {
      const section = text.slice(text.indexOf(`    ${command})\n`));
      const body = section.slice(0, section.indexOf(";;"));
      for (const spec of COMMAND_OPTIONS[command]) {
        assert.ok(body.includes(`'--${spec.long}`), `${command}: --${spec.long} missing`);
      }
    }
  });
});

Deno.test("terok-vault completions fish is valid fish and completes every option", async () => {
  await withTempDir(async (dir) => {
    const script = await completionScript("fish", dir);
    const syntax = await runShell("fish", ["-n", script]);
    if (syntax === null) return;
    assert.deepEqual(syntax, { code: 0, stdout: "", stderr: "" });
    const complete = async (line: string) => {
      const run = await runShell("fish", [
        "--no-config",
        "-c",
        `source '${script}'; complete -C '${line}'`,
      ], dir);
      assert.equal(run?.code, 0, run?.stderr);
      return run!.stdout.split("\n").filter((l) => l !== "").map((l) => l.split("\t")[0]);
    };
    for (const command of COMMANDS) {
      const offered = await complete(`terok-vault ${command} --`);
      for (const spec of COMMAND_OPTIONS[command]) {
        assert.ok(offered.includes(`--${spec.long}`), `${command}: --${spec.long} not offered`);
      }
    }
    assert.deepEqual(await complete("terok-vault sc"), ["scan", "schema"]);
    assert.deepEqual(await complete("terok-vault completions f"), ["fish"]);
  });
});

Deno.test("a reader that closes standard output first: exit 141, no message (as SIGPIPE)", async () => {
  const home = await Deno.makeTempDir();
  try {
    // `true` exits before the program writes: the write meets a closed pipe.
    const script = 'set -o pipefail; "$0" task -q --config="$1" routes --no-user -o - | true; ' +
      'echo "status ${PIPESTATUS[0]}"';
    const output = await new Deno.Command("bash", {
      args: ["-c", script, Deno.execPath(), `${PROJECT_DIR}/deno.json`],
      clearEnv: true,
      env: { ...passThroughEnv(), HOME: home, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(output.stdout), "status 141\n");
    assert.equal(new TextDecoder().decode(output.stderr), "");
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});
