/**
 * Parses one roster file's YAML text (YAML 1.2 core schema) into plain data, refusing what a
 * hostile file could use to hurt the loader: alias bombs, deep nesting, prototype keys,
 * non-string keys, several documents. YAML merge keys (`<<`) are resolved as terok's parser
 * resolves them.
 *
 * @module
 */

import {
  constructFromEvents,
  CORE_SCHEMA,
  defineMappingTag,
  defineScalarTag,
  defineSequenceTag,
  type Event,
  EVENT_ID,
  NOT_RESOLVED,
  parseEvents,
  YAMLException,
} from "../_js_yaml.ts";
import { RosterSyntaxError } from "./errors.ts";
import { isMapping, keysOf, RESERVED_KEYS, setOwn } from "./_key_path.ts";
import { openFlowAt } from "./_open_flow.ts";
import { openQuoteAt } from "./_open_quote.ts";

/** At most this many nodes once aliases are expanded: far above any real roster file. */
export const MAX_EXPANDED_NODES = 100_000;
/** At most this many aliases per document. */
export const MAX_ALIASES = 1_000;
/** At most this nesting depth. */
export const MAX_DEPTH = 64;

/** A parsed roster file: its text, events (for positions) and its single document. */
export interface ParsedYaml {
  readonly text: string;
  readonly events: readonly Event[];
  /** The document, or `undefined` when the file holds none (empty or only comments). */
  readonly document: unknown;
}

/**
 * A plain `<<` scalar: the YAML merge key. Resolved to this marker (not the string) so a
 * quoted `"<<"` stays an ordinary key, as in terok's parser. js-yaml's own merge support is
 * not used: it places merged keys where the `<<` stands, while terok's parser puts the keys
 * written in the mapping first and the merged ones after them, an order routes.json shows.
 */
const MERGE_KEY: unique symbol = Symbol("YAML merge key");

const mergeKeyTag = defineScalarTag<typeof MERGE_KEY>("tag:terok-vault:merge-key", {
  implicit: true,
  implicitFirstChars: ["<"],
  resolve: (source) => source === "<<" ? MERGE_KEY : NOT_RESOLVED,
  identify: () => false,
});

const MERGE_KEY_MISUSED = "a plain << is a merge key and may only be used as a mapping key";

/** A mapping under construction: its pairs so far and the mappings its `<<` merges in. */
interface MappingCarrier {
  readonly result: Record<string, unknown>;
  merges: readonly Record<string, unknown>[] | null;
}

/**
 * Mappings become plain objects with own data keys only. `__proto__`, `constructor` and
 * `prototype` are refused outright so no later copy or merge can reach a prototype, and
 * non-string keys are refused instead of being silently turned into strings. A `<<` key's
 * mappings are merged in when the mapping is complete: keys written in the mapping win and
 * keep their places, then each merged mapping's other keys follow, the first mapping listed
 * winning (the YAML merge key rules).
 */
const safeMapTag = mapTag(false);

function mapTag(scalarKeys: boolean) {
  return defineMappingTag<MappingCarrier, Record<string, unknown>>("tag:yaml.org,2002:map", {
    create: () => ({ result: {}, merges: null }),
    identify: isMapping,
    addPair(carrier, key, value) {
      if (value === MERGE_KEY) return MERGE_KEY_MISUSED;
      if (key === MERGE_KEY) return addMerge(carrier, value);
      if (scalarKeys && (key === null || ["number", "boolean"].includes(typeof key))) {
        key = String(key);
      }
      if (typeof key !== "string") return "mapping keys must be strings";
      if (RESERVED_KEYS.includes(key)) return `the key ${JSON.stringify(key)} is not allowed`;
      setOwn(carrier.result, key, value);
      return "";
    },
    has: (carrier, key) =>
      key === MERGE_KEY
        ? carrier.merges !== null
        : typeof key === "string" && Object.hasOwn(carrier.result, key),
    finalize: applyMerges,
    keys: (mapping) => keysOf(mapping),
    get: (mapping, key) =>
      typeof key === "string" && Object.hasOwn(mapping, key) ? mapping[key] : null,
  });
}

/** Lists refuse a stray merge key too (terok's parser cannot build one). */
const safeSeqTag = defineSequenceTag<unknown[]>("tag:yaml.org,2002:seq", {
  create: () => [],
  addItem(list, item) {
    if (item === MERGE_KEY) return MERGE_KEY_MISUSED;
    list.push(item);
    return "";
  },
  identify: Array.isArray,
});

function addMerge(carrier: MappingCarrier, value: unknown): string {
  const sources = Array.isArray(value) ? value : [value];
  if (!sources.every(isMapping)) {
    return "a merge key (<<) takes a mapping or a list of mappings";
  }
  carrier.merges = sources;
  return "";
}

function applyMerges(carrier: MappingCarrier): Record<string, unknown> {
  const { result, merges } = carrier;
  for (const source of merges ?? []) {
    for (const key of keysOf(source)) {
      if (!Object.hasOwn(result, key)) setOwn(result, key, source[key]);
    }
  }
  return result;
}

const SAFE_SCHEMA = CORE_SCHEMA.withTags(safeMapTag, safeSeqTag, mergeKeyTag);
/** As SAFE_SCHEMA, but number, boolean and null keys read as their text; built when needed. */
let lenientSchema: typeof SAFE_SCHEMA | undefined;

/**
 * Parses `text` (the file shown as `file`) into one document.
 *
 * @param scalarKeys Read number, boolean and null mapping keys as their text instead of
 * refusing them (terok's config.yml may use them in sections this program does not read).
 * @throws {RosterSyntaxError} On invalid YAML, duplicate keys, limits, or several documents.
 */
export function parseRosterYaml(text: string, file: string, scalarKeys = false): ParsedYaml {
  const events = runParser(file, () => parseEvents(text, { maxDepth: MAX_DEPTH }), text);
  const documentCount = events.filter((event) => event.type === EVENT_ID.DOCUMENT).length;
  if (documentCount > 1) {
    throw new RosterSyntaxError({
      file,
      reason: `A roster file holds one YAML document, found ${documentCount}`,
    });
  }
  checkExpandedSize(events, text, file);
  const documents = runParser(
    file,
    () =>
      constructFromEvents(events, {
        source: text,
        schema: scalarKeys
          ? lenientSchema ??= CORE_SCHEMA.withTags(mapTag(true), safeSeqTag, mergeKeyTag)
          : SAFE_SCHEMA,
        maxAliases: MAX_ALIASES,
      }),
  );
  const document = documents[0] ?? undefined;
  if (document === MERGE_KEY) {
    const scalar = events.find((event) => event.type === EVENT_ID.SCALAR);
    const position = scalar === undefined ? {} : lineColumn(text, scalar.valueStart);
    throw new RosterSyntaxError({ file, ...position, reason: sentence(MERGE_KEY_MISUSED) });
  }
  return { text, events, document };
}

function runParser<T>(file: string, parse: () => T, text?: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark;
      const quote = text === undefined
        ? undefined
        : unclosedQuote(error, text) ?? unclosedFlow(error, text);
      if (quote !== undefined) throw new RosterSyntaxError({ file, ...quote });
      throw new RosterSyntaxError({
        file,
        line: mark ? mark.line + 1 : undefined,
        column: mark ? mark.column + 1 : undefined,
        reason: sentence(error.reason || "Invalid YAML"),
      });
    }
    if (error instanceof RangeError) {
      throw new RosterSyntaxError({ file, reason: "The YAML is nested too deeply" });
    }
    throw error;
  }
}

/**
 * Where and why, when the parser's complaint is really an unclosed quote: it reports the
 * end of the file or the next line's indentation instead of the quote.
 */
function unclosedQuote(
  error: YAMLException,
  text: string,
): { line: number; column: number; reason: string } | undefined {
  const reason = error.reason ?? "";
  if (!/deficient indentation|within a (single|double) quoted scalar/.test(reason)) return;
  const open = openQuoteAt(text, error.mark?.position ?? text.length);
  if (open === undefined) return undefined;
  const kind = open.quote === '"' ? "double" : "single";
  return {
    ...lineColumn(text, open.offset),
    reason: `The ${kind}-quoted string that starts here is never closed`,
  };
}

/**
 * Where and why, when the parser's complaint is really a `[` or `{` that is never closed: it
 * reports the next line's indentation or the end of the file instead of the bracket.
 */
function unclosedFlow(
  error: YAMLException,
  text: string,
): { line: number; column: number; reason: string } | undefined {
  const reason = error.reason ?? "";
  if (!/deficient indentation|end of the stream within a flow collection/.test(reason)) return;
  const open = openFlowAt(text, error.mark?.position ?? text.length);
  if (open === undefined) return undefined;
  const [what, closing] = open.bracket === "[" ? ["list", "]"] : ["mapping", "}"];
  return {
    ...lineColumn(text, open.offset),
    reason: `The ${what} that starts here with "${open.bracket}" is never closed ` +
      `(a "${closing}" is missing)`,
  };
}

function sentence(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

interface SizeFrame {
  nodes: number;
  anchor: string | null;
}

/**
 * Counts the nodes the document would have with every alias expanded, from the events alone
 * (linear time), and refuses the file past {@linkcode MAX_EXPANDED_NODES}: later stages walk
 * the constructed value, whose shared alias targets would otherwise multiply the work.
 */
function checkExpandedSize(events: readonly Event[], text: string, file: string): void {
  const anchorSizes = new Map<string, number>();
  const stack: SizeFrame[] = [{ nodes: 0, anchor: null }];
  const add = (nodes: number, offset: number): void => {
    const frame = stack[stack.length - 1] as SizeFrame;
    frame.nodes += nodes;
    if (frame.nodes > MAX_EXPANDED_NODES) {
      const { line, column } = lineColumn(text, offset);
      throw new RosterSyntaxError({
        file,
        line,
        column,
        reason: `The document has more than ${MAX_EXPANDED_NODES} nodes once aliases are ` +
          "expanded; refusing it",
      });
    }
  };
  const anchorOf = (start: number, end: number): string | null =>
    start >= 0 ? text.slice(start, end) : null;
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.SCALAR: {
        const anchor = anchorOf(event.anchorStart, event.anchorEnd);
        if (anchor !== null) anchorSizes.set(anchor, 1);
        add(1, event.valueStart);
        break;
      }
      case EVENT_ID.ALIAS:
        add(
          anchorSizes.get(text.slice(event.anchorStart, event.anchorEnd)) ?? 1,
          event.anchorStart - 1,
        );
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE:
        stack.push({ nodes: 1, anchor: anchorOf(event.anchorStart, event.anchorEnd) });
        break;
      case EVENT_ID.DOCUMENT:
        stack.push({ nodes: 0, anchor: null });
        break;
      case EVENT_ID.POP: {
        const frame = stack.pop() as SizeFrame;
        if (frame.anchor !== null) anchorSizes.set(frame.anchor, frame.nodes);
        add(frame.nodes, 0);
        break;
      }
    }
  }
}

/** The 1-based line and column (in code points) of a UTF-16 offset into `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const clamped = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < clamped; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  let column = 1;
  for (const _ of text.slice(lineStart, clamped)) column++;
  return { line, column };
}
