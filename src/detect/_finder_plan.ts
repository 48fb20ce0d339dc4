// Copyright the terok-vault authors. MIT license.
/**
 * How the token finder is laid out for a list of rules: its three regular expressions and the
 * lookup tables around them. Computing this costs the program's start-up about ten
 * milliseconds, so `deno task build-finders` computes it once and writes
 * `_finder_tables.ts`; the scan loads that (tests/detect/finder_tables_test.ts fails when it is
 * stale, and the scan refuses to load tables made from other rules). At run time only
 * {@linkcode plainRules} and {@linkcode rulesSignature} are called.
 *
 * @module
 */
import { isAsciiPair } from "./_bigram_index.ts";
import type { Rule } from "./types.ts";

/** Characters inside prefixes that are rare in text: the finder looks for these first. */
export const SEPARATORS = "_-./~";

/** The finder's layout, as plain data. Rules are named by their index in `plainRules`. */
export interface FinderTables {
  /** The plain rules' fields the layout is made from (see {@linkcode rulesSignature}). */
  readonly signature: string;
  /** The three finders' sources: separators, rare literals, lower-case literals. */
  readonly finders: readonly [string, string, string];
  /** First character of a prefix -> `[prefix, rule]`, in table order. */
  readonly byFirstChar: readonly (readonly [string, readonly (readonly [string, number])[]])[];
  /** The anchored rules: literal, where the token may start before it, how far, the rule. */
  readonly anchors: readonly {
    readonly text: string;
    readonly before: string;
    readonly max: number;
    readonly rule: number;
  }[];
  /** What the rare-literal pass matches of an anchor (`A` of `:A`) -> the anchor's text. */
  readonly anchorHits: readonly (readonly [string, string])[];
  /** The separator a separator-pass anchor ends in -> the anchors ending so. */
  readonly anchorsBySeparator: readonly (readonly [string, readonly string[]])[];
  /** A literal looked for from its first rare character (`BEGIN` of `-----BEGIN`): how far in. */
  readonly lookedBehind: readonly (readonly [string, number])[];
  /** The most characters a token may have before a separator the finder hits. */
  readonly maxHead: number;
  /**
   * The first two characters of each lower-case literal (`da` of `dapi`), which the third
   * finder is looked for by (`_bigram_index.ts`); `null` when a literal has fewer.
   */
  readonly lowerPairs: readonly string[] | null;
}

/** The rules the finder looks for: matched everywhere, with a prefix or an anchor. */
export function plainRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((rule) =>
    !rule.keyed && (rule.prefixes.length > 0 || rule.anchor !== undefined)
  );
}

/**
 * The plain rules' ids, prefixes, patterns, leads and anchors as one text: what the layout is
 * made from, compared at load (natively, well under a millisecond) with the text the generated
 * tables were made from.
 */
export function rulesSignature(plain: readonly Rule[]): string {
  return JSON.stringify(
    plain.map((rule) => [rule.id, rule.prefixes, rule.pattern, rule.lead, rule.anchor]),
  );
}

/**
 * The finder's layout for `rules` (see `_token_scan.ts` for how each part is used).
 *
 * @param rules The whole rule table (the plain rules are picked from it).
 * @returns The layout, as plain data.
 */
export function finderPlan(rules: readonly Rule[]): FinderTables {
  const PLAIN_RULES = plainRules(rules);
  const BY_FIRST_CHAR = new Map<string, [string, number][]>();
  for (const [rule, { prefixes }] of PLAIN_RULES.entries()) {
    for (const prefix of prefixes) {
      BY_FIRST_CHAR.set(prefix[0]!, [...(BY_FIRST_CHAR.get(prefix[0]!) ?? []), [prefix, rule]]);
    }
  }
  /**
   * Lower-case literals whose shape puts a separator a fixed distance in (`pat` + 14
   * characters + `.` of an Airtable token): found from that separator, literal and characters
   * checked behind it, as cheap as any separator. Looked for as literals, lower-case letters
   * common in text (`pat` in every `path`) would cost a pass of their own.
   */
  const FIXED_SEPARATORS = PLAIN_RULES.flatMap((rule) =>
    rule.lead !== undefined ? [] : rule.prefixes.flatMap((prefix) => {
      if (!/^[a-z]+$/.test(prefix)) return [];
      const shape = /^(\[[^\]\\]+\]\{(\d+)\})(\\[./]|[-_~])/.exec(
        rule.pattern.slice(escapeRegExp(prefix).length),
      );
      if (!rule.pattern.startsWith(escapeRegExp(prefix)) || shape === null) return [];
      return [{
        rule,
        prefix,
        behind: `${escapeRegExp(prefix)}${shape[1]}`,
        separator: shape[3]!.replace("\\", ""),
        distance: prefix.length + Number(shape[2]),
      }];
    })
  );
  /**
   * The anchors ending in a separator (`Q~`, `.atlasv1.`): found by the separator pass, the
   * rest of the anchor checked behind. Other anchors (`:A`) join the rare literals.
   */
  const SEPARATOR_ANCHORS = new Set(
    PLAIN_RULES.flatMap((rule) => rule.anchor?.text ?? [])
      .filter((text) => text.length > 1 && SEPARATORS.includes(text[text.length - 1]!)),
  );
  const anchors = PLAIN_RULES.flatMap((rule, index) =>
    rule.anchor === undefined ? [] : [{
      text: rule.anchor.text,
      before: `^${rule.anchor.before}$`,
      max: rule.anchor.max,
      rule: index,
    }]
  );
  const ANCHOR_HITS = new Map(
    anchors.filter((anchor) => !SEPARATOR_ANCHORS.has(anchor.text))
      .map((anchor) => [anchor.text.slice(anchorOffset(anchor.text)), anchor.text]),
  );
  const ANCHORS_BY_SEPARATOR = new Map<string, string[]>();
  for (const text of SEPARATOR_ANCHORS) {
    const last = text[text.length - 1]!;
    ANCHORS_BY_SEPARATOR.set(last, [...(ANCHORS_BY_SEPARATOR.get(last) ?? []), text]);
  }
  const minimal = minimalPrefixes(PLAIN_RULES, FIXED_SEPARATORS);
  const [separators = "", rare = "", lower = "", lowerLiterals = []] = prefixFinderSources(
    minimal,
    PLAIN_RULES,
    FIXED_SEPARATORS,
    SEPARATOR_ANCHORS,
    ANCHOR_HITS,
  );
  return {
    signature: rulesSignature(PLAIN_RULES),
    finders: [separators, rare, lower],
    byFirstChar: [...BY_FIRST_CHAR],
    anchors,
    anchorHits: [...ANCHOR_HITS],
    anchorsBySeparator: [...ANCHORS_BY_SEPARATOR],
    lookedBehind: minimal.flatMap((prefix) => {
      const at = rareStart(prefix);
      return at > 0 && headLength(prefix) === 0 ? [[prefix.slice(at), at] as const] : [];
    }),
    maxHead: Math.max(
      ...minimal.map(headLength),
      ...FIXED_SEPARATORS.map((item) => item.distance),
    ),
    lowerPairs: lowerLiterals.every((literal) => isAsciiPair(literal.slice(0, 2)))
      ? [...new Set(lowerLiterals.map((literal) => literal.slice(0, 2)))]
      : null,
  };
}

/** A lower-case literal found from a separator a fixed distance in. */
interface FixedSeparator {
  readonly rule: Rule;
  readonly prefix: string;
  readonly behind: string;
  readonly separator: string;
  readonly distance: number;
}

/** Where the rare-literal pass starts looking for an anchor: its first rare character. */
function anchorOffset(anchor: string): number {
  return Math.max(0, anchor.search(/[A-Z0-9~]/));
}

/**
 * Where the rare-literal pass starts looking for a literal: its first upper-case letter or
 * digit (`B` of `-----BEGIN`, `V` of `cmVmd`), 0 for a literal with none that does not start
 * with a lower-case letter (`_gitlab_session=`), -1 for one that goes with the lower-case
 * literals: starting with lower-case letters only, or with under three characters from its
 * first rare one (`2` of `oy2`: the pass would stop at every digit).
 */
function rareStart(literal: string): number {
  const at = literal.search(/[A-Z0-9]/);
  if (at === -1) return /^[a-z]/.test(literal) ? -1 : 0;
  return literal.length - at < 3 ? -1 : at;
}

/**
 * The plain rules' prefixes the finder looks for, without those another one already starts
 * (`sk-` covers `sk-ant-`) and those found from a fixed separator.
 */
function minimalPrefixes(
  plain: readonly Rule[],
  fixedSeparators: readonly FixedSeparator[],
): string[] {
  const fixed = new Set(
    fixedSeparators.map((item) => item.prefix).filter((prefix) =>
      plain.every((rule) =>
        !rule.prefixes.includes(prefix) ||
        fixedSeparators.some((item) => item.prefix === prefix && item.rule === rule)
      )
    ),
  );
  const all = [...new Set(plain.flatMap((rule) => rule.prefixes))]
    .filter((prefix) => !fixed.has(prefix));
  return all.filter((prefix) => !all.some((other) => other !== prefix && prefix.startsWith(other)));
}

/** Characters before a prefix's first separator (after its first character), or 0 for none. */
function headLength(prefix: string): number {
  const at = [...prefix].findIndex((char, i) => i > 0 && SEPARATORS.includes(char));
  return at === -1 || SEPARATORS.includes(prefix[0]!) ? 0 : at;
}

/**
 * The finder's three regular expressions. Most prefixes hold a separator after their first
 * letters (`gh` `_`, `sk` `-`, `lin` `_`); looking for the separator and checking the letters
 * behind it is about four times faster than an alternation of the prefixes, whose first
 * letters (`s`, `g`, `n`, `l`, ...) are the commonest in text. Anchors ending in a separator
 * and lower-case literals with a separator a fixed distance in join that pass. The other
 * literals (`AIza`, `-----BEGIN`) are looked for from their first upper-case letter or digit,
 * the rest checked behind: a search the engine skips through (every alternative starting with
 * a character rare in text, none shorter than three). What is left (`dapi`, `cio`, `oy2`) gets
 * a pass of its own, which checks that a token's body follows (every such rule's body is at
 * least 12 characters), so those hits never reach the rules; it is tried only where their
 * first two characters stand (`_bigram_index.ts`), as an engine stops at every `d`, `c` and
 * `o`. A hit in the first pass is the separator, and the token starts at the beginning of the
 * run of token characters before it; in the others, at the literal. Also returned: the
 * lower-case literals themselves.
 */
function prefixFinderSources(
  prefixes: readonly string[],
  plain: readonly Rule[],
  fixedSeparators: readonly FixedSeparator[],
  separatorAnchors: ReadonlySet<string>,
  anchorHits: ReadonlyMap<string, string>,
): [string, string, string, string[]] {
  const heads = new Map<string, string[]>();
  const literals: string[] = [];
  const add = (separator: string, head: string) =>
    heads.set(separator, [...(heads.get(separator) ?? []), head]);
  for (const prefix of prefixes) {
    const at = headLength(prefix);
    if (at === 0) literals.push(prefix);
    else add(prefix[at]!, prefix.slice(0, at));
  }
  for (const anchor of separatorAnchors) add(anchor[anchor.length - 1]!, anchor.slice(0, -1));
  // The letters behind as a trie from their end (the engine reads a lookbehind backwards):
  // at a separator after `a`, only the heads ending in `a` are tried, not all sixty.
  const anchored = [...heads].map(([separator, list]) => {
    const fixed = fixedSeparators.filter((item) => item.separator === separator)
      .map((item) => `|${item.behind}`).join("");
    return `(?<=${suffixTrieSource(list)}${fixed})${escapeRegExp(separator)}`;
  });
  const leads = new Set(
    plain.flatMap((rule) => rule.lead === undefined ? [] : rule.prefixes),
  );
  const rare: string[] = [];
  const lower: string[] = [];
  const lowerLiterals: string[] = [];
  for (const literal of literals) {
    const at = rareStart(literal);
    const source = escapeRegExp(literal);
    if (at === -1) lowerLiterals.push(literal);
    if (at === -1) lower.push(leads.has(literal) ? source : `${source}(?=[\\w.-]{12})`);
    else if (at === 0) rare.push(source);
    else rare.push(`${escapeRegExp(literal.slice(at))}(?<=${source})`);
  }
  // Other anchors join the rare literals the same way (`A` of `:A`).
  for (const anchor of anchorHits.values()) {
    const at = anchorOffset(anchor);
    rare.push(
      at === 0
        ? escapeRegExp(anchor)
        : `${escapeRegExp(anchor.slice(at))}(?<=${escapeRegExp(anchor)})`,
    );
  }
  return [anchored.join("|"), rare.join("|"), lower.join("|"), lowerLiterals];
}

/** A regular expression source matching any of `words`, shared endings factored out. */
function suffixTrieSource(words: readonly string[]): string {
  const byLast = new Map<string, string[]>();
  let empty = false;
  for (const word of new Set(words)) {
    if (word === "") empty = true;
    else byLast.set(word.slice(-1), [...(byLast.get(word.slice(-1)) ?? []), word.slice(0, -1)]);
  }
  const alternatives = [...byLast].map(([last, rests]) => {
    const rest = rests.length === 1 ? escapeRegExp(rests[0]!) : `(?:${suffixTrieSource(rests)})`;
    return `${rest}${escapeRegExp(last)}`;
  });
  const body = alternatives.join("|");
  return empty ? `(?:${body})?` : body;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * The text of `_finder_tables.ts` for `rules`, before `deno fmt` (the build formats it).
 *
 * @param rules The whole rule table.
 * @returns The module's source text.
 */
export function finderTablesModule(rules: readonly Rule[]): string {
  return [
    "// Copyright the terok-vault authors. MIT license.",
    "// Generated by `deno task build-finders` (scripts/build_finder_tables.ts) from the rules",
    "// in src/detect/rules/ by src/detect/_finder_plan.ts. Do not edit:",
    "// tests/detect/finder_tables_test.ts fails when this file is stale.",
    'import type { FinderTables } from "./_finder_plan.ts";',
    "",
    "/** The token finder's layout for the rules in `rules.ts`. */",
    `export const FINDER_TABLES: FinderTables = ${JSON.stringify(finderPlan(rules), null, 2)};`,
    "",
  ].join("\n");
}
