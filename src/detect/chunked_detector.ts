// Copyright the terok-vault authors. MIT license.
import { sniffEncoding, Utf16Chunks } from "./_decode.ts";
import { MAX_EVIDENCE_PER_FILE, tokenEvidence } from "./_evidence.ts";
import { ruleMatches } from "./_rule_evidence.ts";
import { formCut, normalizeText } from "./_text_forms.ts";
import type { DetectContext, Evidence } from "./types.ts";

/**
 * Characters kept from one chunk to the next. A token that starts within this distance of a
 * chunk's end is matched in the next round, whole; longer tokens than this (a PEM block is the
 * longest, about 12,000 characters at most by its rule) would be cut.
 */
const OVERLAP = 16 * 1024;
/** Bytes gathered before the encoding is told (UTF-16 shows in the first few). */
const SNIFF_LENGTH = 64;
/** Context kept before the first unmatched character: the key a JWT must sit under. */
const LOOKBACK = 256;

/**
 * Find token rule matches in a large text file read in consecutive chunks, with bounded
 * memory: each token is found exactly once even across a chunk edge, with its right line.
 *
 * Only the token rules run here (no format is parsed from a partial file). A JWT counts only
 * in a deep scan (the default; `deep: false` turns it off) right after a key naming a token or
 * a secret. At most 100 evidence items are kept per file; later matches are dropped.
 *
 * A character split between chunks is kept whole: its first bytes wait for the next chunk.
 * UTF-16 text (told by its first chunk: a byte-order mark, or zero bytes in every other
 * place) is decoded as such. Colour codes and `\/` escapes are read through, and private keys
 * wrapped in base64 or string concatenation are found, as in {@linkcode detectSecrets}.
 * Pure and synchronous.
 *
 * @example Find a token split across two chunks
 * ```ts
 * import { ChunkedDetector } from "./chunked_detector.ts";
 *
 * const token = "ghp_" + "FAKE0TEST1fake2test3FAKE4TEST5fake6t";
 * const bytes = new TextEncoder().encode(`line one\nGH_TOKEN=${token}\n`);
 * const detector = new ChunkedDetector({ fileName: "session.jsonl" });
 * detector.push(bytes.subarray(0, 20));
 * detector.push(bytes.subarray(20));
 * const [found] = detector.finish();
 * console.log(found?.rule, found?.line, found?.redacted); // github-token 2 ghp_…ke6t
 * ```
 */
export class ChunkedDetector {
  readonly #deep: boolean;
  readonly #decoder = new TextDecoder("utf-8");
  /** The bytes of a character the last chunk cut in two (at most 3). */
  #tail: Uint8Array = new Uint8Array(0);
  /** Set once the first bytes tell the text is UTF-16. */
  #utf16: Utf16Chunks | undefined;
  /** The first bytes, held until there are enough to tell the encoding by. */
  #head: Uint8Array | undefined = new Uint8Array(0);
  /** Decoded text that may end inside a colour code or an escape: normalised with the next. */
  #carry = "";
  readonly #evidence: Evidence[] = [];
  /** Text not yet finished with: context, then the part that may still hold a match. */
  #pending = "";
  /** Index in `#pending` from which matching continues. */
  #from = 0;
  /** Line of the first character of `#pending`. */
  #line = 1;
  #finished = false;

  /**
   * Start on a new file.
   *
   * @param context The file's base name and whether this is a deep scan.
   */
  constructor(context: DetectContext) {
    this.#deep = context.deep !== false;
  }

  /**
   * Feed the next chunk of the file.
   *
   * @param chunk The next consecutive bytes.
   * @throws {TypeError} After {@linkcode ChunkedDetector.finish}.
   */
  push(chunk: Uint8Array): void {
    if (this.#finished) throw new TypeError("The detector is finished; create a new one");
    let data = chunk;
    if (this.#head !== undefined) {
      data = concat(this.#head, chunk);
      if (data.length < SNIFF_LENGTH) {
        this.#head = data;
        return;
      }
      this.#sniff(data);
    }
    this.#append(this.#decode(data), false);
    if (this.#pending.length - this.#from > OVERLAP) this.#scan(this.#pending.length - OVERLAP);
  }

  /**
   * Match what is left and return every piece of evidence found in the file.
   *
   * @returns The evidence in file order, at most 100 items.
   */
  finish(): Evidence[] {
    if (!this.#finished) {
      this.#finished = true;
      if (this.#head !== undefined) {
        const head = this.#head;
        this.#sniff(head);
        this.#append(this.#decode(head), false);
      }
      const rest = this.#utf16 === undefined
        ? this.#decoder.decode(this.#tail)
        : this.#utf16.decode(new Uint8Array(0), true);
      this.#tail = new Uint8Array(0);
      this.#append(rest, true);
      this.#scan(this.#pending.length);
    }
    return [...this.#evidence];
  }

  #sniff(first: Uint8Array): void {
    this.#head = undefined;
    const encoding = sniffEncoding(first);
    if (encoding !== "utf-8") this.#utf16 = new Utf16Chunks(encoding);
  }

  #decode(chunk: Uint8Array): string {
    if (this.#utf16 !== undefined) return this.#utf16.decode(chunk);
    const data = this.#tail.length === 0 ? chunk : concat(this.#tail, chunk);
    const cut = completeLength(data);
    this.#tail = data.slice(cut);
    return this.#decoder.decode(data.subarray(0, cut));
  }

  /** Normalises decoded text, holding back a tail a chunk's end may have cut in a form. */
  #append(decoded: string, final: boolean): void {
    const text = this.#carry + decoded;
    const cut = final ? text.length : formCut(text);
    this.#carry = text.slice(cut);
    this.#pending += normalizeText(cut === text.length ? text : text.slice(0, cut));
  }

  /** Match tokens starting before `until`, then drop the text no later match can need. */
  #scan(until: number): void {
    const text = this.#pending;
    const room = MAX_EVIDENCE_PER_FILE - this.#evidence.length;
    let next = until;
    if (room > 0) {
      const { matches, end } = ruleMatches(text, this.#from, until, this.#deep, room);
      let line = this.#line;
      let cursor = 0;
      for (const match of matches) {
        line += countNewlines(text, cursor, match.index);
        cursor = match.index;
        this.#evidence.push(tokenEvidence(match.rule, match.value, line, null));
      }
      next = Math.max(until, end);
    }
    const keepFrom = Math.max(0, Math.min(next, text.length) - LOOKBACK);
    this.#line += countNewlines(text, 0, keepFrom);
    this.#pending = text.slice(keepFrom);
    this.#from = Math.min(next, text.length) - keepFrom;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The length of `bytes` without a UTF-8 sequence cut at its end. Decoding chunk by chunk this
 * way, each with a plain (non-streaming) decode, is about three times faster than a streaming
 * decoder; invalid bytes still become U+FFFD.
 */
function completeLength(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let i = length - 1; i >= 0 && i >= length - 3; i--) {
    const byte = bytes[i]!;
    if (byte < 0x80) return length;
    if (byte >= 0xc0) {
      const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return i + size > length ? i : length;
    }
  }
  return length;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at !== -1 && at < to; at = text.indexOf("\n", at + 1)) {
    count++;
  }
  return count;
}
