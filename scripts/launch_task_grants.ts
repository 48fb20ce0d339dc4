/**
 * The grants the `deno task` lines state up front: every default location of both layouts (a
 * user's under HOME, the FHS one of root, and the one `TEROK_ROOT` names), so that a command on the default locations runs
 * in the launcher's own process once it gives back what it does not need.
 *
 * deno.json's tasks write the same paths, with `$HOME`, `$XDG_CONFIG_HOME` and `$TEROK_ROOT` left
 * to `deno task` to expand (an unset variable expands to nothing, and the launcher gives such a
 * path back before anything runs); a test checks that the two agree.
 *
 * @module
 */

import type { Grants } from "../src/cli/grants.ts";
import type { EnvName } from "../src/paths.ts";

/** The paths the tasks grant read on, as written in deno.json. */
export const TASK_READ_TEMPLATES: readonly string[] = [
  "/etc/terok/config.yml",
  "$XDG_CONFIG_HOME/terok/config.yml",
  "$HOME/.config/terok/config.yml",
  "$HOME/.config/terok/agent/agents",
  "$HOME/.config/terok/agent/providers",
  "$XDG_CONFIG_HOME/terok/vault-allow.yaml",
  "$HOME/.config/terok/vault-allow.yaml",
  "/etc/terok/vault-allow.yaml",
  "$HOME/.local/share/terok/vault",
  "$HOME/.local/share/terok/sandbox-live/mounts",
  "/etc/terok/agent/agents",
  "/etc/terok/agent/providers",
  "/var/lib/terok/vault",
  "/var/lib/terok/sandbox-live/mounts",
  "$TEROK_ROOT/vault",
  "$TEROK_ROOT/sandbox-live/mounts",
];

/** The paths the tasks grant write on, as written in deno.json (`/proc/self/cwd`: clean's pinned directory). */
export const TASK_WRITE_TEMPLATES: readonly string[] = [
  "$HOME/.local/share/terok/vault",
  "$HOME/.local/share/terok/sandbox-live/mounts",
  "/var/lib/terok/vault",
  "/var/lib/terok/sandbox-live/mounts",
  "$TEROK_ROOT/vault",
  "$TEROK_ROOT/sandbox-live/mounts",
  "/proc/self/cwd",
];

/**
 * The paths a task granted this process, expanded as `deno task` expands them.
 *
 * Requires `--allow-env=HOME,XDG_CONFIG_HOME,TEROK_ROOT` (without it they read as unset).
 *
 * @param env Reads a variable; undefined when unset.
 * @returns The read and write paths the task line granted.
 *
 * @example
 * ```ts
 * import { taskGrants } from "./launch_task_grants.ts";
 * taskGrants((name) => (name === "HOME" ? "/home/ada" : undefined)).write[0];
 * // "/home/ada/.local/share/terok/vault"
 * ```
 */
export function taskGrants(env: (name: EnvName) => string | undefined): Grants {
  const expand = (template: string) =>
    template.replace(
      /\$(HOME|XDG_CONFIG_HOME|TEROK_ROOT)\b/g,
      (_, name: EnvName) => env(name) ?? "",
    );
  return { read: TASK_READ_TEMPLATES.map(expand), write: TASK_WRITE_TEMPLATES.map(expand) };
}
