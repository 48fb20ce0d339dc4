// Copyright the terok-vault authors. MIT license.
/**
 * Tell whether a file is binary from its first block: it holds a NUL byte. The deep scan
 * skips (and counts) binary files.
 *
 * @param firstBlock The first bytes of the file (the scanner's first read).
 * @returns `true` when a NUL byte is present.
 *
 * @example Text and binary
 * ```ts
 * import { isBinary } from "./is_binary.ts";
 *
 * console.log(isBinary(new TextEncoder().encode("plain text"))); // false
 * console.log(isBinary(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x00]))); // true
 * ```
 */
export function isBinary(firstBlock: Uint8Array): boolean {
  return firstBlock.indexOf(0) !== -1;
}
