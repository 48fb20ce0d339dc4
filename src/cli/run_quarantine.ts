/**
 * The `quarantine` command: list, restore or purge what `clean` kept.
 *
 * @module
 */

import {
  listQuarantine,
  type Manifest,
  purgeQuarantine,
  type QuarantineEntry,
  restoreQuarantined,
} from "../mounts/mod.ts";
import { printMessage } from "./_messages.ts";
import { type CliIo, writeLine } from "./cli_io.ts";
import type { FileInvocation, Locations } from "./locations.ts";

type QuarantineInvocation = Extract<FileInvocation, { command: "quarantine" }>;

/**
 * Runs `quarantine list|restore|purge` on the quarantine of the mounts dir.
 *
 * Requires `--allow-read` on the mounts dir, and for `restore` and `purge` `--allow-write`
 * on it (and on the `--to` directory).
 *
 * @param invocation The parsed command line.
 * @param locations Its absolute paths.
 * @param io Where to write.
 * @returns 0 when done, 1 when nothing could be restored or purged (the reason is printed).
 *
 * @example List the quarantine
 * ```ts ignore
 * import { runQuarantine } from "./run_quarantine.ts";
 * import { processIo } from "./cli_io.ts";
 * runQuarantine(
 *   { command: "quarantine", action: "list", json: false, roster: { noUser: true } },
 *   { userDir: null, mountsDir: "/var/lib/terok/sandbox-live/mounts" },
 *   processIo(),
 * );
 * ```
 */
export function runQuarantine(
  invocation: QuarantineInvocation,
  locations: Locations,
  io: CliIo,
): number {
  const mountsDir = locations.mountsDir ?? ".";
  try {
    switch (invocation.action) {
      case "list":
        return list(mountsDir, invocation.json, io);
      case "restore": {
        const restored = restoreQuarantined(mountsDir, invocation.id ?? "", locations.toDir);
        const mode = restored.mode.toString(8).padStart(4, "0");
        writeLine(io, `Restored ${restored.id} to ${restored.path} (mode ${mode}).`);
        return 0;
      }
      case "purge": {
        const selection = invocation.id !== undefined
          ? { id: invocation.id }
          : { olderThanDays: invocation.olderThanDays ?? 0 };
        const purged = purgeQuarantine(mountsDir, selection);
        if (purged.length === 0) writeLine(io, "Nothing to purge.");
        for (const id of purged) writeLine(io, `Purged ${id}.`);
        return 0;
      }
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    printMessage(io, "error", error.message);
    return 1;
  }
}

function list(mountsDir: string, json: boolean, io: CliIo): number {
  const listing = listQuarantine(mountsDir);
  if (json) {
    const entries = listing.entries.map((entry) =>
      "problem" in entry
        ? { id: entry.id, problem: entry.problem }
        : { ...entry.manifest, path: entry.path }
    );
    io.stdout(`${JSON.stringify({ quarantine: listing.quarantine, entries }, null, 2)}\n`);
    return 0;
  }
  if (listing.entries.length === 0) {
    writeLine(io, "The quarantine is empty.");
    return 0;
  }
  writeLine(io, `Quarantine ${listing.quarantine}:`);
  for (const entry of listing.entries) printEntry(entry, io);
  writeLine(
    io,
    "Put one back with 'terok-vault quarantine restore ID' (or --to DIR); an entry's " +
      "directory can also be imported with terok's auth. Rotate the secrets all the same.",
  );
  return 0;
}

function printEntry(entry: QuarantineEntry, io: CliIo): void {
  if ("problem" in entry) {
    writeLine(io, `  ${entry.id}: cannot be read: ${entry.problem}`);
    return;
  }
  const m: Manifest = entry.manifest;
  const mode = (m.mode & 0o7777).toString(8).padStart(4, "0");
  const what = m.action === "stripped" ? "stripped in place" : "removed from the mount";
  writeLine(io, `  ${m.id}  ${m.time}  ${m.provider}  ${what}`);
  writeLine(io, `    was ${m.original_path} (${m.size} bytes, mode ${mode}), now ${entry.path}`);
  for (const item of m.evidence ?? []) {
    const where = item.key_path ?? (item.line === null ? null : `line ${item.line}`);
    const shown = item.fingerprint === null ? item.description : item.redacted;
    writeLine(io, `    ${item.rule}${where === null ? "" : ` at ${where}`}: ${shown}`);
  }
}
