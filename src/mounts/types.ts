// Copyright the terok-vault authors. MIT license.
/**
 * Record types shared by {@linkcode scanMounts} and {@linkcode cleanMounts}.
 *
 * @module
 */

export type { CredentialTarget } from "../roster/types.ts";

/** A real credential file found in a shared mount. */
export interface Leak {
  /** Roster entry name. */
  provider: string;
  /** Absolute path, built from the real mounts dir, the host dir and the credential file. */
  path: string;
}

/**
 * Something worth telling the operator that is not a leak.
 *
 * - `symlink`: the credential file is a symbolic link (never followed).
 * - `not_regular`: it is a directory, FIFO, socket or device (never opened).
 * - `escape`: a directory on the path is a symlink or changed while being checked, so the
 *   real location may be outside the mounts dir; the provider also appears in `skipped`.
 */
export interface Observation {
  /** Roster entry name. */
  provider: string;
  /** What was seen. */
  kind: "symlink" | "escape" | "not_regular";
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
  /** Symlinks, non-regular files and escapes, in target order. */
  observations: Observation[];
  /** Providers that could not be checked (errors and escapes), in target order. */
  skipped: Skipped[];
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
  /** Leaks removed (with `dryRun`: the leaks that would be removed). */
  removed: Leak[];
  /** Leaks that could not be removed. */
  failed: CleanFailure[];
  /** True when nothing was changed on purpose. */
  dryRun: boolean;
}
