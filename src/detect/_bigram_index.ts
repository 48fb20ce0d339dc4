// Copyright the terok-vault authors. MIT license.
import {
  type BigramModule,
  bigramModule,
  BLOCK,
  builtBigramModule,
  OUT,
  PAIRS,
} from "./_bigram_wasm.ts";

const ENCODER = new TextEncoder();
/**
 * Until the module is built, blocks shorter than this are looked through here: it costs a few
 * milliseconds to build, more than a plain scan of small credential files spends searching.
 */
const SIMD_FROM = 4 * 1024;

/** A pair's two character codes as one number. */
export function pairCode(first: number, second: number): number {
  return (first << 16) | second;
}

/**
 * Where any of a few two-character pairs starts in one text, listed a block at a time as the
 * searches ask for them. An ASCII block is compared sixteen positions at a time by
 * `_bigram_wasm.ts`; a block holding other characters, a short one before the module is built
 * (or a runtime without SIMD) is looked through here, character by character, with the same
 * result.
 */
export class BigramIndex {
  readonly #codes: number[];
  readonly #firstChars = new Uint8Array(128);
  readonly #all: ReadonlySet<number>;
  #text = "";
  #blocks: Int32Array[] = [];

  /**
   * @param pairs Up to {@linkcode PAIRS} strings of two ASCII characters (not NUL).
   * @throws {RangeError} For more pairs, or a pair of other characters.
   */
  constructor(pairs: readonly string[]) {
    if (pairs.length === 0 || pairs.length > PAIRS) {
      throw new RangeError(`between 1 and ${PAIRS} pairs, not ${pairs.length}`);
    }
    const codes: number[] = [];
    for (const pair of pairs) {
      if (!isAsciiPair(pair)) throw new RangeError(`not two ASCII characters: ${pair}`);
      codes.push(pair.charCodeAt(0), pair.charCodeAt(1));
      this.#firstChars[pair.charCodeAt(0)] = 1;
    }
    // Unused pairs repeat the first one.
    while (codes.length < 2 * PAIRS) codes.push(codes[0]!, codes[1]!);
    this.#codes = codes;
    this.#all = new Set(pairs.map((pair) => pairCode(pair.charCodeAt(0), pair.charCodeAt(1))));
  }

  /** Start on `text`: what was listed for the last one is dropped. */
  reset(text: string): void {
    this.#text = text;
    this.#blocks = [];
  }

  /**
   * The first position at or after `from` where one of `wanted` (by {@linkcode pairCode})
   * starts, or -1.
   */
  next(from: number, wanted: ReadonlySet<number>): number {
    const text = this.#text;
    for (let block = Math.floor(Math.max(0, from) / BLOCK); block * BLOCK < text.length; block++) {
      const positions = this.#positions(block);
      for (let i = firstAtOrAfter(positions, from); i < positions.length; i++) {
        const at = positions[i]!;
        if (wanted.has(pairCode(text.charCodeAt(at), text.charCodeAt(at + 1)))) return at;
      }
    }
    return -1;
  }

  #positions(block: number): Int32Array {
    let positions = this.#blocks[block];
    if (positions === undefined) {
      positions = this.#list(block * BLOCK, Math.min(this.#text.length, (block + 1) * BLOCK));
      this.#blocks[block] = positions;
    }
    return positions;
  }

  /** The pairs' positions in `[start, end)`. */
  #list(start: number, end: number): Int32Array {
    const module = end - start < SIMD_FROM ? builtBigramModule() : bigramModule();
    if (module === null) return this.#listHere(start, end);
    // One character more: a pair may start at the block's last position.
    const text = this.#text;
    const part = start === 0 && end + 1 >= text.length ? text : text.slice(start, end + 1);
    const memory = textBytes(module);
    const { read, written } = ENCODER.encodeInto(part, memory);
    if (read !== part.length || written !== part.length) return this.#listHere(start, end);
    memory.fill(0, written, written + 32);
    const found = module.find(0, written, OUT, ...this.#codes);
    const listed = new Int32Array(module.memory.buffer, OUT, found);
    let count = 0;
    while (count < found && listed[count]! < end - start) count++;
    const positions = new Int32Array(count);
    for (let i = 0; i < count; i++) positions[i] = start + listed[i]!;
    return positions;
  }

  #listHere(start: number, end: number): Int32Array {
    const text = this.#text;
    const positions: number[] = [];
    for (let at = start; at < end; at++) {
      const first = text.charCodeAt(at);
      if (first < 128 && this.#firstChars[first] === 1) {
        if (this.#all.has(pairCode(first, text.charCodeAt(at + 1)))) positions.push(at);
      }
    }
    return Int32Array.from(positions);
  }
}

let textView: { module: BigramModule; bytes: Uint8Array } | undefined;

/** The module's memory for text (its size never changes, so the view is made once). */
function textBytes(module: BigramModule): Uint8Array {
  if (textView?.module !== module) {
    textView = { module, bytes: new Uint8Array(module.memory.buffer, 0, BLOCK + 1 + 32) };
  }
  return textView.bytes;
}

/** Whether `text` is two ASCII characters, neither of them NUL. */
export function isAsciiPair(text: string): boolean {
  return text.length === 2 &&
    [0, 1].every((i) => text.charCodeAt(i) > 0 && text.charCodeAt(i) < 128);
}

/** Index of the first value in the ascending `values` that is at least `from`. */
function firstAtOrAfter(values: Int32Array, from: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid]! < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A global regular expression's `exec` and `lastIndex`, for a pattern every match of which
 * starts with one of `pairs`: the pattern is tried (sticky) only where the index lists one.
 * Same matches as the global expression, in the same order.
 */
export class BigramSearch {
  lastIndex = 0;
  readonly #index: BigramIndex;
  readonly #wanted: ReadonlySet<number>;
  readonly #sticky: RegExp;

  /**
   * @param index The index of the text searched (reset to it before the first `exec`).
   * @param pairs The pairs the pattern's matches start with (among the index's).
   * @param source The pattern.
   */
  constructor(index: BigramIndex, pairs: readonly string[], source: string) {
    this.#index = index;
    this.#wanted = new Set(pairs.map((pair) => pairCode(pair.charCodeAt(0), pair.charCodeAt(1))));
    this.#sticky = new RegExp(source, "y");
  }

  /** The next match at or after `lastIndex`, as `RegExp.prototype.exec` with the `g` flag. */
  exec(text: string): RegExpExecArray | null {
    for (;;) {
      const at = this.#index.next(this.lastIndex, this.#wanted);
      if (at === -1) {
        this.lastIndex = 0;
        return null;
      }
      this.#sticky.lastIndex = at;
      const found = this.#sticky.exec(text);
      if (found !== null) {
        this.lastIndex = at + Math.max(1, found[0].length);
        return found;
      }
      this.lastIndex = at + 1;
    }
  }
}
