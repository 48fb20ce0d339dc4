// Copyright the terok-vault authors. MIT license.
/**
 * The scanner's private links: where a name from a mount is hard-linked before anything is
 * opened, so no container can redirect the open. Each running inspection links into its own
 * `<mounts>/.terok-vault-<uid>/run-<ms>-<pid>-<n>/`, made on the first link and removed at the
 * end; a `lock` file in it, locked while the run lives, tells a later run that a directory
 * left behind (the run was killed) may be removed at once.
 */
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";
import type { MountsRoot } from "./_outcome.ts";
import {
  ensureOwnedDir,
  mountsRootProblem,
  ownershipProblem,
  STATE_DIR_NAME,
  stateDirPath,
} from "./_state_dir.ts";

/** The prefix of the private directories' names in the mounts dir; no host dir may carry it. */
export const PRIVATE_DIR_NAME = STATE_DIR_NAME;

/** A run dir without a lock file (its run died before taking it) is stale after this. */
const STALE_MS = 60_000;

/** The lock file in each run dir. */
const LOCK_NAME = "lock";

/** The prefix of a run dir's name. */
const RUN_PREFIX = "run-";

/**
 * Run dirs made by this process so far: with the time and the pid it names each one apart,
 * also when inspections running side by side (watch's lanes) make theirs in the same
 * millisecond.
 */
let runsMade = 0;

/** The result of hard-linking a name into the private directory. */
export type Linked =
  | { status: "linked"; path: string }
  | { status: "refused"; reason: string }
  | { status: "error"; error: unknown };

/** How {@linkcode PrivateDir.prepare} sets up the private directory. */
export interface PrivateDirOptions {
  /**
   * Where a link is refused, open the name in the mount instead (`--unsafe-open-by-name`):
   * not open-safe, and reported per file. Off by default: such a file is left unread.
   */
  openByName?: boolean;
}

/** A file opened by its name in the mount: where, and why it could not be linked. */
export interface OpenedByName {
  path: string;
  reason: string;
}

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
  /** Why links cannot be made at all in this run, or undefined. */
  unusable: string | undefined;
  /** Open a name in the mount where its link is refused (not open-safe; reported). */
  readonly openByName: boolean;
  /** Files the deep scan opened by name (with {@linkcode openByName}), to be reported. */
  readonly openedByName: OpenedByName[] = [];
  readonly #state: string | undefined;
  #run: { path: string; lock: Deno.FsFile } | undefined;
  #counter = 0;

  private constructor(
    state: string | undefined,
    unusable: string | undefined,
    openByName: boolean,
  ) {
    this.#state = state;
    this.unusable = unusable;
    this.openByName = openByName;
  }

  /** The running inspection's own link directory, once a link was made; else undefined. */
  get path(): string | undefined {
    return this.#run?.path;
  }

  /**
   * Check that a private directory may be made in the mounts dir (write grant, a safe mounts
   * dir, a user id), and remove the link directories of runs that are gone. Creates nothing:
   * the directory is made on the first link, and removed by {@linkcode close}.
   *
   * Requires `--allow-read` and `--allow-write` on the mounts dir, and `--allow-sys=uid`.
   */
  static prepare(root: MountsRoot, options: PrivateDirOptions = {}): PrivateDir {
    const openByName = options.openByName === true;
    // Deno's refusal of an ungranted link is slow (milliseconds each): ask once instead.
    if (Deno.permissions.querySync({ name: "write", path: root.path }).state !== "granted") {
      return new PrivateDir(undefined, REFUSALS.ENOTCAPABLE, openByName);
    }
    const problem = mountsRootProblem(root.path);
    if (problem !== undefined) return new PrivateDir(undefined, problem, openByName);
    const state = stateDirPath(root.path);
    if (!state.ok) return new PrivateDir(undefined, state.reason, openByName);
    const refused = sweepDeadRuns(state.path);
    return new PrivateDir(state.path, refused, openByName);
  }

  /**
   * Hard-link `name` (relative to the pinned working directory) into the private directory.
   * Refused where the private directory cannot be used, or the write grant, the file system
   * or the kernel do not allow the link (the caller then leaves the file unread).
   */
  link(name: string): Linked {
    for (let attempt = 0; attempt < 2; attempt++) {
      const run = this.#ensureRun();
      if ("reason" in run) return { status: "refused", reason: run.reason };
      const linkPath = `${run.path}/${this.#counter++}`;
      try {
        Deno.linkSync(name, linkPath);
        return { status: "linked", path: linkPath };
      } catch (error) {
        if (errorKind(error) === "absent" && this.#runVanished()) continue;
        const refusal = refusalReason(error);
        return refusal === undefined
          ? { status: "error", error }
          : { status: "refused", reason: refusal };
      }
    }
    return { status: "refused", reason: "the private directory keeps vanishing" };
  }

  /** Remove a private link made by {@linkcode link}. */
  release(linkPath: string): void {
    try {
      Deno.removeSync(linkPath);
    } catch {
      // Removed with its run dir by close(), or by the next run.
    }
  }

  /**
   * Remove this run's link directory, and the state dir too when nothing else is left in it
   * (a mounts dir holding nothing to read keeps no trace of the scan).
   */
  close(): void {
    const run = this.#run;
    this.#run = undefined;
    if (run !== undefined) {
      try {
        Deno.removeSync(run.path, { recursive: true });
      } catch {
        // The lock is released below; the next run removes what is left.
      }
      run.lock.close();
    }
    if (this.#state === undefined || this.unusable !== undefined) return;
    try {
      // Only a directory of ours, and only when empty: the quarantine or other runs stay.
      if (ownershipProblem(Deno.lstatSync(this.#state)) !== undefined) return;
      Deno.removeSync(this.#state);
    } catch {
      // Not empty, or gone already.
    }
  }

  /** This run's link directory, made (with its lock) on first use; or why it cannot be. */
  #ensureRun(): { path: string } | { reason: string } {
    if (this.unusable !== undefined) return { reason: this.unusable };
    if (this.#run !== undefined) return { path: this.#run.path };
    const state = this.#state!;
    const owned = ensureOwnedDir(state);
    if (!owned.ok) {
      this.unusable = owned.reason;
      return owned;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const path = `${state}/${RUN_PREFIX}${Date.now()}-${Deno.pid}-${runsMade++}`;
      try {
        Deno.mkdirSync(path, { mode: 0o700 });
      } catch (error) {
        if (error instanceof Deno.errors.AlreadyExists) continue;
        if (errorKind(error) === "absent") ensureOwnedDir(state); // removed by another run's close
        continue;
      }
      try {
        const lock = Deno.openSync(`${path}/${LOCK_NAME}`, {
          read: true,
          write: true,
          createNew: true,
          mode: 0o600,
        });
        lock.lockSync(true);
        this.#run = { path, lock };
        return { path };
      } catch (error) {
        this.release(`${path}/${LOCK_NAME}`);
        this.release(path);
        this.unusable = `cannot lock the private directory: ${describeError(error)}`;
        return { reason: this.unusable };
      }
    }
    this.unusable = `cannot create a private directory in '${state}'`;
    return { reason: this.unusable };
  }

  /** True when this run's directory is gone (another run's close raced it): made anew. */
  #runVanished(): boolean {
    const run = this.#run;
    if (run === undefined) return false;
    try {
      Deno.lstatSync(run.path);
      return false;
    } catch {
      run.lock.close();
      this.#run = undefined;
      return true;
    }
  }
}

/**
 * Remove the link directories of runs that are gone: those whose lock nobody holds (the kernel
 * drops a lock when its process dies, SIGKILL included), and those without a lock older than a
 * minute. Links hold real credentials, so nothing of a dead run is left for longer than it
 * takes the next command to start. Returns why the state dir cannot be used, if it cannot.
 */
function sweepDeadRuns(state: string): string | undefined {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(state);
  } catch {
    return undefined; // no state dir yet (made on the first link): nothing left behind
  }
  const problem = ownershipProblem(info);
  if (problem !== undefined) return `'${state}' ${problem}`;
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(state)];
  } catch (error) {
    return `'${state}': ${describeError(error)}`;
  }
  for (const entry of entries) {
    if (!entry.name.startsWith(RUN_PREFIX) || !entry.isDirectory) continue;
    const path = `${state}/${entry.name}`;
    if (!runIsDead(path, entry.name)) continue;
    try {
      Deno.removeSync(path, { recursive: true });
    } catch {
      // Retried by the next run.
    }
  }
  return undefined;
}

function runIsDead(path: string, name: string): boolean {
  let lock: Deno.FsFile;
  try {
    lock = Deno.openSync(`${path}/${LOCK_NAME}`, { read: true });
  } catch {
    const made = Number(name.slice(RUN_PREFIX.length).split("-", 1)[0]);
    return !Number.isFinite(made) || Date.now() - made >= STALE_MS;
  }
  try {
    return lock.tryLockSync(true);
  } catch {
    return false;
  } finally {
    lock.close();
  }
}

/**
 * Why a file that could not be hard-linked was left unread: `not read: it cannot be ...`
 * (`subject` names what, "it" by default).
 */
export function notLinkedReason(refusal: string, subject = "it"): string {
  return `not read: no private link could be made for ${subject} (${refusal}); opening by ` +
    "name in the mount is not open-safe (--unsafe-open-by-name allows it)";
}

const REFUSALS: Readonly<Record<string, string>> = {
  ENOTCAPABLE: "no write grant on the mounts dir, which a hard link into the private " +
    "directory needs",
  EXDEV: "the host dir is on another file system than the mounts dir",
  EPERM: "the kernel refused the hard link (protected hard links: the file belongs to " +
    "another user)",
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
