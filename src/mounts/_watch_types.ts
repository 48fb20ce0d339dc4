// Copyright the terok-vault authors. MIT license.
/** The types of `watchMounts`: its options and the events it tells (no code, so no cycle). */
import type { Evidence } from "../detect/types.ts";
import type { DeepOptions, DeepStats, Leak, Observation } from "./types.ts";

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
  /** Remove leaks as `cleanMounts` does. */
  clean?: boolean;
  /** With `clean`: strip JSON and dotenv leaks instead of removing them (`clean --strip`). */
  strip?: boolean;
  /** With `clean`: leaks to leave in place (accepted), as `cleanMounts` spares them. */
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
  /** Open by name where a private link is refused (as `scanMounts`' `unsafeOpenByName`). */
  unsafeOpenByName?: boolean;
  /** Stops the watch: the inspection under way finishes, then the promise resolves. */
  signal?: AbortSignal;
}
