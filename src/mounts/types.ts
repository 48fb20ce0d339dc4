// Copyright the terok-vault authors. MIT license.
/**
 * Record types shared by {@linkcode scanMounts} and {@linkcode cleanMounts}.
 *
 * @module
 */

import type { Evidence } from "../detect/types.ts";
import type { Clock } from "./_path_guard.ts";

export type { CredentialTarget } from "../roster/types.ts";
export type { Evidence } from "../detect/types.ts";
export type { Clock } from "./_path_guard.ts";

/** A real credential file found in a shared mount. */
export interface Leak {
  /** Roster entry name. */
  provider: string;
  /** Absolute path, built from the real mounts dir, the host dir and the credential file. */
  path: string;
  /** Why it is a leak; never empty, never the secret itself. */
  evidence: Evidence[];
  /** A config (Claude Code's `.claude.json`): `clean` strips it, never removes it. */
  config?: true;
}

/** A leak whose name {@linkcode cleanMounts} removed. */
export interface RemovedLeak extends Leak {
  /**
   * Other hard links to the same content, which live on after this name was removed (0 when
   * the content is gone); when above 0 the credential must be rotated.
   */
  otherLinks: number;
  /** Where `clean` kept the file (`quarantine restore ID` puts it back); absent with `delete`. */
  quarantined?: { id: string; path: string };
  /**
   * With a strip: the key paths (or dotenv keys) whose values were removed; the name in the
   * mount now holds the rest of the file, the original is in the quarantine.
   */
  stripped?: string[];
}

/** A secret found by the deep scan in a file that is not a configured credential path. */
export interface Finding {
  /** The roster entry whose host dir holds the file, or null (a dir no entry names). */
  provider: string | null;
  /** Absolute path under the real mounts dir. */
  path: string;
  /** What was found; never empty, never the secret itself. */
  evidence: Evidence[];
}

/** One bound of the deep scan that was reached (docs/deep-scan.md, "Bounds"). */
export interface LimitHit {
  /** Which bound. */
  limit:
    | "depth"
    | "entries_per_dir"
    | "entries_total"
    | "bytes_per_file"
    | "bytes_total"
    | "evidence_total"
    | "dir_size"
    | "unread_total";
  /** Its value (levels, entries or bytes). */
  bound: number;
  /** How often it was reached. */
  count: number;
  /** The first place it was reached. */
  path: string;
}

/** A file or directory the deep scan could not read, and why (the scan is incomplete). */
export interface Unread {
  /** Absolute path of the file or directory. */
  path: string;
  /** Short human explanation; never file content. */
  reason: string;
}

/** What the deep scan covered. */
export interface DeepStats {
  /** Regular files read (binary ones included). */
  files: number;
  /** Bytes read. */
  bytes: number;
  /** Files skipped as binary (a NUL byte in the first block). */
  binarySkipped: number;
  /** Symlinks seen and not followed. */
  symlinks: number;
  /** FIFOs, sockets and devices seen and never opened. */
  special: number;
  /** Bounds reached; any makes the scan incomplete. */
  limitsHit: LimitHit[];
  /** What could not be read; any makes the scan incomplete. */
  unread: Unread[];
}

/** How {@linkcode scanMounts} walks the whole mounts dir (`scan --deep`). */
export interface DeepOptions {
  /** Only these host dirs (top-level names); all by default. For re-inspecting one dir. */
  hostDirs?: readonly string[];
  /** Host dir -> roster entry, to attribute findings; the targets' host dirs by default. */
  providers?: Readonly<Record<string, string>>;
  /** Called now and then with the counts so far, for a progress line. */
  onProgress?: (stats: Readonly<DeepStats>) => void;
  /** Lower (or raise) some of the walk's bounds; the rest keep {@linkcode DEEP_LIMITS}. */
  limits?: Partial<DeepLimits>;
  /**
   * Reader threads that open, read and unlink the private links while the walking thread
   * lists, links and judges; 0 reads on the walking thread alone. The report is the same
   * either way (docs/deep-scan.md, "Speed").
   */
  readers?: number;
}

/** The deep walk's bounds against a hostile or huge tree; reaching one is a {@linkcode LimitHit}. */
export interface DeepLimits {
  /** Directory levels below the mounts dir (a host dir is level 1). */
  depth: number;
  /** Entries read from one directory; the rest of it is not walked. */
  entriesPerDir: number;
  /** Entries looked at in the whole walk; the walk stops there. */
  entriesTotal: number;
  /** Bytes read from one file; the rest of it is not read. */
  bytesPerFile: number;
  /** Bytes read in the whole walk; the walk stops there. */
  bytesTotal: number;
  /** Evidence items kept in all findings together; the walk stops there (bounds memory and output). */
  evidenceTotal: number;
  /**
   * A directory whose size (`st_size`, which grows with its entries) is above this is not
   * listed at all: listing reads a whole directory into memory before any bound applies.
   */
  dirSize: number;
  /**
   * Unread files and directories listed in all; later ones are counted as reaching this bound,
   * not listed (the walk goes on: a flood of unreadable files must not grow the report).
   */
  unreadTotal: number;
}

/** The bounds `scan --deep` uses (and the library, unless {@linkcode DeepOptions.limits} says otherwise). */
export const DEEP_LIMITS: Readonly<DeepLimits> = Object.freeze({
  depth: 32,
  entriesPerDir: 20_000,
  entriesTotal: 500_000,
  bytesPerFile: 16 * 1024 * 1024,
  bytesTotal: 2 * 1024 * 1024 * 1024,
  evidenceTotal: 10_000,
  dirSize: 3 * 1024 * 1024,
  unreadTotal: 1_000,
});

/** Options shared by {@linkcode scanMounts} and {@linkcode cleanMounts}. */
export interface InspectOptions {
  /**
   * Roster entries whose credential file terok exposes to the containers on purpose (its
   * config.yml's `experimental` with `agent.<name>.expose_oauth_token`): a secret in that file
   * (not in a config beside it) is reported in `exposed` instead of `leaks`, and never removed.
   */
  exposed?: readonly string[];
  /**
   * The clock the quiet-path guard of nested credential paths judges and waits by; the
   * system clock by default. Tests pass one that advances instead of sleeping.
   */
  clock?: Clock;
  /**
   * Where a file cannot be hard-linked into the private directory, open it by its name in the
   * mount (`--unsafe-open-by-name`). Not open-safe: a swap at that instant can make the open
   * reach a host FIFO or, as root, a device; each such read is reported `open_unsafe`. Off by
   * default: such a file is left unread and the provider skipped (the scan is incomplete).
   */
  unsafeOpenByName?: boolean;
}

/**
 * Something worth telling the operator that is not a leak.
 *
 * - `symlink`: the credential file is a symbolic link, not followed. Scans follow one whose
 *   target stays in its host dir (the leak is then reported at the target) and call any other
 *   an `escape`, so this kind is kept for compatibility only.
 * - `not_regular`: it is a directory, FIFO, socket or device (never opened).
 * - `escape`: a directory on the path is a symlink or changed while being checked, so the
 *   real location may be outside the mounts dir; the provider also appears in `skipped`.
 * - `open_unsafe`: with `unsafeOpenByName` only, the file could not be hard-linked into the
 *   private directory and was opened by its name in the mount, verified by identity: its
 *   content is safe, but a swap at that instant could have made the open itself reach a host
 *   FIFO or device. A deep-scanned file is reported under the host dir's entry (or the host
 *   dir's name when no entry names it).
 */
export interface Observation {
  /** Roster entry name. */
  provider: string;
  /** What was seen. */
  kind: "symlink" | "escape" | "not_regular" | "open_unsafe";
  /** Absolute path of the entry concerned. */
  path: string;
  /** Short human explanation; never file content. */
  detail: string;
}

/** A provider whose credential path could not be checked. */
export interface Skipped {
  /** Roster entry name. */
  provider: string;
  /** Short human explanation; never file content. */
  reason: string;
}

/** Result of {@linkcode scanMounts}. */
export interface ScanReport {
  /** Absolute real path of the mounts dir (the input as given, when it does not exist). */
  mountsDir: string;
  /** False when the mounts dir does not exist: nothing is shared, nothing was inspected. */
  mountsDirExists: boolean;
  /** Number of credential paths inspected (one per target while the mounts dir exists). */
  inspected: number;
  /** Leaked credential files, in target order. */
  leaks: Leak[];
  /**
   * With {@linkcode InspectOptions.exposed}: credential files that hold a secret which terok's
   * config exposes to the containers on purpose (not leaks; never removed), in target order.
   */
  exposed?: Leak[];
  /** Symlinks, non-regular files and escapes, in target order. */
  observations: Observation[];
  /** Providers that could not be checked (errors and escapes), in target order. */
  skipped: Skipped[];
  /** With `deep`: secrets outside the credential paths, in walk order. */
  findings?: Finding[];
  /** With `deep`: what the walk covered, and whether it was complete. */
  deep?: DeepStats;
}

/** Options of {@linkcode scanMounts}. */
export interface ScanOptions extends InspectOptions {
  /** Also walk the whole mounts dir for secrets in any file (`scan --deep`). */
  deep?: boolean | DeepOptions;
}

/** A leak that {@linkcode cleanMounts} could not remove. */
export interface CleanFailure {
  /** Roster entry name. */
  provider: string;
  /** Absolute path of the leak. */
  path: string;
  /** Short human explanation; never file content. */
  reason: string;
}

/** Result of {@linkcode cleanMounts}. */
export interface CleanReport extends ScanReport {
  /** Leaks whose names were removed (empty with `dryRun`). */
  removed: RemovedLeak[];
  /** With `dryRun`: the leaks that would be removed (empty otherwise). */
  wouldRemove: Leak[];
  /** Leaks that could not be removed. */
  failed: CleanFailure[];
  /** True when nothing was changed on purpose. */
  dryRun: boolean;
  /** Leaks left in place because the `spare` option accepted them (with `dryRun` too). */
  spared: Leak[];
}
