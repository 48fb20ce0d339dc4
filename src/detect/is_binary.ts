// Copyright the terok-vault authors. MIT license.
import { decodeLossy, sniffEncoding } from "./_decode.ts";

/** Share of NUL bytes over which a block is binary (machine code, databases, images). */
const MAX_NUL_SHARE = 0.1;
/** Share of other control bytes (not tab, line breaks, form feed or ESC) over which it is. */
const MAX_CONTROL_SHARE = 0.05;

/**
 * Tell whether a file is binary from its first block. The deep scan skips (and counts) binary
 * files, so text must not be taken for binary: UTF-16 text (with or without a byte-order mark)
 * is text, and so is a log with a stray NUL byte. A block with a NUL byte is binary when more
 * than a tenth of it is NUL bytes, or more than a twentieth of the rest is control bytes text
 * does not hold (compressed and machine data are full of them; ANSI colour codes' ESC is not
 * counted); a block without one is text.
 *
 * @param firstBlock The first bytes of the file (the scanner's first read).
 * @returns `true` when the block reads as binary.
 *
 * @example Text and binary
 * ```ts
 * import { isBinary } from "./is_binary.ts";
 *
 * console.log(isBinary(new TextEncoder().encode("plain text\u0000 with a stray NUL"))); // false
 * console.log(isBinary(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00]))); // true
 * ```
 */
export function isBinary(firstBlock: Uint8Array): boolean {
  // Most files hold no NUL: text, told by one native search (a file of control bytes without
  // a NUL is read as text, which costs time, never a finding). A zero byte is always U+0000
  // in the decoded text, where the search is a few times faster than over the bytes.
  if (decodeLossy(firstBlock).indexOf("\0") === -1) return false;
  let nuls = 0;
  let controls = 0;
  for (const byte of firstBlock) {
    if (byte === 0) nuls++;
    else if (isControl(byte)) controls++;
  }
  if (sniffEncoding(firstBlock) !== "utf-8") return false;
  return nuls > firstBlock.length * MAX_NUL_SHARE ||
    controls > (firstBlock.length - nuls) * MAX_CONTROL_SHARE;
}

function isControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c &&
    byte !== 0x1b) || byte === 0x7f;
}
