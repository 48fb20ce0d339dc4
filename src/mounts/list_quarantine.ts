// Copyright the terok-vault authors. MIT license.
import { describeError } from "../_describe_error.ts";
import { existingQuarantine, listEntries, type Manifest } from "./_quarantine_store.ts";

export type { Manifest, ManifestEvidence } from "./_quarantine_store.ts";

/** One entry of the quarantine: its manifest, or why it cannot be read. */
export type QuarantineEntry =
  | { id: string; manifest: Manifest; path: string }
  | { id: string; problem: string };

/** What {@linkcode listQuarantine} found. */
export interface QuarantineListing {
  /** The quarantine's path, or null when nothing was ever kept there. */
  quarantine: string | null;
  /** Entries, oldest first. */
  entries: QuarantineEntry[];
}

/**
 * List what `clean` kept in the quarantine of a mounts dir
 * (`<mounts>/<state dir>/quarantine/<id>/`), oldest first. Creates nothing.
 *
 * Requires `--allow-read` on the mounts dir and `--allow-sys=uid`.
 *
 * @param mountsDir The mounts dir `clean` ran on.
 * @returns The quarantine's path and its entries.
 * @throws {RangeError} When the mounts dir or the quarantine cannot be read, or the
 * quarantine is not a private directory of this user.
 *
 * @example List the kept files
 * ```ts ignore
 * import { listQuarantine } from "./list_quarantine.ts";
 * const listing = listQuarantine("/var/lib/terok/sandbox-live/mounts");
 * for (const entry of listing.entries) console.log(entry.id);
 * ```
 */
export function listQuarantine(mountsDir: string): QuarantineListing {
  const quarantine = existingQuarantine(realMountsDir(mountsDir));
  if (quarantine === undefined) return { quarantine: null, entries: [] };
  if (!quarantine.ok) throw new RangeError(quarantine.reason);
  let entries: QuarantineEntry[];
  try {
    entries = listEntries(quarantine.path).map((entry) =>
      "problem" in entry
        ? { id: entry.id, problem: entry.problem }
        : { id: entry.id, manifest: entry.manifest, path: entry.filePath }
    );
  } catch (error) {
    throw new RangeError(`the quarantine cannot be read: ${describeError(error)}`);
  }
  return { quarantine: quarantine.path, entries };
}

/** The mounts dir's real path (the quarantine is found from it, as `clean` made it). */
export function realMountsDir(mountsDir: string): string {
  try {
    return Deno.realPathSync(mountsDir);
  } catch (error) {
    throw new RangeError(`the mounts dir '${mountsDir}' cannot be used: ${describeError(error)}`);
  }
}
