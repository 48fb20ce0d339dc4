// Copyright the terok-vault authors. MIT license.
/**
 * A WebAssembly function that lists where any of up to six two-character pairs (`da`, `ci`,
 * `oy`, `:/`) start in a block of ASCII bytes, sixteen positions at a time (SIMD). The token
 * finder looks for its lower-case literals (`dapi`, `cio`, `oy2`) and for URLs (`://`) so:
 * their first letters are the commonest in text, and a regular expression stops at each of
 * them, while a 16-byte comparison passes them by. Every position it lists is checked again
 * by the literal's own regular expression, so it only has to list a superset of the hits.
 *
 * The module is written here as its instructions (about 330 bytes), assembled when first used.
 *
 * @module
 */

/** Pairs one call compares (unused ones repeat a used one). */
export const PAIRS = 6;
/** Bytes of text one call looks at, at most. */
export const BLOCK = 64 * 1024;
/** Where the listed positions go in the module's memory (after the text and its padding). */
export const OUT = BLOCK + 64;

/** The function the module exports. */
export interface BigramModule {
  readonly memory: WebAssembly.Memory;
  /**
   * Lists each position `i` in `[at, at + length)` where bytes `i, i + 1` equal one of the
   * pairs, writing them as i32 at {@linkcode OUT}; returns how many. The bytes from
   * `at + length` to `at + length + 31` must be zero.
   */
  readonly find: (at: number, length: number, out: number, ...pairs: number[]) => number;
}

// Opcodes (WebAssembly 2.0, with the fixed-width SIMD instructions under the 0xfd prefix).
const BLOCK_OP = 0x02;
const LOOP = 0x03;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const VOID = 0x40;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const I32_STORE = 0x36;
const I32_CONST = 0x41;
const I32_EQZ = 0x45;
const I32_GE_U = 0x4f;
const I32_CTZ = 0x68;
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const SIMD = 0xfd;
const V128_LOAD = 0x00;
const I8X16_SPLAT = 0x0f;
const I8X16_EQ = 0x23;
const V128_AND = 0x4e;
const V128_OR = 0x50;
const I8X16_BITMASK = 0x64;
const I32 = 0x7f;
const V128 = 0x7b;

// Locals: the parameters (at, length, out, then first and second byte of each pair), then
// the end, the count, the bit mask, the two loaded vectors and the pairs' splatted bytes.
const AT = 0;
const LENGTH = 1;
const OUT_AT = 2;
const FIRST_PAIR = 3;
const END_AT = FIRST_PAIR + 2 * PAIRS;
const COUNT = END_AT + 1;
const MASK = END_AT + 2;
const HERE = END_AT + 3;
const NEXT = END_AT + 4;
const SPLATS = END_AT + 5;

function get(local: number): number[] {
  return [LOCAL_GET, local];
}
function set(local: number): number[] {
  return [LOCAL_SET, local];
}

/** `(here == first) & (next == second)` for pair `k`, as a vector of 0x00/0xff bytes. */
function pairMatch(k: number): number[] {
  return [
    ...get(HERE),
    ...get(SPLATS + 2 * k),
    SIMD,
    I8X16_EQ,
    ...get(NEXT),
    ...get(SPLATS + 2 * k + 1),
    SIMD,
    I8X16_EQ,
    SIMD,
    V128_AND,
  ];
}

function body(): number[] {
  const splats = Array.from({ length: 2 * PAIRS }, (_, i) => [
    ...get(FIRST_PAIR + i),
    SIMD,
    I8X16_SPLAT,
    ...set(SPLATS + i),
  ]).flat();
  const anyPair = [
    ...pairMatch(0),
    ...Array.from({ length: PAIRS - 1 }, (_, k) => [...pairMatch(k + 1), SIMD, V128_OR]).flat(),
  ];
  return [
    ...splats,
    ...get(AT),
    ...get(LENGTH),
    I32_ADD,
    ...set(END_AT),
    BLOCK_OP,
    VOID,
    LOOP,
    VOID,
    // while (at < end): 16 positions per round
    ...get(AT),
    ...get(END_AT),
    I32_GE_U,
    BR_IF,
    1,
    ...get(AT),
    SIMD,
    V128_LOAD,
    4,
    0,
    ...set(HERE),
    ...get(AT),
    SIMD,
    V128_LOAD,
    4,
    1,
    ...set(NEXT),
    ...anyPair,
    SIMD,
    I8X16_BITMASK,
    ...set(MASK),
    BLOCK_OP,
    VOID,
    LOOP,
    VOID,
    // while (mask != 0): out[count++] = at + ctz(mask); mask &= mask - 1
    ...get(MASK),
    I32_EQZ,
    BR_IF,
    1,
    ...get(OUT_AT),
    ...get(COUNT),
    I32_CONST,
    2,
    I32_SHL,
    I32_ADD,
    ...get(AT),
    ...get(MASK),
    I32_CTZ,
    I32_ADD,
    I32_STORE,
    2,
    0,
    ...get(COUNT),
    I32_CONST,
    1,
    I32_ADD,
    ...set(COUNT),
    ...get(MASK),
    ...get(MASK),
    I32_CONST,
    1,
    I32_SUB,
    I32_AND,
    ...set(MASK),
    BR,
    0,
    END,
    END,
    ...get(AT),
    I32_CONST,
    16,
    I32_ADD,
    ...set(AT),
    BR,
    0,
    END,
    END,
    ...get(COUNT),
    END,
  ];
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function name(text: string): number[] {
  return [text.length, ...[...text].map((char) => char.charCodeAt(0))];
}

/** The module's bytes. */
export function bigramModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = 3 + 2 * PAIRS;
  const locals = [2, 3, I32, 2 + 2 * PAIRS, V128];
  const code = [...locals, ...body()];
  const pages = Math.ceil((OUT + 4 * (BLOCK + 16)) / 65536);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, params, ...Array(params).fill(I32), 1, I32]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, pages]),
    ...section(7, [2, ...name("memory"), 2, 0, ...name("find"), 0, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
}

let loaded: BigramModule | null | undefined;

/**
 * The module, compiled on first use; `null` where this runtime cannot run it (no SIMD), and
 * the caller then looks pair by pair in JavaScript.
 */
export function bigramModule(): BigramModule | null {
  if (loaded !== undefined) return loaded;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bigramModuleBytes()), {});
    loaded = instance.exports as unknown as BigramModule;
  } catch {
    loaded = null;
  }
  return loaded;
}

/** The module if it has been built already, else `null`. */
export function builtBigramModule(): BigramModule | null {
  return loaded ?? null;
}
