// Copyright the terok-vault authors. MIT license.
/**
 * The scanner's private directory, `<mounts>/.terok-vault/`: where a name from a mount is
 * hard-linked before anything is opened, so no container can redirect the open.
 */
import { errorKind } from "./_errors.ts";
import type { MountsRoot } from "./_outcome.ts";
import { prepareStateDir, STATE_DIR_NAME } from "./_state_dir.ts";

/** The private directory's name in the mounts dir; no host dir may carry it. */
export const PRIVATE_DIR_NAME = STATE_DIR_NAME;

/** A private link older than this (by the time in its name) is left over from a crash. */
const STALE_MS = 60_000;

/** The result of hard-linking a name into the private directory. */
export type Linked =
  | { status: "linked"; path: string }
  | { status: "refused"; reason: string }
  | { status: "error"; error: unknown };

/**
 * Hard links into a private directory that no container sees.
 *
 * Linux `link()` never follows a final symlink: a name swapped for a symlink (to a host FIFO,
 * a device, a host file) arrives in the private directory as a symlink, which is then never
 * opened. Nothing can swap a name inside the private directory, so `lstat` then `open` there
 * is race-free, unlike `lstat` then `open` in a mount (Deno drops `O_NOFOLLOW` under scoped
 * permissions). See docs/security.md, "Opening without following".
 */
export class PrivateDir {
  /** Absolute path, or undefined when it cannot be used (then `unusable` says why). */
  path: string | undefined;
  /** Why links cannot be made at all in this run, or undefined. */
  unusable: string | undefined;
  #counter = 0;

  private constructor(path: string | undefined, unusable: string | undefined) {
    this.path = path;
    this.unusable = unusable;
  }

  /**
   * Make sure `<root>/.terok-vault` is a directory of ours with mode 0700 (create it if
   * absent), and remove links a crashed run left there.
   */
  static prepare(root: MountsRoot): PrivateDir {
    // Deno's refusal of an ungranted link is slow (milliseconds each): ask once instead.
    if (Deno.permissions.querySync({ name: "write", path: root.path }).state !== "granted") {
      return PrivateDir.#refuse(REFUSALS.ENOTCAPABLE!);
    }
    const state = prepareStateDir(root.path);
    if (!state.ok) return PrivateDir.#refuse(state.reason);
    removeStaleLinks(state.path);
    return new PrivateDir(state.path, undefined);
  }

  /** A private directory that cannot be used, and why. */
  static #refuse(reason: string): PrivateDir {
    return new PrivateDir(undefined, reason);
  }

  /**
   * Hard-link `name` (relative to the pinned working directory) into the private directory.
   * Refused (the caller then falls back to a verified open) where the write grant, the file
   * system or the kernel's protected hard links do not allow it.
   */
  link(name: string): Linked {
    if (this.path === undefined) return { status: "refused", reason: this.unusable ?? "" };
    const linkPath = `${this.path}/${Date.now()}-${Deno.pid}-${this.#counter++}`;
    try {
      Deno.linkSync(name, linkPath);
      return { status: "linked", path: linkPath };
    } catch (error) {
      const refusal = refusalReason(error);
      return refusal === undefined
        ? { status: "error", error }
        : { status: "refused", reason: refusal };
    }
  }

  /** Remove a private link made by {@linkcode link}. */
  release(linkPath: string): void {
    try {
      Deno.removeSync(linkPath);
    } catch {
      // Left for the next run's stale-link clean-up; nothing a container can reach.
    }
  }
}

/** Links named `<ms>-<pid>-<n>` by a run that ended more than a minute ago. */
function removeStaleLinks(path: string): void {
  const now = Date.now();
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(path)];
  } catch {
    return;
  }
  for (const entry of entries) {
    const made = Number(entry.name.split("-", 1)[0]);
    if (Number.isFinite(made) && now - made < STALE_MS) continue;
    try {
      Deno.removeSync(`${path}/${entry.name}`);
    } catch {
      // Retried on the next run.
    }
  }
}

const REFUSALS: Readonly<Record<string, string>> = {
  ENOTCAPABLE: "no write grant on the mounts dir, which a hard link into the private " +
    "directory needs",
  EXDEV: "the host dir is on another file system than the mounts dir",
  EPERM: "the kernel's protected hard links refuse it (the file belongs to another user)",
  EACCES: "permission denied",
  EMLINK: "the file has too many links",
  EROFS: "read-only file system",
};

function refusalReason(error: unknown): string | undefined {
  if (errorKind(error) === "not_capable") return REFUSALS.ENOTCAPABLE;
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Deno.errors.PermissionDenied) {
    return REFUSALS[String(code)] ?? REFUSALS.EACCES;
  }
  return typeof code === "string" ? REFUSALS[code] : undefined;
}
