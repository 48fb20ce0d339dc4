// Copyright the terok-vault authors. MIT license.
import type { Evidence } from "../detect/types.ts";
import { WatchSession } from "./_watch_session.ts";
import type { CredentialTarget, DeepOptions, DeepStats, Leak, Observation } from "./types.ts";

/** Why a full rescan ran: start-up, the period, or the mounts dir appearing. */
export type RescanReason = "start" | "interval" | "appeared";

/**
 * One thing a watch has to tell, as it happens.
 *
 * - `leak`: a leak not told before, or one whose evidence changed; with `clean`, one that
 *   could not be removed (`notRemoved` says why).
 * - `removed`: with `clean`, a leak just removed.
 * - `exposed`: with `exposed`, a secret in a credential file terok exposes on purpose, not
 *   told before or changed (never removed, also with `clean`).
 * - `finding`: with `deep`, a secret in another file of the mounts, new or changed (never
 *   removed).
 * - `skipped`: a provider that could not be checked, or whose reason changed.
 * - `observation`: a symlink or non-regular file at a credential path (never followed).
 * - `rescan`: a full rescan finished.
 */
export type WatchEvent =
  | {
    event: "leak" | "removed";
    provider: string;
    /** Absolute path of the credential file. */
    path: string;
    /** Why it is a leak, by rule and fingerprint (never the secret). */
    evidence: Evidence[];
    /** Why a leak was not removed (with `clean`). */
    notRemoved?: string;
    /** Hard links to the removed content that live on elsewhere (rotate the credential). */
    otherLinks?: number;
    /** The quarantine entry that keeps the removed file (`quarantine restore ID`). */
    quarantine?: string;
  }
  | {
    event: "exposed";
    provider: string;
    /** Absolute path of the credential file. */
    path: string;
    /** What it holds, by rule and fingerprint (never the secret). */
    evidence: Evidence[];
  }
  | {
    event: "finding";
    /** The roster entry whose host dir holds the file, or null. */
    provider: string | null;
    /** Absolute path of a file that is not a credential path. */
    path: string;
    /** What it holds, by rule and fingerprint (never the secret). */
    evidence: Evidence[];
  }
  | { event: "skipped"; provider: string; reason: string }
  | ({ event: "observation" } & Observation)
  | {
    event: "rescan";
    reason: RescanReason;
    /** The real mounts dir, or the one given when it does not exist. */
    mountsDir: string;
    /** False when the mounts dir does not exist (nothing is shared). */
    mountsDirExists: boolean;
    /** Credential paths inspected. */
    inspected: number;
    /** Leaks present after the rescan (removed ones excluded). */
    leaks: number;
    /** With `deep`: what the deep scan covered, and the bounds it reached. */
    deep?: DeepStats;
  };

/** Options for {@linkcode watchMounts}. */
export interface WatchOptions {
  /** Called with each event, in order, synchronously. */
  onEvent: (event: WatchEvent) => void;
  /** Remove leaks as {@linkcode cleanMounts} does. */
  clean?: boolean;
  /** With `clean`: strip JSON and dotenv leaks instead of removing them (`clean --strip`). */
  strip?: boolean;
  /** With `clean`: leaks to leave in place (accepted), as {@linkcode cleanMounts} spares them. */
  spare?: (leak: Leak) => boolean;
  /**
   * Roster entries whose credential file terok exposes on purpose (as `exposed` of
   * `scanMounts`): told as `exposed`, never removed.
   */
  exposed?: readonly string[];
  /**
   * Also walk the whole mounts dir at each full rescan (as `scanMounts` with `deep`) and
   * report secrets in any file as findings.
   */
  deep?: DeepOptions;
  /** Full rescan period in milliseconds (default 300,000). */
  intervalMs?: number;
  /** How often the credential paths are polled with `lstat`, in milliseconds (default 200). */
  pollMs?: number;
  /** Stops the watch: the inspection under way finishes, then the promise resolves. */
  signal?: AbortSignal;
}

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
 * Requires `--allow-read` on the mounts dir, and `--allow-write` on it with `clean` (as
 * {@linkcode cleanMounts}).
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
