// Copyright the terok-vault authors. MIT license.
const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const LOSSY = new TextDecoder("utf-8");
const UTF16LE = new TextDecoder("utf-16le");
const UTF16BE = new TextDecoder("utf-16be");

/** How a file's text is encoded, as far as its first bytes tell. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be";

/** Bytes looked at to tell UTF-16 without a byte-order mark. */
const SNIFF_BYTES = 4096;

/**
 * The file's text, or `null` when it is not valid UTF-8. A byte-order mark stays in the text,
 * so a JSON document behind one does not parse (as terok's own check refuses it).
 */
export function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return STRICT.decode(bytes);
  } catch {
    return null;
  }
}

/** The file's text with invalid sequences replaced, for the token rules. */
export function decodeLossy(bytes: Uint8Array): string {
  return LOSSY.decode(bytes);
}

/**
 * The encoding of a text from its first bytes: a UTF-16 byte-order mark, or (without one) a
 * zero byte in nearly every other position, as UTF-16 text of mostly ASCII characters has
 * (PowerShell and Windows tools write logs so). Anything else is read as UTF-8.
 */
export function sniffEncoding(first: Uint8Array): TextEncodingName {
  if (first.length >= 2) {
    if (first[0] === 0xff && first[1] === 0xfe) return "utf-16le";
    if (first[0] === 0xfe && first[1] === 0xff) return "utf-16be";
  }
  const pairs = Math.floor(Math.min(first.length, SNIFF_BYTES) / 2);
  if (pairs < 2) return "utf-8";
  // Most text holds no zero byte: told by one native search instead of a loop over pairs.
  if (first.subarray(0, 2 * pairs).indexOf(0) === -1) return "utf-8";
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (first[2 * i] === 0) evenZeros++;
    if (first[2 * i + 1] === 0) oddZeros++;
  }
  // Mostly zero on one side, nearly never on the other: a NUL-heavy binary has both.
  if (oddZeros >= pairs * 0.6 && evenZeros <= pairs * 0.1) return "utf-16le";
  if (evenZeros >= pairs * 0.6 && oddZeros <= pairs * 0.1) return "utf-16be";
  return "utf-8";
}

/**
 * The text of a whole file in the encoding its first bytes tell (a byte-order mark dropped),
 * invalid sequences replaced: what the token rules read.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return UTF16LE.decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return UTF16BE.decode(bytes);
  const text = LOSSY.decode(bytes);
  // A zero byte is always U+0000 in the text, and 4,096 characters hold at least the bytes
  // sniffEncoding looks at: without one there, the text is UTF-8, told by one native search
  // (a few times faster than one over the bytes).
  if (text.slice(0, SNIFF_BYTES).indexOf("\0") === -1) return text;
  const encoding = sniffEncoding(bytes);
  if (encoding === "utf-8") return text;
  return (encoding === "utf-16le" ? UTF16LE : UTF16BE).decode(bytes);
}

/**
 * Decodes UTF-16 chunk by chunk: an odd byte or a high surrogate cut at a chunk's end waits
 * for the next chunk, so no character is split.
 */
export class Utf16Chunks {
  readonly #decoder: TextDecoder;
  readonly #littleEndian: boolean;
  #tail = new Uint8Array(0);
  #first = true;

  constructor(encoding: "utf-16le" | "utf-16be") {
    this.#littleEndian = encoding === "utf-16le";
    this.#decoder = this.#littleEndian ? UTF16LE : UTF16BE;
  }

  /** The text of the next chunk, or of what is left when `final`. */
  decode(chunk: Uint8Array, final = false): string {
    let data = this.#tail.length === 0 ? chunk : join(this.#tail, chunk);
    if (this.#first && data.length >= 2) {
      this.#first = false;
      const bom = this.#littleEndian ? data[0] === 0xff && data[1] === 0xfe : data[0] === 0xfe &&
        data[1] === 0xff;
      if (bom) data = data.subarray(2);
    }
    let cut = final ? data.length : data.length - (data.length % 2);
    if (!final && cut >= 2) {
      const unit = this.#littleEndian
        ? data[cut - 2]! | (data[cut - 1]! << 8)
        : (data[cut - 2]! << 8) | data[cut - 1]!;
      if (unit >= 0xd800 && unit <= 0xdbff) cut -= 2;
    }
    this.#tail = data.slice(cut);
    return this.#decoder.decode(data.subarray(0, cut));
  }
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
