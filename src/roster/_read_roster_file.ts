/**
 * Reads one roster file as UTF-8 text, refusing anything that is not a small regular file.
 *
 * @module
 */

import { RosterFileError } from "./errors.ts";
import { describeError } from "../_describe_error.ts";

/** Roster files larger than this are refused unread: real ones are a few KiB. */
export const MAX_ROSTER_FILE_BYTES = 1024 * 1024;

/**
 * Reads the file at `path` (shown as `display`).
 *
 * Requires `--allow-read` on `path`.
 *
 * @throws {RosterFileError} When it is not a regular file, cannot be read, is larger than
 * {@linkcode MAX_ROSTER_FILE_BYTES}, or is not valid UTF-8.
 */
export async function readRosterFile(path: string, display: string): Promise<string> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new RosterFileError({ file: display, reason }, { cause });
  };
  let info: Deno.FileInfo;
  try {
    // Stat first: opening a FIFO named x.yaml would block, and size is refused before reading.
    info = await Deno.stat(path);
  } catch (error) {
    throw ioError(display, error);
  }
  if (!info.isFile) fail("Is not a regular file");
  if (info.size > MAX_ROSTER_FILE_BYTES) fail(tooLarge(info.size));
  const bytes = await readAtMost(path, display, info.size + 1, MAX_ROSTER_FILE_BYTES + 1);
  if (bytes.length > MAX_ROSTER_FILE_BYTES) fail(tooLarge(bytes.length));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    return fail("Is not valid UTF-8 text", error);
  }
}

function tooLarge(size: number): string {
  return `Is too large (${size} bytes; a roster file may have at most ${MAX_ROSTER_FILE_BYTES})`;
}

/** Reads up to `limit` bytes, starting with a buffer of `expected` (the file may have grown). */
async function readAtMost(
  path: string,
  display: string,
  expected: number,
  limit: number,
): Promise<Uint8Array> {
  let file: Deno.FsFile;
  try {
    file = await Deno.open(path, { read: true });
  } catch (error) {
    throw ioError(display, error);
  }
  try {
    let buffer = new Uint8Array(Math.min(expected, limit));
    let length = 0;
    while (length < limit) {
      if (length === buffer.length) {
        const grown = new Uint8Array(Math.min(buffer.length * 2, limit));
        grown.set(buffer);
        buffer = grown;
      }
      const read = await file.read(buffer.subarray(length));
      if (read === null) break;
      length += read;
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw ioError(display, error);
  } finally {
    file.close();
  }
}

function ioError(display: string, error: unknown): unknown {
  if (error instanceof Deno.errors.NotCapable) return error;
  let reason: string;
  if (error instanceof Deno.errors.NotFound) reason = "Does not exist (any more)";
  else if (error instanceof Deno.errors.PermissionDenied) {
    reason = "Cannot read the file (permission denied)";
  } else if (error instanceof Deno.errors.IsADirectory) reason = "Is not a regular file";
  else reason = `Cannot read the file (${describeError(error)})`;
  return new RosterFileError({ file: display, reason }, { cause: error });
}
