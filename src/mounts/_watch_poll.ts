// Copyright the terok-vault authors. MIT license.
/**
 * Which credential paths may have changed since they were last inspected, found by `lstat`
 * alone: no file under the mounts dir is ever opened here.
 *
 * Why not `Deno.watchFs`: Deno's watcher thread opens every event path (to match it against
 * the watched path) with a plain blocking, symlink-following open. A container that creates a
 * FIFO, or a symlink to a host FIFO or device, in its mount gets it opened by the host: a host
 * process blocked writing to a FIFO is released, a device is opened, and a FIFO wedges the
 * watcher thread for good (closing the watcher then deadlocks). See docs/watch.md.
 */
import type { CredentialTarget } from "./types.ts";

/**
 * A change that lands in the same whole second as the last one may leave the stamps we can
 * see unchanged (Deno reports ctime in whole seconds; size, inode and a forged mtime can stay
 * the same). A path whose ctime second had not ended, with margin for the kernel's coarse
 * clock, by the time it was inspected is inspected again until it has.
 */
const SETTLE_MS = 1500;

interface Seen {
  /** What `lstat` showed before the last inspection. */
  stamp: string;
  /** ctime in ms (whole seconds), or null when unknown or absent. */
  ctime: number | null;
  /** When the last inspection started. */
  inspectedAt: number;
}

/** Polls the credential paths of the targets with `lstat` and says which to inspect. */
export class CredentialPoller {
  readonly #mountsDir: string;
  readonly #seen = new Map<CredentialTarget, Seen>();

  /**
   * @param mountsDir The real mounts dir (absolute, no trailing slash).
   */
  constructor(mountsDir: string) {
    this.#mountsDir = mountsDir.replace(/\/+$/, "");
  }

  /**
   * The targets whose credential path looks different from before their last inspection, or
   * changed too recently for that look to be conclusive. Costs one `lstat` per target.
   */
  due(targets: readonly CredentialTarget[], now: number = Date.now()): CredentialTarget[] {
    return targets.filter((target) => {
      const seen = this.#seen.get(target);
      if (seen === undefined) return true;
      if (seen.ctime !== null && seen.ctime + SETTLE_MS > seen.inspectedAt) return true;
      return this.#look(target).stamp !== seen.stamp || now < seen.inspectedAt;
    });
  }

  /**
   * Records what the targets look like now, just before they are inspected, so that a change
   * during the inspection shows at the next poll.
   */
  inspecting(targets: readonly CredentialTarget[], now: number = Date.now()): void {
    for (const target of targets) {
      this.#seen.set(target, { ...this.#look(target), inspectedAt: now });
    }
  }

  /**
   * `lstat` by absolute path. A symlinked directory on the way is followed for the metadata
   * only (lstat opens nothing); the stamp is a hint, and the pinned walk gives the verdict.
   */
  #look(target: CredentialTarget): { stamp: string; ctime: number | null } {
    const path = `${this.#mountsDir}/${target.hostDir}/${target.credentialFile}`;
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(path);
    } catch (error) {
      return { stamp: `error:${error instanceof Error ? error.name : "unknown"}`, ctime: null };
    }
    const stamp = [
      info.dev,
      info.ino,
      info.mode,
      info.nlink,
      info.size,
      info.mtime?.getTime(),
      info.ctime?.getTime(),
      info.isFile,
      info.isSymlink,
    ].join(":");
    return { stamp, ctime: info.ctime?.getTime() ?? null };
  }
}
