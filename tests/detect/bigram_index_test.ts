// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { BigramIndex, BigramSearch, pairCode } from "../../src/detect/_bigram_index.ts";
import { bigramModule, bigramModuleBytes, BLOCK, OUT } from "../../src/detect/_bigram_wasm.ts";
import { FINDER_TABLES } from "../../src/detect/_finder_tables.ts";
import { detectSecrets } from "../../src/detect/detect_secrets.ts";

const PAIRS = ["da", "ci", "oy", ":/"];
const LOWER_SOURCE = FINDER_TABLES.finders[2];
const URL_SOURCE = String.raw`:\/\/([^\s:@/"'<>\\]{1,100}):([^\s@/"'<>\\]{3,200})@[A-Za-z0-9.-]+`;

let seed = 0x5eed;
function random(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
}

/** Text made of the pieces a finder looks for, near misses, and other characters. */
function mixedText(length: number, pieces: readonly string[]): string {
  let text = "";
  while (text.length < length) {
    const roll = random();
    if (roll < 0.3) text += pieces[Math.floor(random() * pieces.length)];
    else text += 'abcdoy2:/ ._-\n"=é'[Math.floor(random() * 17)];
  }
  return text;
}

const PIECES = [
  "dapi0123456789abcdef0123456789abcdef",
  "cioABCDEFGHIJKLMNOPQRSTUVWXYZ012345",
  "oy2abcdefghijklmnopqrstuvwxyz01234567890123456",
  "https://user:FAKE-pass-word@db.example",
  "dap",
  "ci",
  "oy",
  ":/",
  "://x:y@h",
];

function pairPositions(text: string, pairs: readonly string[]): number[] {
  const out: number[] = [];
  for (let at = 0; at + 1 < text.length; at++) {
    if (pairs.includes(text.slice(at, at + 2))) out.push(at);
  }
  return out;
}

function allMatches(
  finder: { lastIndex: number; exec(text: string): RegExpExecArray | null },
  text: string,
  from = 0,
) {
  finder.lastIndex = from;
  const out: [number, string, string | undefined][] = [];
  for (let found = finder.exec(text); found !== null; found = finder.exec(text)) {
    out.push([found.index, found[0], found[2]]);
  }
  return out;
}

Deno.test("the SIMD module is valid WebAssembly and lists every pair, at block edges too", () => {
  assert.ok(WebAssembly.validate(bigramModuleBytes()));
  const module = bigramModule();
  assert.ok(module !== null, "this runtime runs WebAssembly SIMD");
  const memory = new Uint8Array(module.memory.buffer);
  for (const length of [0, 1, 2, 15, 16, 17, 31, 33, 1000, BLOCK]) {
    const text = mixedText(length, PIECES).slice(0, length).replace(/é/g, "e");
    new TextEncoder().encodeInto(text, memory);
    memory.fill(0, text.length, text.length + 32);
    const codes = [..."dacioy:/dada"].map((char) => char.charCodeAt(0));
    const found = module.find(0, text.length, OUT, ...codes);
    assert.deepEqual(
      [...new Int32Array(module.memory.buffer, OUT, found)],
      pairPositions(text, PAIRS),
    );
  }
});

Deno.test("BigramIndex: the positions of the pairs, across blocks and in non-ASCII blocks", () => {
  const index = new BigramIndex(PAIRS);
  // Pairs straddling block edges; every other block holds a non-ASCII character.
  let text = mixedText(3 * BLOCK + 77, PIECES).replace(/é/g, "e");
  text = text.slice(0, BLOCK - 1) + "da" + text.slice(BLOCK + 1, 2 * BLOCK + 5) + "é" +
    text.slice(2 * BLOCK + 6);
  const expected = pairPositions(text, PAIRS);
  index.reset(text);
  const wanted = new Set(PAIRS.map((pair) => pairCode(pair.charCodeAt(0), pair.charCodeAt(1))));
  const found: number[] = [];
  for (let at = index.next(0, wanted); at !== -1; at = index.next(at + 1, wanted)) found.push(at);
  assert.deepEqual(found, expected);
  assert.ok(found.includes(BLOCK - 1));
  const onlyUrl = new Set([pairCode(58, 47)]);
  assert.equal(index.next(0, onlyUrl), text.indexOf(":/"));
  assert.equal(index.next(text.length, wanted), -1);
});

Deno.test("BigramIndex refuses pairs it cannot compare", () => {
  assert.throws(() => new BigramIndex([]), RangeError);
  assert.throws(() => new BigramIndex(["a"]), RangeError);
  assert.throws(() => new BigramIndex(["é!"]), RangeError);
  assert.throws(() => new BigramIndex(["aa", "bb", "cc", "dd", "ee", "ff", "gg"]), RangeError);
});

Deno.test("BigramSearch finds what the global expression finds, from any start", () => {
  const index = new BigramIndex(PAIRS);
  for (const size of [200, 5000, 2 * BLOCK + 300]) {
    const text = mixedText(size, PIECES);
    index.reset(text);
    for (
      const [source, pairs] of [[LOWER_SOURCE, ["da", "ci", "oy"]], [URL_SOURCE, [":/"]]] as const
    ) {
      const search = new BigramSearch(index, pairs, source);
      const global = new RegExp(source, "g");
      for (const from of [0, 1, 7, Math.floor(size / 2), size - 3]) {
        assert.deepEqual(allMatches(search, text, from), allMatches(global, text, from));
      }
    }
  }
  assert.ok(allMatches(new RegExp(LOWER_SOURCE, "g"), mixedText(5000, PIECES)).length > 10);
});

Deno.test("pairs repeated by an attacker stay linear", () => {
  const started = performance.now();
  for (
    const text of [
      "da".repeat(2_000_000),
      "cio".repeat(1_000_000),
      "oy2".repeat(1_000_000),
      "://".repeat(1_000_000),
      "://a:".repeat(500_000),
      "é" + "da".repeat(1_000_000),
    ]
  ) {
    assert.deepEqual(detectSecrets(new TextEncoder().encode(text), { fileName: "x.log" }), []);
  }
  assert.ok(performance.now() - started < 20_000);
});
