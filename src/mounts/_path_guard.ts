// Copyright the terok-vault authors. MIT license.
import { type FileIdentity, sameIdentity } from "./_identity.ts";

/**
 * How long the directories a nested credential path runs through must have been left alone
 * before its file is read. Deno reports ctime in whole seconds (truncated); with the old ctime
 * more than a second before our first look, any change after that look carries a later second
 * and so shows as a different ctime (and a container cannot set ctime: utimensat sets it to
 * now). Half a second more covers the kernel's coarse clock.
 */
export const QUIET_MS = 1500;

/** The time source the guard is judged by, and the way to wait for a quiet path. */
export interface Clock {
  /** Milliseconds since the epoch, comparable with file ctimes. */
  now(): number;
  /** Block for `ms` milliseconds (the inspection is deliberately synchronous). */
  sleep(ms: number): void;
  /**
   * Wait `ms` milliseconds without blocking: used instead of `sleep` where the inspection
   * steps away from the working directory meanwhile and pins its directory again after.
   */
  pause?(ms: number): Promise<void>;
}

/** The wall clock, and a blocking sleep: nothing else may run while a path is pinned. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms),
  pause: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** One pinned directory on a credential path, as the walk saw it. */
export interface PinnedDir {
  /** Absolute path under the real mounts dir. */
  path: string;
  /** Device and inode seen when it was pinned. */
  identity: FileIdentity;
}

/** The ctime and mtime of a directory whose entries a path lookup walks through. */
interface Stamp {
  ctime: number;
  mtime: number;
}

/**
 * Why a nested credential file may not be read now (a reason), or how long to wait until the
 * path has been quiet long enough; undefined when it may be read.
 */
export type GuardFailure = string | { waitMs: number } | undefined;

/**
 * Guards the read of a credential file that sits below a directory the container controls.
 *
 * Under scoped permissions Deno turns a name relative to the pinned working directory into
 * an absolute path before the system call, so lstat and open walk the directory names again;
 * a container that swaps `sub` for a symlink to a host directory in that instant would get a
 * host file opened (dev+ino of the lstat and the open then agree, both being the host file).
 * Every such swap renames an entry of a directory on the path and so changes that directory's
 * ctime. The guard takes the ctimes before the lstat, requires them to be quiet (older than
 * {@linkcode QUIET_MS}), and compares them again after the open and before any byte is read:
 * equal stamps prove no entry on the way was swapped in between.
 */
export class PathGuard {
  readonly #walked: readonly PinnedDir[];
  readonly #chain: readonly PinnedDir[];
  #stamps: Stamp[] | undefined;

  /**
   * @param chain The pinned directories from the host dir down to the file's parent.
   */
  constructor(chain: readonly PinnedDir[]) {
    this.#chain = chain;
    // The file's parent's own entries only hold the final name, which dev+ino already guards.
    this.#walked = chain.slice(0, -1);
  }

  /** Looks at the path before the lstat; a failure says why the file must not be read now. */
  begin(now: number = Date.now()): GuardFailure {
    const stamps = this.#look();
    if (typeof stamps === "string") return stamps;
    const newest = Math.max(...stamps.map((stamp) => stamp.ctime));
    if (newest > now + 1000) {
      return "a directory on the path changed in the future by this clock (clock stepped back, " +
        "or a file system with its own clock); not read";
    }
    if (now - newest < QUIET_MS) {
      return { waitMs: Math.min(QUIET_MS - (now - newest), QUIET_MS) + 50 };
    }
    this.#stamps = stamps;
    return undefined;
  }

  /** True when nothing on the path changed since {@linkcode begin}. */
  unchanged(): boolean {
    const before = this.#stamps;
    const after = this.#look();
    if (before === undefined || typeof after === "string") return false;
    return after.every((stamp, i) =>
      stamp.ctime === before[i]!.ctime && stamp.mtime === before[i]!.mtime
    );
  }

  /** lstat every pinned directory by its absolute path: still a directory, still the same one. */
  #look(): Stamp[] | string {
    const stamps: Stamp[] = [];
    for (const [i, dir] of this.#chain.entries()) {
      let info: Deno.FileInfo;
      try {
        info = Deno.lstatSync(dir.path);
      } catch {
        return `'${dir.path}' changed while being checked`;
      }
      if (!info.isDirectory || !sameIdentity(info, dir.identity)) {
        return `'${dir.path}' changed while being checked`;
      }
      if (i >= this.#walked.length) continue;
      if (info.ctime === null || info.mtime === null) {
        return `the file system does not report when '${dir.path}' changed, which a safe ` +
          "read below it needs";
      }
      stamps.push({ ctime: info.ctime.getTime(), mtime: info.mtime.getTime() });
    }
    return stamps;
  }
}
