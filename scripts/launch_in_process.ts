/**
 * Narrows the launcher's own permissions to exactly one command's, so the program can run in
 * the launcher's process instead of a second Deno.
 *
 * @module
 */

import type { Grants } from "../src/cli/grants.ts";
import { ENV_NAMES } from "../src/paths.ts";

type PathKind = "read" | "write";

/** Kinds the launcher must hold only as lists (an unscoped one cannot be narrowed). */
const NEVER_UNSCOPED = ["read", "write", "env", "sys", "net", "ffi", "import"] as const;

/**
 * Gives back every permission the command does not need, when the process holds exactly a
 * task's stated grants and the command's needs are among them: the read and write paths it
 * does not need and every run permission. Afterwards the process may read and write exactly
 * `needed`, read the variables of docs/cli.md and the uid, and nothing else that the task
 * granted.
 *
 * When the command needs a path the task did not state (an option naming another directory,
 * a mounts dir behind a symlink), or the process holds an unscoped grant, it changes nothing
 * and returns false: the caller then starts the program in a second Deno with exactly the
 * command's flags.
 *
 * @param needed The command's grants ({@linkcode commandGrants}).
 * @param stated The grants the task line gave this process ({@linkcode taskGrants}).
 * @returns True when the process now holds exactly the command's grants.
 *
 * @example
 * ```ts ignore
 * if (narrowToCommand(launch.grants, taskGrants(readEnv))) await runCli(Deno.args, io);
 * ```
 */
export function narrowToCommand(needed: Grants, stated: Grants): boolean {
  if (!holdsOnly(needed, stated)) return false;
  for (const kind of ["read", "write"] as const) {
    for (const path of giveBack(needed[kind], stated[kind])) {
      Deno.permissions.revokeSync({ name: kind, path });
    }
  }
  if (!narrowed(needed, stated)) return false;
  Deno.permissions.revokeSync({ name: "run" });
  return Deno.permissions.querySync({ name: "run" }).state !== "granted";
}

/** The process's grants are lists, and cover the command's needs with stated paths alone. */
function holdsOnly(needed: Grants, stated: Grants): boolean {
  if (NEVER_UNSCOPED.some((name) => state({ name }) === "granted")) return false;
  if (!ENV_NAMES.every((variable) => state({ name: "env", variable }) === "granted")) return false;
  if (state({ name: "sys", kind: "uid" }) !== "granted") return false;
  return (["read", "write"] as const).every((kind) =>
    needed[kind].every((path) => stated[kind].includes(path) && granted(kind, path))
  );
}

/**
 * The stated paths to revoke. Revoking a path also revokes grants on the directories above
 * it, so a stated path inside a needed one is left alone (the needed grant covers it anyway).
 */
function giveBack(needed: readonly string[], stated: readonly string[]): string[] {
  return stated.filter((path) => !needed.some((kept) => inside(path, kept)));
}

/** Every needed path is still granted and no other stated one is. */
function narrowed(needed: Grants, stated: Grants): boolean {
  return (["read", "write"] as const).every((kind) =>
    needed[kind].every((path) => granted(kind, path)) &&
    giveBack(needed[kind], stated[kind]).every((path) => !granted(kind, path))
  );
}

function inside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(`${dir}/`);
}

function granted(kind: PathKind, path: string): boolean {
  return state({ name: kind, path }) === "granted";
}

function state(descriptor: Deno.PermissionDescriptor): Deno.PermissionState {
  return Deno.permissions.querySync(descriptor).state;
}
