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
 * A change that lands in the same whole second as an earlier look may leave the stamps we can
 * see unchanged (Deno reports ctime in whole seconds; size, inode and a forged mtime can stay
 * the same). So a path that someone else changed is looked at again once its ctime second is
 * over, with margin for the kernel's coarse clock.
 */
const SETTLE_MS = 1500;

/**
 * How long a credential path's last verdict stands, whatever its stamps say. Every stamp but
 * ctime is the container's to set, and ctime has whole seconds only: a container that sees our
 * read (the link count of 2 while the private link exists) can rewrite the file in place in
 * that same second, keep its size and put its mtime back, and no stamp moves. Credential files
 * are small, so each one's content is simply judged again this often (a leak written so is
 * removed within this period plus one poll and the inspection).
 */
export const REJUDGE_MS = 1500;

/** What `lstat` showed; the stamp compares everything a change can move. */
interface Look {
  stamp: string;
  /** ctime in ms (whole seconds), or null when unknown or absent. */
  ctime: number | null;
}

interface Seen {
  /** What `lstat` showed right after the last inspection (our own reads move ctime). */
  stamp: string;
  /** When to inspect again although the stamp is unchanged (0: no need). */
  recheckAt: number;
  /** When the last inspection started. */
  judgedAt: number;
}

/** Polls the credential paths of the targets with `lstat` and says which to inspect. */
export class CredentialPoller {
  readonly #mountsDir: string;
  readonly #rejudgeMs: number;
  readonly #seen = new Map<CredentialTarget, Seen>();

  /**
   * @param mountsDir The real mounts dir (absolute, no trailing slash).
   * @param rejudgeMs How long a verdict stands before the content is judged again
   * ({@linkcode REJUDGE_MS}).
   */
  constructor(mountsDir: string, rejudgeMs: number = REJUDGE_MS) {
    this.#mountsDir = mountsDir.replace(/\/+$/, "");
    this.#rejudgeMs = rejudgeMs;
  }

  /**
   * The targets whose credential path looks different from right after their last
   * inspection, that are due for their settling look, or whose verdict is older than the
   * re-judge period. Costs one `lstat` per target.
   */
  due(targets: readonly CredentialTarget[], now: number = Date.now()): CredentialTarget[] {
    return targets.filter((target) => {
      const seen = this.#seen.get(target);
      if (seen === undefined) return true;
      if (seen.recheckAt !== 0 && now >= seen.recheckAt) return true;
      if (now - seen.judgedAt >= this.#rejudgeMs) return true;
      return this.#look(target).stamp !== seen.stamp;
    });
  }

  /** What the targets look like just before an inspection. */
  before(targets: readonly CredentialTarget[]): Map<CredentialTarget, Look> {
    return new Map(targets.map((target) => [target, this.#look(target)]));
  }

  /**
   * Records the targets as inspected. The baseline is the look right after the inspection,
   * since reading a file through a private hard link moves its ctime; a change someone else
   * made before it (the look before differs from the last baseline) and too recently to be
   * sure of asks for one more look once its ctime second is over.
   */
  after(
    targets: readonly CredentialTarget[],
    before: ReadonlyMap<CredentialTarget, Look>,
    startedAt: number,
  ): void {
    for (const target of targets) {
      const now = this.#look(target);
      const then = before.get(target) ?? now;
      const previous = this.#seen.get(target);
      const foreign = previous === undefined || then.stamp !== previous.stamp;
      const settleAt = then.ctime === null ? 0 : then.ctime + SETTLE_MS;
      const recheckAt = foreign && settleAt > startedAt ? settleAt : 0;
      this.#seen.set(target, { stamp: now.stamp, recheckAt, judgedAt: startedAt });
    }
  }

  /**
   * `lstat` by absolute path. A symlinked directory on the way is followed for the metadata
   * only (lstat opens nothing); the stamp is a hint, and the pinned walk gives the verdict.
   */
  #look(target: CredentialTarget): Look {
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
