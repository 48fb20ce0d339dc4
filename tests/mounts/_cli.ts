// Copyright the terok-vault authors. MIT license.
/** Run the real CLI the documented way (`deno task scan|clean ...` from the repo root). */

import { PROJECT_DIR, runTask as runner, type VaultRun } from "../_run_vault.ts";

/** The checkout's root directory (decoded: it may hold a space, `%` or non-ASCII). */
export const REPO_ROOT = PROJECT_DIR;

export type { VaultRun as CliRun } from "../_run_vault.ts";

/**
 * `deno task <args>` from the repo root: a thin wrapper over the one runner
 * (tests/_run_vault.ts), which gives the run a clean environment and kills the whole process
 * group of a hung run.
 */
export function runTask(args: string[]): Promise<VaultRun> {
  const [task, ...rest] = args;
  return runner(task!, rest);
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
