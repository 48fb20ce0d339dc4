// Copyright the terok-vault authors. MIT license.
/**
 * terok-vault's own directory in the mounts dir, one per user: `<mounts>/.terok-vault-<uid>/`.
 * No host dir may carry the prefix, so no container sees it. It holds the private links of
 * running commands (`_private_dir.ts`) and, beside them, what `clean` keeps for the user.
 */
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";

/** The prefix of every state directory's name (and the prefix no host dir may carry). */
export const STATE_DIR_NAME = ".terok-vault";

/** True for a host dir name that could be mistaken for terok-vault's own directory. */
export function isReservedName(name: string): boolean {
  return name.startsWith(STATE_DIR_NAME);
}

/** A usable directory's path, or why it cannot be used. */
export type StateDir = { ok: true; path: string } | { ok: false; reason: string };

/** The running user's id, or why it is not known. */
function currentUid(): number | string {
  try {
    const uid = Deno.uid();
    if (uid !== null) return uid;
  } catch (error) {
    return `the user id is not known (${describeError(error)}), which names the private directory`;
  }
  return "the user id is not known, which names the private directory";
}

/**
 * `<mountsRoot>/.terok-vault-<uid>`: the running user's state dir (one per user, so a run as
 * root never takes the directory away from the mounts' owner).
 *
 * Requires `--allow-sys=uid`.
 *
 * @param mountsRoot The real (resolved) mounts dir.
 * @returns The path, or why it cannot be named.
 */
export function stateDirPath(mountsRoot: string): StateDir {
  const uid = currentUid();
  if (typeof uid === "string") return { ok: false, reason: uid };
  const name = `${STATE_DIR_NAME}-${uid}`;
  return {
    ok: true,
    path: mountsRoot.endsWith("/") ? `${mountsRoot}${name}` : `${mountsRoot}/${name}`,
  };
}

/**
 * Why no private directory may be made in the mounts dir, or undefined when it may: the mounts
 * dir must belong to the running user or root, and must not be writable by others unless its
 * sticky bit keeps them from renaming our entries. Otherwise whoever may write there could
 * swap the private directory for a symlink between our look and our link, and links would land
 * in a directory of theirs.
 *
 * Requires `--allow-read` on the mounts dir, and `--allow-sys=uid`.
 *
 * @param mountsRoot The real (resolved) mounts dir.
 * @returns The problem in one sentence, or undefined.
 */
export function mountsRootProblem(mountsRoot: string): string | undefined {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(mountsRoot);
  } catch (error) {
    return `the mounts dir '${mountsRoot}': ${describeError(error)}`;
  }
  const uid = currentUid();
  if (typeof uid === "string") return uid;
  const unsafe = `the mounts dir '${mountsRoot}'`;
  if (info.uid !== null && info.uid !== uid && info.uid !== 0) {
    return `${unsafe} belongs to another user (uid ${info.uid}), who could swap a private ` +
      "directory there for a symlink: run as its owner";
  }
  const mode = info.mode ?? 0;
  if ((mode & 0o022) !== 0 && (mode & 0o1000) === 0) {
    const who = (mode & 0o020) !== 0 && (mode & 0o002) !== 0
      ? "its group and other users"
      : (mode & 0o020) !== 0
      ? "its group"
      : "other users";
    const octal = (mode & 0o7777).toString(8).padStart(4, "0");
    return `${unsafe} may be written by ${who} (mode ${octal}, no sticky bit), so a private ` +
      "directory there could be swapped for a symlink: make it writable by its owner only " +
      "(chmod go-w)";
  }
  return undefined;
}

/**
 * Make sure the running user's state dir in the mounts dir is usable: the mounts dir is safe
 * ({@linkcode mountsRootProblem}) and `<mountsRoot>/.terok-vault-<uid>` is a directory of ours
 * with mode 0700 (created when absent).
 *
 * Requires `--allow-read` and `--allow-write` on the mounts dir, and `--allow-sys=uid`.
 *
 * @param mountsRoot The real (resolved) mounts dir.
 * @returns The state dir's path, or the reason it cannot be used.
 */
export function prepareStateDir(mountsRoot: string): StateDir {
  const problem = mountsRootProblem(mountsRoot);
  if (problem !== undefined) return { ok: false, reason: problem };
  const state = stateDirPath(mountsRoot);
  if (!state.ok) return state;
  const owned = ensureOwnedDir(state.path);
  return owned.ok ? state : owned;
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

/** Why an existing entry is no directory of ours closed to others, or undefined. */
export function ownershipProblem(info: Deno.FileInfo): string | undefined {
  if (info.isSymlink || !info.isDirectory) return "is not a directory";
  const uid = currentUid();
  // Without --allow-sys=uid the mode check below still holds.
  if (typeof uid === "number" && info.uid !== null && info.uid !== uid) {
    return "belongs to another user";
  }
  if (info.mode !== null && (info.mode & 0o077) !== 0) return "is open to other users";
  return undefined;
}
