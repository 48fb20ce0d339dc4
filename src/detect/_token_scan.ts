// Copyright the terok-vault authors. MIT license.
import { holdsPhantomMarker } from "./_markers.ts";
import { isPlaceholder } from "./_placeholder.ts";
import { RULES } from "./rules.ts";
import type { Rule } from "./types.ts";

/** One token found in text, not yet turned into evidence. */
export interface TokenMatch {
  readonly rule: Rule;
  readonly value: string;
  /** UTF-16 index of the first character in the scanned text. */
  readonly index: number;
}

/**
 * All rules as one alternation, one capturing group per rule, so the text is walked once by
 * the regular-expression engine rather than once per rule.
 */
const COMBINED_SOURCE = RULES.map((rule) => `(${rule.pattern})`).join("|");
const WHOLE_VALUE = new Map<string, RegExp>(
  RULES.map((rule) => [rule.id, new RegExp(`^(?:${rule.pattern})$`)]),
);

/** Characters a token is made of; a match glued to one of these is part of something else. */
function isTokenChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ||
    code === 95 || code === 45;
}

/** A JWT counts in a deep scan only right after a key naming a token or a secret. */
const KEY_BEFORE = /([A-Za-z0-9_.-]+)["']?\s*[:=]\s*["']?(?:Bearer\s+)?$/;
const SECRET_KEY = /token|secret/i;

/** Whether a keyed (low-confidence) match at `index` sits under a `*token*`/`*secret*` key. */
function underSecretKey(text: string, index: number): boolean {
  const lineStart = Math.max(text.lastIndexOf("\n", index - 1) + 1, index - 120);
  const key = KEY_BEFORE.exec(text.slice(lineStart, index));
  return key !== null && SECRET_KEY.test(key[1]!);
}

/** The public prefix of `value` under `rule` (the longest listed prefix it starts with). */
export function publicPrefix(rule: Rule, value: string): string {
  if (rule.id === "private-key") return value.slice(0, value.indexOf("-----", 5) + 5);
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
  if (rule.id.startsWith("anthropic-")) variable = variable.slice(0, -2);
  return variable.replace("T3BlbkFJ", "");
}

/** Whether a match is a placeholder or a phantom rather than a secret. */
export function isDismissed(rule: Rule, value: string): boolean {
  return holdsPhantomMarker(value) || isPlaceholder(variablePart(rule, value));
}

/** The rule whose whole shape `value` has, if any (for values a known format names). */
export function ruleOfValue(value: string): Rule | undefined {
  return RULES.find((rule) => WHOLE_VALUE.get(rule.id)!.test(value));
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
  const pattern = new RegExp(COMBINED_SOURCE, "g");
  pattern.lastIndex = options.from;
  const matches: TokenMatch[] = [];
  let end = options.from;
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    const index = found.index;
    if (index >= options.until) break;
    const value = found[0];
    const group = found.findIndex((part, i) => i > 0 && part !== undefined);
    const rule = RULES[group - 1]!;
    const glued = rule.id !== "private-key" &&
      ((index > 0 && isTokenChar(text.charCodeAt(index - 1))) ||
        isTokenChar(text.charCodeAt(index + value.length)));
    if (glued) {
      pattern.lastIndex = index + 1;
      continue;
    }
    if (rule.keyed && !(options.deep && underSecretKey(text, index))) continue;
    if (isDismissed(rule, value)) continue;
    matches.push({ rule, value, index });
    end = index + value.length;
    if (matches.length >= options.limit) break;
  }
  return { matches, end };
}
