// Copyright the terok-vault authors. MIT license.
import type { Evidence } from "../detect/types.ts";
import { WatchSession } from "./_watch_session.ts";
import type { CredentialTarget, Observation } from "./types.ts";

/** Why a full rescan ran. */
export type RescanReason = "start" | "interval" | "changes";

/**
 * One thing a watch has to tell, as it happens.
 *
 * - `leak`: a leak not told before, or one whose evidence changed; with `clean`, one that
 *   could not be removed (`notRemoved` says why).
 * - `removed`: with `clean`, a leak just removed.
 * - `skipped`: a provider that could not be checked, or whose reason changed.
 * - `observation`: a symlink or non-regular file at a credential path (never followed).
 * - `rescan`: a full rescan finished.
 * - `watch_degraded`: the file-system watcher failed or lost events; told once, after which
 *   the periodic full rescan is the safety net.
 */
export type WatchEvent =
  | {
    event: "leak" | "removed";
    provider: string;
    /** Absolute path of the credential file. */
    path: string;
    /** What the file holds, by rule and fingerprint (never the secret), when known. */
    evidence?: Evidence[];
    /** Why a leak was not removed (with `clean`). */
    notRemoved?: string;
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
  }
  | { event: "watch_degraded"; reason: string; intervalMs: number };

/** A file-system watcher: what `Deno.watchFs` returns, or a stand-in. */
export interface MountsWatcher extends AsyncIterable<Deno.FsEvent> {
  /** Stops the watcher; its iteration ends. */
  close(): void;
}

/** Options for {@linkcode watchMounts}. */
export interface WatchOptions {
  /** Called with each event, in order, synchronously. */
  onEvent: (event: WatchEvent) => void;
  /** Remove leaks as {@linkcode cleanMounts} does. */
  clean?: boolean;
  /** Full rescan period in milliseconds (default 300,000). */
  intervalMs?: number;
  /** How long events are gathered before their host dirs are re-inspected (default 100). */
  debounceMs?: number;
  /** Stops the watch: the inspection under way finishes, then the promise resolves. */
  signal?: AbortSignal;
  /** Opens the watcher on the real mounts dir (default: recursive `Deno.watchFs`). */
  openWatcher?: (path: string) => MountsWatcher;
}

/**
 * Guard the shared mounts continuously: one full scan (or clean), then a re-inspection of every
 * host dir that file-system events name, plus a full rescan every `intervalMs`.
 *
 * Events are only hints about where to look: every verdict comes from the same pinned, race-safe
 * walk as {@linkcode scanMounts} (or {@linkcode cleanMounts} with `clean`). Events are gathered
 * for `debounceMs` into a bounded set of host dirs (past 256 host dirs it becomes one full
 * rescan), so a flood of created files costs a set lookup per event. Events
 * inside host dirs that hold no credential path are ignored. Access events (our own reads
 * cause them) are ignored too. Each leak is told once, and again only when its evidence
 * changes; phantoms and benign files are never touched. When the watcher fails or reports
 * lost events, a `watch_degraded` event says so once, everything is rescanned, and the periodic
 * rescan remains.
 *
 * Requires `--allow-read` on the mounts dir, and `--allow-write` on it with `clean` (as
 * {@linkcode cleanMounts}).
 *
 * @param mountsDir The mounts dir (resolved with `Deno.realPath` for the watcher).
 * @param targets The credential paths to guard.
 * @param options Where events go, `clean`, the periods, and the abort signal.
 * @returns A promise that resolves once `signal` aborts and the work under way is finished.
 * @throws Nothing expected: failures of the watcher become a `watch_degraded` event.
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
