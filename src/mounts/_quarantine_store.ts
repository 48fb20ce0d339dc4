// Copyright the terok-vault authors. MIT license.
/**
 * The quarantine, one per user (in the user's state dir, `<mounts>/.terok-vault-<uid>/`):
 * `quarantine/<id>/<host_dir>/<credential_file>`, terok's own layout, so terok's credential
 * extractors can read an entry's directory. Each entry also holds a manifest (what was kept, from where, and why; never the secret). Directories are
 * 0700 and ours, files 0600; everything sits on the mounts dir's file system, since a
 * quarantined file is a hard link, never a copy.
 */
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";
import { ensureOwnedDir, prepareStateDir, STATE_DIR_NAME, stateDirPath } from "./_state_dir.ts";
import type { ManifestEvidence } from "./_evidence_json.ts";

export { type ManifestEvidence, manifestEvidence } from "./_evidence_json.ts";

/** The quarantine's directory name in the state dir. */
export const QUARANTINE_DIR_NAME = "quarantine";

/** An entry's manifest; the reserved prefix keeps it apart from any host dir name. */
export const MANIFEST_NAME = `${STATE_DIR_NAME}-manifest.json`;

/** Where a stripped rewrite is written before it is renamed into the mount. */
export const STRIPPED_NAME = `${STATE_DIR_NAME}-stripped`;

/** Entry ids: a UTC time stamp and a random suffix (`20261202T191500Z-3f9a1c`). */
const ID_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}$/;

/** What an entry's manifest records (snake_case: it is also what `quarantine list --json` prints). */
export interface Manifest {
  /** The entry's id (its directory's name). */
  id: string;
  /** ISO 8601 time the file was quarantined. */
  time: string;
  /** The roster entry the file belonged to. */
  provider: string;
  /** The host dir it sat in. */
  host_dir: string;
  /** Relative to the host dir, as in the roster. */
  credential_file: string;
  /** The absolute path it had in the mount. */
  original_path: string;
  /** Its size in bytes when it was kept. */
  size: number;
  /** The file's permission bits (`0o600` is 384), given back on restore. */
  mode: number;
  /** `removed`: the name in the mount was removed; `stripped`: replaced by a stripped copy. */
  action: "removed" | "stripped";
  /** With `stripped`: the key paths (or dotenv keys) whose values were removed. */
  stripped?: string[];
  /** Why it was quarantined: redacted, with fingerprints; never the secret. */
  evidence: ManifestEvidence[];
}

/** A usable path, or why not. */
export type Usable = { ok: true; path: string } | { ok: false; reason: string };

/**
 * `<state dir>/quarantine`, created (0700) when absent, refused when it is not ours.
 *
 * Requires `--allow-read` and `--allow-write` on the mounts dir, and `--allow-sys=uid`.
 */
export function prepareQuarantine(mountsRoot: string): Usable {
  const state = prepareStateDir(mountsRoot);
  if (!state.ok) return { ok: false, reason: `the quarantine cannot be used: ${state.reason}` };
  const path = `${state.path}/${QUARANTINE_DIR_NAME}`;
  const owned = ensureOwnedDir(path);
  return owned.ok ? { ok: true, path } : {
    ok: false,
    reason: `the quarantine cannot be used: ${owned.reason}`,
  };
}

/**
 * The quarantine's path when it exists and is ours; `undefined` when there is none yet (then
 * nothing was ever kept). Creates nothing.
 */
export function existingQuarantine(mountsRoot: string): Usable | undefined {
  const state = stateDirPath(mountsRoot);
  if (!state.ok) return { ok: false, reason: `the quarantine cannot be used: ${state.reason}` };
  const path = `${state.path}/${QUARANTINE_DIR_NAME}`;
  try {
    Deno.lstatSync(path);
  } catch (error) {
    if (errorKind(error) === "absent") return undefined;
    return { ok: false, reason: `the quarantine cannot be used: ${describeError(error)}` };
  }
  return prepareQuarantine(mountsRoot);
}

/** A new, empty entry: its directory and where its file goes. */
export interface NewEntry {
  id: string;
  dir: string;
  /** `<dir>/<host_dir>/<credential_file>`; its parent exists. */
  filePath: string;
}

/**
 * Make a new entry `<quarantine>/<id>/<hostDir>/<dirs of credentialFile>` (every directory
 * 0700), whose file is yet to be linked in.
 */
export function createEntry(
  quarantine: string,
  hostDir: string,
  credentialFile: string,
  now: Date = new Date(),
): { ok: true; entry: NewEntry } | { ok: false; reason: string } {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  for (let attempt = 0; attempt < 5; attempt++) {
    const random = crypto.getRandomValues(new Uint8Array(3));
    const id = `${stamp}-${[...random].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
    const dir = `${quarantine}/${id}`;
    try {
      Deno.mkdirSync(dir, { mode: 0o700 });
    } catch (error) {
      if (error instanceof Deno.errors.AlreadyExists) continue;
      return { ok: false, reason: `cannot create a quarantine entry: ${describeError(error)}` };
    }
    const segments = [hostDir, ...credentialFile.split("/").filter((s) => s !== ".")];
    let parent = dir;
    try {
      for (const segment of segments.slice(0, -1)) {
        parent = `${parent}/${segment}`;
        Deno.mkdirSync(parent, { mode: 0o700 });
      }
    } catch (error) {
      discardEntry(dir);
      return { ok: false, reason: `cannot create a quarantine entry: ${describeError(error)}` };
    }
    return { ok: true, entry: { id, dir, filePath: `${parent}/${segments.at(-1)}` } };
  }
  return { ok: false, reason: "cannot create a quarantine entry: no free id" };
}

/** Write an entry's manifest (a new file, 0600). */
export function writeManifest(dir: string, manifest: Manifest): { ok: true } | {
  ok: false;
  reason: string;
} {
  const path = `${dir}/${MANIFEST_NAME}`;
  try {
    // Rewritten when a strip settles what was removed: the entry dir is ours alone.
    Deno.writeTextFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    Deno.chmodSync(path, 0o600);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `cannot write the quarantine manifest: ${describeError(error)}` };
  }
}

/** Remove an entry and everything in it (its own hard links only; nothing is followed). */
export function discardEntry(dir: string): string | undefined {
  try {
    Deno.removeSync(dir, { recursive: true });
    return undefined;
  } catch (error) {
    return describeError(error);
  }
}

/** An entry as found on disk. */
export type StoredEntry =
  | { id: string; dir: string; manifest: Manifest; filePath: string }
  | { id: string; dir: string; problem: string };

/** Whether `id` has the shape of an entry id (so it names no other path). */
export function isEntryId(id: string): boolean {
  return ID_PATTERN.test(id);
}

/** Read one entry's manifest and check it names a file inside the entry. */
export function readEntry(quarantine: string, id: string): StoredEntry {
  const dir = `${quarantine}/${id}`;
  let manifest: Manifest;
  try {
    const info = Deno.lstatSync(dir);
    if (!info.isDirectory) return { id, dir, problem: "not a directory" };
    manifest = JSON.parse(Deno.readTextFileSync(`${dir}/${MANIFEST_NAME}`));
  } catch (error) {
    if (error instanceof SyntaxError) return { id, dir, problem: "its manifest is not JSON" };
    return { id, dir, problem: `its manifest cannot be read: ${describeError(error)}` };
  }
  const problem = manifestProblem(manifest, id);
  if (problem !== undefined) return { id, dir, problem };
  return { id, dir, manifest, filePath: `${dir}/${manifest.host_dir}/${manifest.credential_file}` };
}

function manifestProblem(manifest: Manifest, id: string): string | undefined {
  if (typeof manifest !== "object" || manifest === null) return "its manifest is not an object";
  if (manifest.id !== id) return "its manifest names another id";
  const { host_dir: hostDir, credential_file: file } = manifest;
  if (typeof hostDir !== "string" || typeof file !== "string") {
    return "its manifest names no file";
  }
  const segments = [hostDir, ...file.split("/")];
  if (
    hostDir.includes("/") || file.startsWith("/") ||
    segments.some((s) => s === "" || s === "." || s === "..")
  ) {
    return "its manifest names a path outside the entry";
  }
  if (typeof manifest.mode !== "number" || typeof manifest.original_path !== "string") {
    return "its manifest lacks the mode or the original path";
  }
  return undefined;
}

/** Every entry, oldest first (ids sort by time). Names that are no entry id are passed over. */
export function listEntries(quarantine: string): StoredEntry[] {
  const ids: string[] = [];
  for (const entry of Deno.readDirSync(quarantine)) {
    if (isEntryId(entry.name)) ids.push(entry.name);
  }
  return ids.sort().map((id) => readEntry(quarantine, id));
}
