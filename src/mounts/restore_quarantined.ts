// Copyright the terok-vault authors. MIT license.
import { describeError } from "../_describe_error.ts";
import { joinPath } from "./_outcome.ts";
import { pinPath } from "./_pin_walk.ts";
import { discardEntry, existingQuarantine, isEntryId, readEntry } from "./_quarantine_store.ts";
import { sameIdentity } from "./_identity.ts";
import { realMountsDir } from "./list_quarantine.ts";

/** Where {@linkcode restoreQuarantined} put the file back. */
export interface Restored {
  /** The entry's id. */
  id: string;
  /** The file's path now. */
  path: string;
  /** The permission bits it was given back. */
  mode: number;
}

/**
 * Put a quarantined file back, with its original mode, and remove its quarantine entry.
 *
 * Without `to` the file goes back to where it was in the mount, and only where nothing
 * exists: it is hard-linked from the quarantine into its pinned host dir by its relative
 * name (a name that exists, a symlink included, refuses; no name a container can redirect is
 * walked). A file that sat below a subdirectory of its host dir is restored with `to` only.
 * With `to` it goes to `<to>/<credential file>`, a directory outside the mounts dir, again
 * only where nothing exists (linked there, or copied when `to` is on another file system).
 *
 * Requires `--allow-read` and `--allow-write` on the mounts dir (and on `to`), and
 * `--allow-sys=uid`.
 *
 * @param mountsDir The mounts dir `clean` ran on.
 * @param id The entry's id (`quarantine list` shows them).
 * @param to Restore under this directory instead of the mount.
 * @returns Where the file is now.
 * @throws {RangeError} With one clear reason when nothing was restored.
 *
 * @example Restore an entry where it was
 * ```ts ignore
 * import { restoreQuarantined } from "./restore_quarantined.ts";
 * restoreQuarantined("/var/lib/terok/sandbox-live/mounts", "20261202T191500Z-3f9a1c");
 * ```
 */
export function restoreQuarantined(mountsDir: string, id: string, to?: string): Restored {
  const root = realMountsDir(mountsDir);
  const quarantine = existingQuarantine(root);
  if (!isEntryId(id) || quarantine === undefined) {
    throw new RangeError(`no quarantine entry "${id}" (quarantine list shows them)`);
  }
  if (!quarantine.ok) throw new RangeError(quarantine.reason);
  try {
    Deno.lstatSync(`${quarantine.path}/${id}`);
  } catch {
    throw new RangeError(`no quarantine entry "${id}" (quarantine list shows them)`);
  }
  const entry = readEntry(quarantine.path, id);
  if ("problem" in entry) {
    throw new RangeError(`quarantine entry ${id} cannot be restored: ${entry.problem}`);
  }
  let kept: Deno.FileInfo;
  try {
    kept = Deno.lstatSync(entry.filePath);
  } catch (error) {
    throw new RangeError(`quarantine entry ${id} holds no file: ${describeError(error)}`);
  }
  if (!kept.isFile) throw new RangeError(`quarantine entry ${id} holds no regular file`);
  const { manifest } = entry;
  const mode = manifest.mode & 0o7777;
  const path = to === undefined
    ? restoreInMount(root, entry.filePath, manifest, kept, mode)
    : restoreUnder(root, to, entry.filePath, manifest.credential_file, mode);
  const left = discardEntry(entry.dir);
  if (left !== undefined) {
    throw new RangeError(`restored to '${path}', but its quarantine entry stays: ${left}`);
  }
  return { id, path, mode };
}

/** The chmod first (on the kept inode), then the link; a refused link gives 0600 back. */
function linkWithMode(from: string, to: string, mode: number, shown: string): void {
  try {
    Deno.chmodSync(from, mode);
  } catch (error) {
    throw new RangeError(`cannot give '${shown}' its mode back: ${describeError(error)}`);
  }
  try {
    Deno.linkSync(from, to);
  } catch (error) {
    try {
      Deno.chmodSync(from, 0o600);
    } catch {
      // The entry's directories are 0700 and ours.
    }
    throw error;
  }
}

function restoreInMount(
  root: string,
  kept: string,
  manifest: { provider: string; host_dir: string; credential_file: string; action: string },
  keptInfo: Deno.FileInfo,
  mode: number,
): string {
  const segments = [manifest.host_dir, ...manifest.credential_file.split("/")];
  const original = joinPath(root, segments.join("/"));
  if (segments.length > 2) {
    throw new RangeError(
      `'${original}' sits below a directory the container controls, where no restore is ` +
        "safe; restore it with --to DIR",
    );
  }
  const before = cwdOrUndefined();
  let rootInfo: Deno.FileInfo;
  try {
    rootInfo = Deno.lstatSync(root);
  } catch (error) {
    throw new RangeError(`the mounts dir '${root}' cannot be used: ${describeError(error)}`);
  }
  try {
    const pinned = pinPath({ path: root, identity: rootInfo }, manifest.provider, [
      manifest.host_dir,
    ]);
    if ("verdict" in pinned) {
      const why = pinned.verdict === "absent"
        ? "its host dir does not exist"
        : pinned.verdict === "skipped" || pinned.verdict === "escape"
        ? pinned.reason
        : "its host dir cannot be used";
      throw new RangeError(`cannot restore to '${original}': ${why}`);
    }
    const name = segments[1]!;
    try {
      linkWithMode(kept, name, mode, original);
    } catch (error) {
      if (error instanceof RangeError) throw error;
      if (error instanceof Deno.errors.AlreadyExists) {
        const stripped = manifest.action === "stripped" ? " (the stripped copy clean left)" : "";
        throw new RangeError(
          `'${original}' exists${stripped}; nothing restored (move it away first, or ` +
            "restore with --to DIR)",
        );
      }
      throw new RangeError(`cannot restore to '${original}': ${describeError(error)}`);
    }
    let now: Deno.FileInfo | undefined;
    try {
      now = Deno.lstatSync(name);
    } catch {
      now = undefined;
    }
    if (now === undefined || !sameIdentity(now, keptInfo) || Deno.cwd() !== pinned.directory) {
      throw new RangeError(
        `'${original}' changed while it was restored; the file stays in the quarantine too`,
      );
    }
    return original;
  } finally {
    if (before !== undefined) {
      try {
        Deno.chdir(before);
      } catch {
        // Not permitted back: the mounts dir stays the working directory.
      }
    }
  }
}

function restoreUnder(
  root: string,
  to: string,
  kept: string,
  credentialFile: string,
  mode: number,
): string {
  let dir: string;
  try {
    dir = Deno.realPathSync(to);
    if (!Deno.statSync(dir).isDirectory) throw new RangeError(`--to '${to}' is not a directory`);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new RangeError(`--to '${to}' cannot be used: ${describeError(error)}`);
  }
  if (dir === root || dir.startsWith(`${root.replace(/\/$/, "")}/`)) {
    throw new RangeError(
      `--to '${to}' lies in the mounts dir, where a container could redirect the restore; ` +
        "leave out --to to restore the file where it was",
    );
  }
  const target = joinPath(dir, credentialFile);
  const parent = target.slice(0, target.lastIndexOf("/"));
  try {
    Deno.mkdirSync(parent, { recursive: true, mode: 0o700 });
    linkWithMode(kept, target, mode, target);
  } catch (error) {
    if (error instanceof RangeError) throw error;
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new RangeError(`'${target}' exists; nothing restored`);
    }
    if ((error as { code?: unknown }).code !== "EXDEV") {
      throw new RangeError(`cannot restore to '${target}': ${describeError(error)}`);
    }
    copyWithMode(kept, target, mode);
  }
  return target;
}

/** Another file system than the mounts dir's: a copy, made only where nothing exists. */
function copyWithMode(kept: string, target: string, mode: number): void {
  try {
    Deno.writeFileSync(target, Deno.readFileSync(kept), { createNew: true, mode: 0o600 });
    Deno.chmodSync(target, mode);
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new RangeError(`'${target}' exists; nothing restored`);
    }
    throw new RangeError(`cannot restore to '${target}': ${describeError(error)}`);
  }
}

function cwdOrUndefined(): string | undefined {
  try {
    return Deno.cwd();
  } catch {
    return undefined;
  }
}
