// Copyright the terok-vault authors. MIT license.
import { BigramIndex, BigramSearch } from "./_bigram_index.ts";
import { PAIRS } from "./_bigram_wasm.ts";
import { holdsPhantomMarker } from "./_markers.ts";
import { isPlaceholder } from "./_placeholder.ts";
import { isStandIn } from "./_stand_in.ts";
import { FINDER_TABLES } from "./_finder_tables.ts";
import { plainRules, rulesSignature } from "./_finder_plan.ts";
import { RULES } from "./rules.ts";
import type { Rule } from "./types.ts";

/** One token found in text, not yet turned into evidence. */
export interface TokenMatch {
  readonly rule: Rule;
  readonly value: string;
  /** UTF-16 index of the first character in the scanned text. */
  readonly index: number;
}

/** Rules matched everywhere, and the low-confidence ones that need a key naming a secret. */
const PLAIN_RULES = plainRules(RULES);
const KEYED_RULES = RULES.filter((rule) => rule.keyed);
// The finder's layout is computed when the rules change, not at every start-up (about ten
// milliseconds): a layout made from other rules would miss tokens, so it fails closed.
if (rulesSignature(PLAIN_RULES) !== FINDER_TABLES.signature) {
  throw new Error("src/detect/_finder_tables.ts is stale: run `deno task build-finders`");
}
/** The password in a URL: no prefix of its own, found from the URL around it. */
const URL_RULE = RULES.find((rule) => rule.id === "url-password")!;
/**
 * `scheme://user:password@host`, found from its `://` (cheap to look for); the password is the
 * secret. Values that only stand for one (`${DB_PASS}`, `<password>`, `%s`, `****`) and the
 * words people write in examples are not.
 */
const URL_PASSWORD = /:\/\/([^\s:@/"'<>\\]{1,100}):([^\s@/"'<>\\]{3,200})@[A-Za-z0-9.-]+/g;
const NOT_A_PASSWORD = /^(?:[$%{<*[(]|(?:password|passwd|pass|secret|changeme|pwd|token)$)/i;
/**
 * Each plain rule's shape, sticky, with one capturing group around the token (after its lead
 * if it has one). Compiled on a rule's first try and reused: scanning is synchronous and sets
 * `lastIndex` before every use.
 */
const SHAPES: (RegExp | undefined)[] = [];
function shapeOf(index: number): RegExp {
  const rule = PLAIN_RULES[index]!;
  return SHAPES[index] ??= new RegExp(
    rule.lead === undefined ? `(${rule.pattern})` : `(?:${rule.lead})(${rule.pattern})`,
    "y",
  );
}
/** First character of a prefix -> the rules (by index, in table order) with such a prefix. */
const BY_FIRST_CHAR = new Map(FINDER_TABLES.byFirstChar);
/** The anchored rules' literals, with where their tokens may start before them. */
const ANCHORS = FINDER_TABLES.anchors.map((anchor) => ({
  ...anchor,
  before: new RegExp(anchor.before),
}));
/** What the rare-literal pass matches of an anchor (`A` of `:A`) -> the anchor's text. */
const ANCHOR_HITS = new Map(FINDER_TABLES.anchorHits);
/** The separator a separator-pass anchor ends in -> the anchors ending so. */
const ANCHORS_BY_SEPARATOR = new Map(FINDER_TABLES.anchorsBySeparator);

/** A global regular expression's `exec` and `lastIndex`, or a stand-in with the same. */
interface Finder {
  lastIndex: number;
  exec(text: string): RegExpExecArray | null;
}
/** Where a URL's password may be: after its `://`. */
const URL_PAIR = ":/";
const LOWER_PAIRS = FINDER_TABLES.lowerPairs?.filter((pair) => pair !== URL_PAIR) ?? null;
/**
 * The lower-case literals (`dapi`, `cio`, `oy2`) and URLs are tried only where their first two
 * characters stand: listed sixteen positions at a time, several times faster than an
 * engine's search, which stops at every `d`, `c`, `o` and `:`. Reset to each scanned text.
 */
const PAIRED_LOWER = LOWER_PAIRS !== null && LOWER_PAIRS.length > 0 &&
  LOWER_PAIRS.length < PAIRS;
const PAIR_INDEX = new BigramIndex(PAIRED_LOWER ? [...LOWER_PAIRS, URL_PAIR] : [URL_PAIR]);
/**
 * Where a plain rule's token may start, in three passes merged by position (one alternation
 * of all three kinds defeats the engine's fast literal search and costs twice as much):
 * separators with what must stand before them, rare literals (from their first upper-case
 * letter or digit), and the few lower-case literals. See `_finder_plan.ts`.
 */
const FINDERS: Finder[] = FINDER_TABLES.finders.map((source, kind) =>
  kind === 2 && PAIRED_LOWER && source !== ""
    ? new BigramSearch(PAIR_INDEX, FINDER_TABLES.lowerPairs!, source)
    : new RegExp(source === "" ? "(?!)" : source, "g")
);
const [SEPARATOR_HIT, RARE_HIT] = [0, 1];
const URL_SEARCH: Finder = new BigramSearch(PAIR_INDEX, [URL_PAIR], URL_PASSWORD.source);
/** A literal looked for from its first rare character (`BEGIN` of `-----BEGIN`): how far in. */
const LOOKED_BEHIND = new Map(FINDER_TABLES.lookedBehind);
/**
 * The most characters a token may have before a separator the finder hits (`github` in
 * `github_pat_`, `pat` and 14 more before an Airtable token's `.`): a token starts at most
 * this far before a separator hit, so the walk back never goes further.
 */
const MAX_HEAD = FINDER_TABLES.maxHead;
/** The keyed rules' shapes, tried where {@linkcode KEYED_HINT} points. */
const KEYED = new RegExp(KEYED_RULES.map((rule) => `(${rule.pattern})`).join("|"), "y");
/**
 * Where a JWT may be: the dot before its second part (`.ey`). Rare in text, and found about
 * ten times faster than trying the shape at every `ey` or after every word "token".
 */
const KEYED_HINT = /\.ey/g;
/** A key naming a token or a secret, right before the value (`"id_token": "`, `SECRET=`). */
const KEY_BEFORE = /([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?(?:Bearer\s+)?$/;
const SECRET_KEY = /token|secret/i;
/** Whole-value shapes (compiled on first use); a rule known only by its lead names none. */
const WHOLE_VALUE = new Map<string, RegExp | null>();
function wholeValueOf(rule: Rule): RegExp | null {
  let shape = WHOLE_VALUE.get(rule.id);
  if (shape === undefined) {
    shape = rule.keyed || PLAIN_RULES.includes(rule)
      ? rule.lead === undefined ? new RegExp(`^(?:${rule.pattern})$`) : null
      : null;
    WHOLE_VALUE.set(rule.id, shape);
  }
  return shape;
}

/** Characters a token is made of; a match glued to one of these is part of something else. */
function isTokenChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ||
    code === 95 || code === 45;
}

/** The public prefix of `value` under `rule` (the longest listed prefix it starts with). */
export function publicPrefix(rule: Rule, value: string): string {
  if (rule.id === "private-key") return value.slice(0, value.indexOf("-----", 5) + 5);
  if (rule.lead !== undefined) return ""; // its prefixes are the lead's, not the token's
  let best = "";
  for (const prefix of rule.prefixes) {
    if (prefix.length > best.length && value.startsWith(prefix)) best = prefix;
  }
  return best;
}

/** The random part of a token: what is left without its prefix and fixed fragments. */
function variablePart(rule: Rule, value: string): string {
  if (rule.id === "private-key") {
    const header = publicPrefix(rule, value);
    const end = value.lastIndexOf("-----END");
    return value.slice(header.length, end).replace(/\\[nr]|\s/g, "");
  }
  let variable = value.slice(publicPrefix(rule, value).length);
  for (const fixed of rule.fixed ?? []) {
    const at = variable.lastIndexOf(fixed);
    if (at !== -1) variable = variable.slice(0, at) + variable.slice(at + fixed.length);
  }
  return variable;
}

/** Whether a match is a placeholder, a stand-in or a phantom rather than a secret. */
export function isDismissed(rule: Rule, value: string): boolean {
  // AWS's documentation keys (`…EXAMPLE`, `…EXAMPLEKEY`) are in countless docs and logs.
  if (rule.id.startsWith("aws-") && /EXAMPLE(?:KEY)?$/.test(value)) return true;
  if (holdsPhantomMarker(value)) return true;
  const variable = variablePart(rule, value);
  // A PEM body is structured (runs of `A` for zero bytes): only a repeating body is a stand-in.
  return isPlaceholder(variable) || (rule.id !== "private-key" && isStandIn(variable));
}

/** The rule whose whole shape `value` has, if any (for values a known format names). */
export function ruleOfValue(value: string): Rule | undefined {
  return RULES.find((rule) => wholeValueOf(rule)?.test(value));
}

/** Options of {@linkcode scanTokens}. */
export interface ScanOptions {
  /** Start matching at this index (earlier text is context only). */
  readonly from: number;
  /** Report only matches starting before this index. */
  readonly until: number;
  /** Deep scan: report a JWT under a `*token*` / `*secret*` key. */
  readonly deep: boolean;
  /** Stop after this many matches. */
  readonly limit: number;
}

/** The result of {@linkcode scanTokens}. */
export interface ScanResult {
  readonly matches: TokenMatch[];
  /** Index just past the last reported match, or `from` when there was none. */
  readonly end: number;
}

/**
 * Finds the tokens in `text` by the rules: surroundings checked, placeholders and phantom
 * markers dismissed.
 */
export function scanTokens(text: string, options: ScanOptions): ScanResult {
  PAIR_INDEX.reset(text);
  let plain: ScanResult;
  let urls: TokenMatch[];
  try {
    plain = scanPlain(text, options);
    const starts = new Set(plain.matches.map((match) => match.index));
    // A password that is itself a token (`https://x:ghp_…@github.com`) is reported once, by
    // its rule.
    urls = scanUrlPasswords(text, options).matches.filter((match) => !starts.has(match.index));
  } finally {
    PAIR_INDEX.reset(""); // hold no text between scans
  }
  const keyed = options.deep ? scanKeyed(text, options).matches : [];
  if (urls.length === 0 && keyed.length === 0) return plain;
  const matches = [...plain.matches, ...urls, ...keyed].sort((a, b) => a.index - b.index)
    .slice(0, options.limit);
  const last = matches[matches.length - 1];
  return { matches, end: last === undefined ? options.from : last.index + last.value.length };
}

/** The plain rules: find a prefix, then try the shapes of the rules it may start. */
function scanPlain(text: string, options: ScanOptions): ScanResult {
  const next = FINDERS.map((finder) => {
    finder.lastIndex = options.from;
    return finder.exec(text);
  });
  const matches: TokenMatch[] = [];
  let end = options.from;
  for (;;) {
    let kind = -1;
    for (const [i, hit] of next.entries()) {
      if (hit !== null && (kind === -1 || hit.index < next[kind]!.index)) kind = i;
    }
    if (kind === -1) break;
    const hit = next[kind]!;
    next[kind] = FINDERS[kind]!.exec(text);
    const found = tryHit(text, hit, kind, options);
    if (found === "stop") break;
    if (found === null) continue;
    const { rule, value, start, stop } = found;
    // Look on past the match: no other token starts inside it.
    for (const [i, finder] of FINDERS.entries()) {
      if (next[i] !== null && next[i]!.index < stop) {
        finder.lastIndex = stop;
        next[i] = finder.exec(text);
      }
    }
    if (isDismissed(rule, value)) continue;
    matches.push({ rule, value, index: start });
    end = start + value.length;
    if (matches.length >= options.limit) break;
  }
  return { matches, end };
}

/** The token a finder's hit starts, if any: its rule, value, start and the match's end. */
function tryHit(
  text: string,
  hit: RegExpExecArray,
  kind: number,
  options: ScanOptions,
): { rule: Rule; value: string; start: number; stop: number } | null | "stop" {
  let index = hit.index;
  let candidates: readonly number[];
  const anchorText = kind === RARE_HIT
    ? ANCHOR_HITS.get(hit[0])
    : kind === SEPARATOR_HIT
    ? ANCHORS_BY_SEPARATOR.get(hit[0])?.find((anchor) =>
      text.startsWith(anchor, index - anchor.length + 1)
    )
    : undefined;
  if (anchorText !== undefined) {
    // An anchor inside the token (`Q~`): it starts a bounded walk back.
    const anchor = ANCHORS.filter((item) => item.text === anchorText);
    index -= kind === RARE_HIT ? anchorText.length - hit[0].length : anchorText.length - 1;
    index = anchoredStart(text, index, anchor[0]!, options.from);
    candidates = anchor.map((item) => item.rule);
  } else {
    if (kind === SEPARATOR_HIT) {
      // A separator: the token starts where the run of token characters before it starts,
      // at most MAX_HEAD characters back (further, and it is glued to something: no token;
      // bounding the walk keeps a hostile run like `sk-sk-sk-…` linear, not quadratic).
      index = runStart(text, index, Math.max(options.from, index - MAX_HEAD));
      if (index > 0 && isTokenCharBefore(text, index)) return null;
    } else if (kind === RARE_HIT) {
      index -= LOOKED_BEHIND.get(hit[0]) ?? 0;
    }
    if (kind !== SEPARATOR_HIT && text[index] !== "-" && isTokenCharBefore(text, index)) {
      return null; // a literal glued to a word (`path` is no Airtable token)
    }
    candidates = candidatesAt(text, index);
  }
  if (index >= options.until) return anchorText === undefined ? "stop" : null;
  for (const candidate of candidates) {
    const shape = shapeOf(candidate);
    shape.lastIndex = index;
    const found = shape.exec(text);
    if (found === null) continue;
    const rule = PLAIN_RULES[candidate]!;
    if (isGlued(rule, text, index, found[0].length)) return null;
    const value = found[1]!;
    const stop = index + found[0].length;
    return { rule, value, start: stop - value.length, stop };
  }
  return null;
}

/** The rules (by index, in table order) with a prefix starting at `index`. */
function candidatesAt(text: string, index: number): number[] {
  const out: number[] = [];
  for (const [prefix, rule] of BY_FIRST_CHAR.get(text[index]!) ?? []) {
    if (!out.includes(rule) && text.startsWith(prefix, index)) out.push(rule);
  }
  return out.sort((a, b) => a - b);
}

/** Where an anchored token may start: the walk back from its anchor, bounded by the rule. */
function anchoredStart(
  text: string,
  index: number,
  anchor: { before: RegExp; max: number },
  floor: number,
): number {
  let start = index;
  while (start > floor && index - start < anchor.max && anchor.before.test(text[start - 1]!)) {
    start--;
  }
  return start;
}

function isGlued(rule: Rule, text: string, index: number, length: number): boolean {
  return rule.id !== "private-key" &&
    (isTokenCharBefore(text, index) || isTokenChar(text.charCodeAt(index + length)));
}

/**
 * Whether the character before `index` continues a token. The `n`, `r` or `t` of an escape
 * (`\n` in a JSON string: a token alone on a line of a logged file) does not.
 */
function isTokenCharBefore(text: string, index: number): boolean {
  if (index === 0 || !isTokenChar(text.charCodeAt(index - 1))) return false;
  return !(index >= 2 && text.charCodeAt(index - 2) === 92 && "nrt".includes(text[index - 1]!));
}

/** The start of the run of token characters that ends at `index`, not before `floor`. */
function runStart(text: string, index: number, floor: number): number {
  let start = index;
  while (start > floor && isTokenCharBefore(text, start)) start--;
  return start;
}

/** The keyed rules: a JWT, reported only right after a key naming a token or a secret. */
function scanKeyed(text: string, options: ScanOptions): ScanResult {
  KEYED_HINT.lastIndex = options.from;
  const matches: TokenMatch[] = [];
  let end = options.from;
  for (let hint = KEYED_HINT.exec(text); hint !== null; hint = KEYED_HINT.exec(text)) {
    let index = hint.index;
    while (index > options.from && isTokenChar(text.charCodeAt(index - 1))) index--;
    if (index >= options.until) break;
    if (index > 0 && isTokenChar(text.charCodeAt(index - 1))) continue; // began before `from`
    KEYED.lastIndex = index;
    const found = KEYED.exec(text);
    if (found === null) continue;
    const group = found.findIndex((part, i) => i > 0 && part !== undefined);
    const rule = KEYED_RULES[group - 1]!;
    const value = found[0];
    if (isGlued(rule, text, index, value.length)) continue;
    KEYED_HINT.lastIndex = index + value.length;
    if (!underSecretKey(text, index) || isDismissed(rule, value)) continue;
    matches.push({ rule, value, index });
    end = index + value.length;
    if (matches.length >= options.limit) break;
  }
  return { matches, end };
}

/** Passwords in URLs (`postgresql://app:…@db`, `https://user:…@host`). */
function scanUrlPasswords(text: string, options: ScanOptions): ScanResult {
  // A password at or after `from` may belong to a URL that began up to 104 characters before.
  URL_SEARCH.lastIndex = Math.max(0, options.from - 104);
  const matches: TokenMatch[] = [];
  let end = options.from;
  for (let found = URL_SEARCH.exec(text); found !== null; found = URL_SEARCH.exec(text)) {
    const value = found[2]!;
    const index = found.index + 3 + found[1]!.length + 1;
    if (index < options.from) continue;
    if (index >= options.until) break;
    // `postgres:postgres@`: a default a tutorial or a local container uses, not a secret.
    if (value === found[1]) continue;
    if (NOT_A_PASSWORD.test(value) || isDismissed(URL_RULE, value)) continue;
    matches.push({ rule: URL_RULE, value, index });
    end = index + value.length;
    if (matches.length >= options.limit) break;
  }
  return { matches, end };
}

/** Whether the value at `index` sits right after a `*token*` / `*secret*` key on its line. */
function underSecretKey(text: string, index: number): boolean {
  const lineStart = Math.max(text.lastIndexOf("\n", index - 1) + 1, index - 120);
  const key = KEY_BEFORE.exec(text.slice(lineStart, index));
  return key !== null && SECRET_KEY.test(key[1]!);
}
