/** With the binary's union of grants, each command keeps only the writes it needs. */
import assert from "node:assert/strict";
import { compileArgs } from "../../scripts/compile_args.ts";
import { denoDir, PROJECT_DIR } from "../_run_vault.ts";

const HOME = "/home/ada";
const VAULT = `${HOME}/.local/share/terok/vault`;
const MOUNTS = `${HOME}/.local/share/terok/sandbox-live/mounts`;
const PINNED = "/proc/self/cwd";

async function writeStates(args: string[]): Promise<Record<string, string>> {
  const baked = compileArgs(
    { layout: "user", output: "unused", env: (name) => (name === "HOME" ? HOME : undefined) },
    PROJECT_DIR,
  ).filter((arg) => arg.startsWith("--allow-") || arg === "--no-prompt");
  const explicit = ["--user-dir", `${HOME}/.config/terok/agent/agents`];
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      ...baked,
      `${PROJECT_DIR}/tests/testdata/cli/print_write_grants.ts`,
      ...args,
      ...explicit,
      "--",
      VAULT,
      MOUNTS,
      PINNED,
    ],
    clearEnv: true,
    env: {
      HOME,
      PATH: Deno.env.get("PATH") ?? "",
      DENO_DIR: denoDir(),
    },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 0, new TextDecoder().decode(output.stderr));
  return Object.fromEntries(
    new TextDecoder().decode(output.stdout).trim().split("\n").map((line) => line.split(" ")),
  );
}

Deno.test("scan and dry runs keep write on the mounts dir only; routes -o - none", async () => {
  const none = { [VAULT]: "prompt", [MOUNTS]: "prompt", [PINNED]: "prompt" };
  const mountsOnly = { [VAULT]: "prompt", [MOUNTS]: "granted", [PINNED]: "prompt" };
  assert.deepEqual(await writeStates(["scan", "--mounts-dir", MOUNTS]), mountsOnly);
  assert.deepEqual(await writeStates(["clean", "--dry-run", "--mounts-dir", MOUNTS]), mountsOnly);
  assert.deepEqual(await writeStates(["routes", "-o", "-"]), none);
  assert.deepEqual(await writeStates(["routes", "--check", "-o", `${VAULT}/routes.json`]), none);
});

Deno.test("routes keeps only the vault dir; clean only the mounts dir and the pinned dir", async () => {
  assert.deepEqual(await writeStates(["routes", "-o", `${VAULT}/routes.json`]), {
    [VAULT]: "granted",
    [MOUNTS]: "prompt",
    [PINNED]: "prompt",
  });
  assert.deepEqual(await writeStates(["clean", "--mounts-dir", MOUNTS]), {
    [VAULT]: "prompt",
    [MOUNTS]: "granted",
    [PINNED]: "granted",
  });
});
