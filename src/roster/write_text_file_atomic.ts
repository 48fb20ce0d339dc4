/**
 * @module
 * Atomic text file writes.
 */

/** The mode of a file this writes where none existed: routes.json may carry `user:pass@`. */
export const NEW_FILE_MODE = 0o600;

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * Writes `text` to `path` atomically: into a new temporary file in the same directory, flushed
 * and fsynced, then renamed over `path`. On any failure the temporary file is removed and the
 * old file is left untouched. The parent directory is created if missing.
 *
 * The new file keeps the mode of the file it replaces; a file that did not exist gets
 * {@linkcode NEW_FILE_MODE} (0600). Temporary files are named `.<name>.<uuid>.tmp` and held
 * under an exclusive lock while in use; one that nobody holds is what a killed write left
 * behind, and every write removes those (regular files of that pattern only, for this name,
 * in this directory).
 *
 * Requires `--allow-write` and `--allow-read` on the parent directory of `path`.
 *
 * @param path The file to replace.
 * @param text Its new content, written as UTF-8.
 * @returns When the new content is in place.
 * @throws {Deno.errors.NotCapable} Without the grants.
 * @throws {Error} The underlying I/O error (e.g. `path` is a directory, or the parent cannot
 * be created); the old file is unchanged and no temporary file is left.
 *
 * @example Write routes.json
 * ```ts
 * import { writeTextFileAtomic } from "./mod.ts";
 * const dir = await Deno.makeTempDir();
 * await writeTextFileAtomic(`${dir}/vault/routes.json`, "{}\n");
 * ```
 */
export async function writeTextFileAtomic(path: string, text: string): Promise<void> {
  const { dir, base } = splitPath(path);
  await Deno.mkdir(dir, { recursive: true });
  const mode = await modeToKeep(path);
  await removeStaleTemps(dir, base);
  const { file, temp } = await createLockedTemp(dir, base, mode);
  try {
    await writeAll(file, new TextEncoder().encode(text));
    await file.sync();
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  } finally {
    file.close();
  }
  await syncDirectory(dir);
}

/** Directory and file name of `path` (`node:path` would add milliseconds to start-up). */
function splitPath(path: string): { dir: string; base: string } {
  const trimmed = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const slash = trimmed.lastIndexOf("/");
  if (slash === -1) return { dir: ".", base: trimmed };
  return { dir: slash === 0 ? "/" : trimmed.slice(0, slash), base: trimmed.slice(slash + 1) };
}

function tempPath(dir: string, name: string): string {
  return `${dir === "/" ? "" : dir}/${name}`;
}

/** The permission bits (rwx only) of the regular file at `path`, or the new-file mode. */
async function modeToKeep(path: string): Promise<number> {
  try {
    const info = await Deno.lstat(path);
    if (info.isFile && info.mode !== null) return info.mode & 0o777;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return NEW_FILE_MODE;
}

/**
 * Creates the temporary file with `mode` and takes its exclusive lock. A cleaner of another
 * write may remove the file in the instant between the two (it then held the lock first);
 * the link count tells, and a fresh name is tried.
 */
async function createLockedTemp(
  dir: string,
  base: string,
  mode: number,
): Promise<{ file: Deno.FsFile; temp: string }> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const temp = tempPath(dir, `.${base}.${crypto.randomUUID()}.tmp`);
    const file = await Deno.open(temp, { write: true, createNew: true, mode });
    try {
      await lockIfSupported(file);
      if (((await file.stat()).nlink ?? 1) > 0) {
        await Deno.chmod(temp, mode); // exactly `mode`, whatever the umask
        return { file, temp };
      }
    } catch (error) {
      file.close();
      await Deno.remove(temp).catch(() => {});
      throw error;
    }
    file.close();
  }
  throw new Deno.errors.Busy("Another write kept removing the temporary file");
}

/**
 * Takes the exclusive lock that tells cleaners the file is in use. A file system without
 * `flock` support refuses it; the write then goes on unlocked, and its cleaners, refused the
 * same way, remove nothing.
 */
async function lockIfSupported(file: Deno.FsFile): Promise<void> {
  try {
    await file.lock(true);
  } catch {
    // No locks here: see above.
  }
}

/**
 * Removes the temporary files a killed write of `base` left in `dir`: names of our pattern,
 * regular files only, and only when no running write holds the file's lock. Best effort: a
 * file that cannot be inspected is left alone.
 */
async function removeStaleTemps(dir: string, base: string): Promise<void> {
  const pattern = new RegExp(`^\\.${escapeRegExp(base)}\\.${UUID}\\.tmp$`);
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) {
      if (entry.isFile && pattern.test(entry.name)) names.push(entry.name);
    }
  } catch {
    return;
  }
  for (const name of names) await removeIfStale(tempPath(dir, name));
}

async function removeIfStale(temp: string): Promise<void> {
  try {
    const info = await Deno.lstat(temp);
    if (!info.isFile) return;
    using file = await Deno.open(temp, { read: true });
    const opened = await file.stat();
    if (!opened.isFile || opened.ino !== info.ino || opened.dev !== info.dev) return;
    if (!(await file.tryLock(true))) return; // a running write holds it
    await Deno.remove(temp);
  } catch {
    // Gone already, or not ours to judge: leave it.
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function writeAll(file: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}

/** Makes the rename itself durable where the directory can be opened; harmless otherwise. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await Deno.open(dir, { read: true });
    try {
      await handle.sync();
    } finally {
      handle.close();
    }
  } catch {
    // Best effort: without a read grant on the directory the file is still complete and renamed.
  }
}
