// Copyright the terok-vault authors. MIT license.
import {
  discardEntry,
  isEntryId,
  prepareQuarantine,
  QUARANTINE_DIR_NAME,
} from "./_quarantine_store.ts";
import { realMountsDir } from "./list_quarantine.ts";

/** Which entries {@linkcode purgeQuarantine} removes: one by id, or all older than some days. */
export type PurgeSelection = { id: string } | { olderThanDays: number };

/**
 * Remove quarantine entries for good (the kept files and their manifests). A file whose
 * content lives on under other hard links is not destroyed by this; the secret should be
 * rotated anyway.
 *
 * Requires `--allow-read` and `--allow-write` on the mounts dir, and `--allow-sys=uid`.
 *
 * @param mountsDir The mounts dir `clean` ran on.
 * @param selection `{ id }`, or `{ olderThanDays }` (by the time in each entry's id).
 * @param now The time "older than" is measured from.
 * @returns The ids removed, oldest first.
 * @throws {RangeError} When the id is unknown, the quarantine unusable, or an entry cannot be
 * removed.
 *
 * @example Purge what is older than 30 days
 * ```ts ignore
 * import { purgeQuarantine } from "./purge_quarantine.ts";
 * purgeQuarantine("/var/lib/terok/sandbox-live/mounts", { olderThanDays: 30 });
 * ```
 */
export function purgeQuarantine(
  mountsDir: string,
  selection: PurgeSelection,
  now: Date = new Date(),
): string[] {
  const quarantine = prepareQuarantine(realMountsDir(mountsDir));
  if (!quarantine.ok) throw new RangeError(quarantine.reason);
  const ids = [...Deno.readDirSync(quarantine.path)].map((entry) => entry.name)
    .filter(isEntryId).sort();
  let chosen: string[];
  if ("id" in selection) {
    if (!ids.includes(selection.id)) {
      throw new RangeError(`no quarantine entry "${selection.id}" (quarantine list shows them)`);
    }
    chosen = [selection.id];
  } else {
    const limit = now.getTime() - selection.olderThanDays * 86_400_000;
    chosen = ids.filter((id) => entryTime(id) < limit);
  }
  for (const id of chosen) {
    const left = discardEntry(`${quarantine.path}/${id}`);
    if (left !== undefined) {
      throw new RangeError(`cannot purge ${QUARANTINE_DIR_NAME} entry ${id}: ${left}`);
    }
  }
  return chosen;
}

/** The time stamp an id starts with (`20261202T191500Z`), in milliseconds. */
function entryTime(id: string): number {
  const s = id.slice(0, 16);
  return Date.UTC(
    Number(s.slice(0, 4)),
    Number(s.slice(4, 6)) - 1,
    Number(s.slice(6, 8)),
    Number(s.slice(9, 11)),
    Number(s.slice(11, 13)),
    Number(s.slice(13, 15)),
  );
}
