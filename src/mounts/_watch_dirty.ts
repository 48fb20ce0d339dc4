// Copyright the terok-vault authors. MIT license.
/**
 * The host dirs that file-system events named since the last inspection: a bounded set, so a
 * flood of events costs a set lookup each and never grows memory.
 */

/** More dirty host dirs than this and the next inspection is a full rescan instead. */
export const MAX_DIRTY_HOST_DIRS = 256;

/** What the next inspection should cover. */
export interface DirtyWork {
  /** Rescan everything: too many host dirs, an event we could not place, or lost events. */
  all: boolean;
  /** Host dirs (one path segment under the mounts dir) whose targets to re-inspect. */
  hostDirs: Set<string>;
}

/**
 * Collects event paths as host dirs. Paths are hints from the kernel, never trusted: they only
 * pick what to re-inspect, and the pinned walk gives the verdict.
 */
export class DirtyHostDirs {
  readonly #prefixes: readonly string[];
  readonly #relevant: (hostDir: string) => boolean;
  #all = false;
  #hostDirs = new Set<string>();

  /**
   * @param mountsDirs The mounts dir as watched and as resolved (event paths start with one).
   * @param relevant Whether a host dir matters (holds a target, or any with a deep scan).
   */
  constructor(mountsDirs: readonly string[], relevant: (hostDir: string) => boolean) {
    this.#prefixes = [...new Set(mountsDirs.map((dir) => dir.replace(/\/+$/, "")))];
    this.#relevant = relevant;
  }

  /** True when some work is pending. */
  get pending(): boolean {
    return this.#all || this.#hostDirs.size > 0;
  }

  /** Records one event path; returns whether it made work pending. */
  mark(path: string): boolean {
    if (this.#all) return true;
    const hostDir = this.#hostDirOf(path);
    if (hostDir === null) return false;
    if (hostDir === undefined) return this.markAll();
    if (!this.#relevant(hostDir)) return false;
    this.#hostDirs.add(hostDir);
    if (this.#hostDirs.size > MAX_DIRTY_HOST_DIRS) return this.markAll();
    return true;
  }

  /** Asks for a full rescan (and forgets the single host dirs it covers). */
  markAll(): true {
    this.#all = true;
    this.#hostDirs.clear();
    return true;
  }

  /** Hands over the pending work and starts afresh. */
  take(): DirtyWork {
    const work = { all: this.#all, hostDirs: this.#hostDirs };
    this.#all = false;
    this.#hostDirs = new Set();
    return work;
  }

  /**
   * The first segment under the mounts dir; `null` for the mounts dir itself (its own
   * metadata says nothing about a credential file), `undefined` for a path we cannot place.
   */
  #hostDirOf(path: string): string | null | undefined {
    for (const prefix of this.#prefixes) {
      if (path === prefix) return null;
      if (!path.startsWith(`${prefix}/`)) continue;
      const rest = path.slice(prefix.length + 1);
      const cut = rest.indexOf("/");
      const hostDir = cut === -1 ? rest : rest.slice(0, cut);
      return hostDir === "" ? undefined : hostDir;
    }
    return undefined;
  }
}
