// Copyright the terok-vault authors. MIT license.
/**
 * Forms in which text hides a token from the shapes: terminal colour codes around it, JSON's
 * `\/` escape inside it, a PEM block wrapped in base64 (Kubernetes' `client-key-data`) or cut
 * into a source file's string concatenation. Normalising keeps line breaks where they are, so
 * line numbers stay right.
 *
 * @module
 */
import { isDismissed, type TokenMatch } from "./_token_scan.ts";
import { RULES } from "./rules.ts";

/** ANSI CSI sequences, raw (`ESC [ 32 m`) or as a JSON string holds them (`\u001b[32m`). */
// deno-lint-ignore no-control-regex -- ESC is exactly what a raw colour code starts with.
const ANSI = /\x1b\[[0-9;?]{0,24}[ -/]{0,2}[@-~]|\\u001[bB]\[[0-9;?]{0,24}[ -/]{0,2}[@-~]/g;
/** Longest sequence {@linkcode normalizeText} rewrites: a chunk's end may cut one. */
export const MAX_FORM_LENGTH = 40;

const PRIVATE_KEY = RULES.find((rule) => rule.id === "private-key")!;
const HEADER = "-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----";
const FOOTER = "-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----";
const WHOLE_KEY = new RegExp(`^(?:${PRIVATE_KEY.pattern})$`);
const PLAIN_KEY = new RegExp(PRIVATE_KEY.pattern, "y");
const LEADING_KEY = new RegExp(`^(?:${PRIVATE_KEY.pattern})`);
/**
 * A PEM block cut into quoted pieces joined by `+`, by adjacency or by line continuations.
 * Single dashes only, as in the rule, so repeated headers stay linear.
 */
const CONCATENATED_KEY = new RegExp(
  `${HEADER}(?:[A-Za-z0-9+/=\\s:,.\\\\"'\`]|-(?!-)){64,16000}?${FOOTER}`,
  "y",
);
/** `-----BEGIN` in base64, as a block wrapped whole starts. */
const BASE64_BEGIN = "LS0tLS1CRUdJTi";
const BASE64_RUN = /[A-Za-z0-9+/=]{1,22000}/y;

/**
 * The text with ANSI colour codes turned into a space (a token they wrap is then delimited)
 * and JSON's `\/` into `/`. Text holding neither comes back as it is, at the cost of a search.
 */
export function normalizeText(text: string): string {
  let out = text;
  if (out.includes("\x1b") || out.includes("\\u001")) out = out.replace(ANSI, " ");
  if (out.includes("\\/")) out = out.replaceAll("\\/", "/");
  return out;
}

/** Where a chunk's text may be cut in the middle of a form: the start of the carried tail. */
export function formCut(text: string): number {
  const from = Math.max(0, text.length - MAX_FORM_LENGTH);
  const tail = text.slice(from);
  const at = Math.max(tail.lastIndexOf("\x1b"), tail.lastIndexOf("\\"));
  return at === -1 ? text.length : from + at;
}

/**
 * Private keys the PEM rule cannot see as written: wrapped in base64, or cut into string
 * pieces. Each match's value is the key as a PEM block, its index where the form starts.
 */
export function wrappedKeys(
  text: string,
  options: { readonly from: number; readonly until: number; readonly limit: number },
): TokenMatch[] {
  const matches: TokenMatch[] = [];
  collect(text, options, BASE64_BEGIN, base64Key, matches);
  collect(text, options, "PRIVATE KEY", concatenatedKey, matches);
  return matches.sort((a, b) => a.index - b.index).slice(0, options.limit);
}

/** What a reader makes of a hit: the key (or `null`), where to search on, where the form starts. */
type Reader = (text: string, at: number) => { value: string | null; end: number; index?: number };

function collect(
  text: string,
  options: { readonly from: number; readonly until: number; readonly limit: number },
  needle: string,
  read: Reader,
  out: TokenMatch[],
): void {
  let at = text.indexOf(needle, options.from);
  while (at !== -1 && out.length < options.limit) {
    const { value, end, index = at } = read(text, at);
    if (index >= options.until) break;
    if (value !== null && index >= options.from && !isDismissed(PRIVATE_KEY, value)) {
      out.push({ rule: PRIVATE_KEY, value, index });
    }
    at = text.indexOf(needle, Math.max(end, at + 1));
  }
}

function base64Key(text: string, index: number): { value: string | null; end: number } {
  if (index > 0 && /[A-Za-z0-9+/]/.test(text[index - 1]!)) return { value: null, end: index + 1 };
  BASE64_RUN.lastIndex = index;
  const run = BASE64_RUN.exec(text)![0];
  const end = index + run.length;
  const body = run.replace(/=+$/, "");
  let decoded: string;
  try {
    decoded = atob(body.padEnd(body.length + ((4 - (body.length % 4)) % 4), "="));
  } catch {
    return { value: null, end };
  }
  return { value: LEADING_KEY.exec(decoded)?.[0] ?? null, end };
}

/**
 * From a `PRIVATE KEY` (far rarer in text than the dashes, so found faster) back to its
 * header's `-----BEGIN`, then the pieces from there.
 */
function concatenatedKey(
  text: string,
  at: number,
): { value: string | null; end: number; index: number } {
  // Within the header's bounded length only: a search to the text's start would be quadratic.
  const from = Math.max(0, at - 52);
  const back = text.slice(from, at).lastIndexOf("-----BEGIN");
  if (back === -1) return { value: null, end: at + 1, index: at };
  const index = from + back;
  PLAIN_KEY.lastIndex = index;
  if (PLAIN_KEY.test(text)) return { value: null, end: at + 1, index }; // the rule finds it
  CONCATENATED_KEY.lastIndex = index;
  const found = CONCATENATED_KEY.exec(text);
  if (found === null) return { value: null, end: at + 1, index };
  const value = joinPieces(found[0]);
  return { value: WHOLE_KEY.test(value) ? value : null, end: index + found[0].length, index };
}

/**
 * The string a concatenation of quoted pieces spells, starting inside the first piece:
 * escapes inside a piece are read (`\n` is a line break), what is between pieces dropped.
 */
function joinPieces(source: string): string {
  let out = "";
  let inside = true;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (!inside) {
      if (char === '"' || char === "'" || char === "`") inside = true;
      continue;
    }
    if (char === '"' || char === "'" || char === "`") inside = false;
    else if (char === "\\") {
      const next = source[++i];
      out += next === "n" ? "\n" : next === "r" ? "\r" : next === "t" ? "\t" : (next ?? "");
    } else out += char;
  }
  return out;
}
