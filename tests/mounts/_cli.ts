// Copyright the terok-vault authors. MIT license.
/** Run the real CLI the documented way (`deno task scan|clean ...` from the repo root). */

import { PROJECT_DIR } from "../_run_vault.ts";

/** The checkout's root directory (decoded: it may hold a space, `%` or non-ASCII). */
export const REPO_ROOT = PROJECT_DIR;

/** Any run longer than this is a hang: the whole process group is killed and the test fails. */
const RUN_TIMEOUT_SECONDS = 30;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `deno task <args>` with cwd = repo root, under coreutils `timeout`, which signals the
 * whole process group (task runner, launcher and program) when the time is up.
 */
export async function runTask(args: string[]): Promise<CliRun> {
  const output = await new Deno.Command("timeout", {
    args: ["-s", "KILL", `${RUN_TIMEOUT_SECONDS}s`, "deno", "task", ...args],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const run = {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
  if (run.code === 124 || run.code === 137) {
    throw new Error(`'deno task ${args.join(" ")}' hung and was killed\n${run.stderr}`);
  }
  return run;
}

/** A routed roster entry whose credential file is `<hostDir>/<credentialFile>`. */
export function rosterEntry(hostDir: string, routePrefix: string, credentialFile: string): string {
  return [
    "auth:",
    `  host_dir: ${hostDir}`,
    `  container_mount: /home/dev/.${routePrefix}`,
    "vault:",
    `  route_prefix: ${routePrefix}`,
    `  upstream: https://${routePrefix}.example.invalid`,
    `  credential_file: ${credentialFile}`,
    "",
  ].join("\n");
}

/** Write a roster dir with one `<name>.yaml` per entry. */
export async function writeRoster(
  dir: string,
  entries: Record<string, [hostDir: string, credentialFile: string]>,
): Promise<void> {
  await Deno.mkdir(dir, { recursive: true });
  for (const [name, [hostDir, credentialFile]] of Object.entries(entries)) {
    await Deno.writeTextFile(`${dir}/${name}.yaml`, rosterEntry(hostDir, name, credentialFile));
  }
}
