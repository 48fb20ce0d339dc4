// Copyright the terok-vault authors. MIT license.
/**
 * terok-vault's own directory in the mounts dir: no host dir, so no container sees it. It holds
 * the private links (`_private_dir.ts`) and, beside them, what `clean` keeps for the user.
 */
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";

/** The state directory's name (and the prefix no host dir may carry). */
export const STATE_DIR_NAME = ".terok-vault";

/** True for a host dir name that could be mistaken for terok-vault's own directory. */
export function isReservedName(name: string): boolean {
  return name.startsWith(STATE_DIR_NAME);
}

/** `<mountsRoot>/<state dir>`, the directory every private subdirectory lives in. */
export function stateDirPath(mountsRoot: string): string {
  return mountsRoot.endsWith("/")
    ? `${mountsRoot}${STATE_DIR_NAME}`
    : `${mountsRoot}/${STATE_DIR_NAME}`;
}

/**
 * Make sure terok-vault's state dir in the mounts dir is usable: `<mountsRoot>/<state dir>`,
 * a directory of ours with mode 0700 (created when absent).
 *
 * Requires `--allow-read` and `--allow-write` on the mounts dir, and `--allow-sys=uid`.
 *
 * @param mountsRoot The real (resolved) mounts dir.
 * @returns The state dir's path, or the reason it cannot be used.
 */
export function prepareStateDir(
  mountsRoot: string,
): { ok: true; path: string } | { ok: false; reason: string } {
  const path = stateDirPath(mountsRoot);
  const owned = ensureOwnedDir(path);
  return owned.ok ? { ok: true, path } : owned;
}

/** A usable private directory, or why it cannot be used. */
export type OwnedDir = { ok: true } | { ok: false; reason: string };

/**
 * Make sure `path` is a directory of ours with mode 0700: create it (0700) when absent, then
 * refuse a symlink, a non-directory, another user's directory or one open to others.
 *
 * Requires `--allow-read` and `--allow-write` on `path`, and `--allow-sys=uid` for the owner
 * check (without it only the mode is checked).
 *
 * @param path Absolute path of the directory.
 * @returns `{ ok: true }`, or the reason the directory cannot be used.
 */
export function ensureOwnedDir(path: string): OwnedDir {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(path);
  } catch (error) {
    if (errorKind(error) !== "absent") return { ok: false, reason: describeError(error) };
    try {
      Deno.mkdirSync(path, { mode: 0o700 });
      info = Deno.lstatSync(path);
    } catch (error) {
      return { ok: false, reason: `cannot create '${path}': ${describeError(error)}` };
    }
  }
  const problem = ownershipProblem(info);
  return problem === undefined ? { ok: true } : { ok: false, reason: `'${path}' ${problem}` };
}

function ownershipProblem(info: Deno.FileInfo): string | undefined {
  if (info.isSymlink || !info.isDirectory) return "is not a directory";
  let uid: number | null = null;
  try {
    uid = Deno.uid();
  } catch {
    uid = null; // without --allow-sys=uid the mode check below still holds
  }
  if (uid !== null && info.uid !== null && info.uid !== uid) return "belongs to another user";
  if (info.mode !== null && (info.mode & 0o077) !== 0) return "is open to other users";
  return undefined;
}
