/**
 * Parses one roster file's YAML text (YAML 1.2 core schema) into plain data, refusing what a
 * hostile file could use to hurt the loader: alias bombs, deep nesting, prototype keys,
 * non-string keys, several documents.
 *
 * @module
 */

import {
  constructFromEvents,
  CORE_SCHEMA,
  defineMappingTag,
  type Event,
  EVENT_ID,
  parseEvents,
  YAMLException,
} from "./_js_yaml.ts";
import { RosterSyntaxError } from "./errors.ts";
import { isMapping, setOwn } from "./_key_path.ts";
import { RESERVED_KEYS } from "./_schema_kit.ts";

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
 * Mappings become plain objects with own data keys only. `__proto__`, `constructor` and
 * `prototype` are refused outright so no later copy or merge can reach a prototype, and
 * non-string keys are refused instead of being silently turned into strings.
 */
const safeMapTag = defineMappingTag<Record<string, unknown>>("tag:yaml.org,2002:map", {
  create: () => ({}),
  identify: isMapping,
  addPair(mapping, key, value) {
    if (typeof key !== "string") return "mapping keys must be strings";
    if (RESERVED_KEYS.includes(key)) return `the key ${JSON.stringify(key)} is not allowed`;
    setOwn(mapping, key, value);
    return "";
  },
  has: (mapping, key) => typeof key === "string" && Object.hasOwn(mapping, key),
  keys: (mapping) => Object.keys(mapping),
  get: (mapping, key) =>
    typeof key === "string" && Object.hasOwn(mapping, key) ? mapping[key] : null,
});

const SAFE_SCHEMA = CORE_SCHEMA.withTags(safeMapTag);

/**
 * Parses `text` (the file shown as `file`) into one document.
 *
 * @throws {RosterSyntaxError} On invalid YAML, duplicate keys, limits, or several documents.
 */
export function parseRosterYaml(text: string, file: string): ParsedYaml {
  const events = runParser(file, () => parseEvents(text, { maxDepth: MAX_DEPTH }));
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
      constructFromEvents(events, { source: text, schema: SAFE_SCHEMA, maxAliases: MAX_ALIASES }),
  );
  return { text, events, document: documents[0] ?? undefined };
}

function runParser<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark;
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
