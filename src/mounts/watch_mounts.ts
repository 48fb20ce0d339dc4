// Copyright the terok-vault authors. MIT license.
import { WatchSession } from "./_watch_session.ts";
import type { WatchOptions } from "./_watch_types.ts";
import type { CredentialTarget } from "./types.ts";

export type { RescanReason, WatchEvent, WatchOptions } from "./_watch_types.ts";

/**
 * Guard the shared mounts continuously: one full scan (or clean), then a re-inspection of each
 * credential path whose `lstat` changes, plus a full rescan every `intervalMs`.
 *
 * Every `pollMs` each credential path is looked at with one `lstat` (which opens nothing);
 * a path whose device, inode, type, size, link count, mtime or ctime changed since just before
 * its last inspection, or whose last change was too recent for that look to be conclusive
 * (ctime has whole seconds only), is inspected again; and every credential path's content is
 * judged again every 1.5 s whatever its stamps say (all but ctime are the container's to set).
 * Each provider is inspected in a lane of its own: an open that a file lease holds up, or the
 * quiet-path wait, holds up only that lane. The look is only a hint: every verdict
 * comes from the same pinned, race-safe walk as {@linkcode scanMounts} (or
 * {@linkcode cleanMounts} with `clean`). The cost per poll is one `lstat` per target, whatever
 * a container does elsewhere in its mount (a flood of files costs nothing). `Deno.watchFs` is
 * deliberately not used: its watcher thread opens every event path with a blocking,
 * symlink-following open, so a container could make the host open a FIFO or device.
 *
 * With `deep`, each full rescan also walks the whole mounts dir; findings outside the
 * credential paths are therefore found at the rescan period, not within a poll.
 *
 * Each leak is told once, and again only when its evidence changes or it comes back after it
 * was gone; phantoms and benign files are never touched. A mounts dir that does not exist yet
 * is looked for at each poll, and fully scanned once it appears.
 *
 * Requires `--allow-read` and `--allow-write` on the mounts dir (the private links; more with
 * `clean`, as {@linkcode cleanMounts}), and `--allow-sys=uid`.
 *
 * @param mountsDir The mounts dir.
 * @param targets The credential paths to guard.
 * @param options Where events go, `clean`, the periods, and the abort signal.
 * @returns A promise that resolves once `signal` aborts and the work under way is finished.
 * @throws Nothing expected: file-system errors are reported per provider as `skipped`.
 *
 * @example Watch and clean until Ctrl-C
 * ```ts ignore
 * import { watchMounts } from "./watch_mounts.ts";
 *
 * const stop = new AbortController();
 * Deno.addSignalListener("SIGINT", () => stop.abort());
 * await watchMounts("/var/lib/terok/sandbox-live/mounts", [
 *   { provider: "claude", hostDir: "_claude-config", credentialFile: ".credentials.json" },
 * ], { clean: true, signal: stop.signal, onEvent: (event) => console.log(event) });
 * ```
 */
export async function watchMounts(
  mountsDir: string,
  targets: readonly CredentialTarget[],
  options: WatchOptions,
): Promise<void> {
  await new WatchSession(mountsDir, targets, options).run();
}
