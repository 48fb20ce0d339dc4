/**
 * Reading an allowlist or baseline file: a small regular file, UTF-8, or one clear error.
 *
 * @module
 */

import { describeError } from "../_describe_error.ts";
import { AllowFileError } from "./allow_file_error.ts";

/**
 * The file's text; undefined when it does not exist and need not (a default location).
 *
 * Requires `--allow-read` on `path`.
 *
 * @param option The option that named it (`--allow-file`), or undefined for a default: a
 * named file must exist.
 * @throws {AllowFileError} When it is missing but named, not a regular file, larger than
 * `maxBytes`, unreadable or not UTF-8.
 */
export async function readSmallFile(
  path: string,
  option: string | undefined,
  maxBytes: number,
): Promise<string | undefined> {
  const fail = (reason: string, cause?: unknown): never => {
    throw new AllowFileError({ file: path, reason }, { cause });
  };
  let info: Deno.FileInfo;
  try {
    // Stat first: a FIFO would block the open, and the size is refused before reading.
    info = await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    if (error instanceof Deno.errors.NotFound) {
      if (option === undefined) return undefined;
      throw new RangeError(`Option ${option} names ${JSON.stringify(path)}, which does not exist`);
    }
    return fail(`Cannot read the file (${describeError(error)})`, error);
  }
  if (!info.isFile) fail("Is not a regular file");
  if (info.size > maxBytes) fail(`Is too large (${info.size} bytes; at most ${maxBytes})`);
  let bytes: Uint8Array;
  try {
    using file = await Deno.open(path, { read: true });
    // One byte more than the size seen: a file that grew since the stat is noticed.
    const buffer = new Uint8Array(info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = await file.read(buffer.subarray(length));
      if (read === null) break;
      length += read;
    }
    bytes = buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) throw error;
    return fail(`Cannot read the file (${describeError(error)})`, error);
  }
  if (bytes.length > info.size) fail("Changed while it was read; try again");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    return fail("Is not valid UTF-8 text", error);
  }
}
