/**
 * Turns grants into `deno run` / `deno compile` permission flags.
 *
 * @module
 */

import { ENV_NAMES } from "../paths.ts";
import type { Grants } from "./grants.ts";

/**
 * Builds the permission flags for the program: the given file grants, env access to exactly
 * the variables of docs/cli.md, `uid` (to tell root), and never a prompt. Nothing else: no net, no
 * run, no ffi, no unscoped read or write.
 *
 * @param grants The read and write paths.
 * @returns Flags for `deno run` or `deno compile`.
 * @throws {RangeError} When a path contains a comma, which Deno's flag lists cannot carry,
 * or is not an absolute path below `/` (no grant may ever be the whole file system).
 *
 * @example Flags of a scan
 * ```ts
 * import { permissionFlags } from "./permission_flags.ts";
 * permissionFlags({ read: ["/m"], write: [] })[0]; // "--no-prompt"
 * ```
 */
export function permissionFlags(grants: Grants): string[] {
  const flags = ["--no-prompt", `--allow-env=${ENV_NAMES.join(",")}`, "--allow-sys=uid"];
  if (grants.read.length > 0) flags.push(`--allow-read=${pathList(grants.read)}`);
  if (grants.write.length > 0) flags.push(`--allow-write=${pathList(grants.write)}`);
  return flags;
}

function pathList(paths: readonly string[]): string {
  for (const path of paths) {
    if (path.includes(",")) {
      throw new RangeError(
        `Cannot grant access to "${path}": Deno cannot grant permissions on a path that ` +
          `contains ",", so rename or move it`,
      );
    }
    if (!path.startsWith("/") || path.split("/").every((part) => part === "" || part === ".")) {
      throw new RangeError(
        `Refusing to grant access to "${path}": a grant must name an absolute path below "/", ` +
          `never the whole file system`,
      );
    }
  }
  return paths.join(",");
}
