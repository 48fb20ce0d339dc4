/**
 * @module
 * Atomic text file writes.
 */

/**
 * Writes `text` to `path` atomically: into a new temporary file in the same directory, flushed
 * and fsynced, then renamed over `path`. On any failure the temporary file is removed and the
 * old file is left untouched. The parent directory is created if missing.
 *
 * Requires `--allow-write` on the parent directory of `path` (and `--allow-read` on it for the
 * best-effort directory fsync after the rename).
 *
 * @param path The file to replace.
 * @param text Its new content, written as UTF-8.
 * @returns When the new content is in place.
 * @throws {Deno.errors.NotCapable} Without the write grant.
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
  const temp = `${dir === "/" ? "" : dir}/.${base}.${crypto.randomUUID()}.tmp`;
  let file: Deno.FsFile | undefined;
  try {
    file = await Deno.open(temp, { write: true, createNew: true });
    await writeAll(file, new TextEncoder().encode(text));
    await file.sync();
    file.close();
    file = undefined;
    await Deno.rename(temp, path);
  } catch (error) {
    file?.close();
    await Deno.remove(temp).catch(() => {});
    throw error;
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
