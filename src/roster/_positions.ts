/**
 * Source positions of a parsed roster file by key path, built from the parser events only
 * when an error needs one (the happy path never pays for it).
 *
 * @module
 */

import {
  type Event,
  EVENT_ID,
  getScalarValue,
  SCALAR_STYLE,
  type ScalarEvent,
} from "./_js_yaml.ts";
import { formatKeyPath, type KeyPath } from "./_key_path.ts";
import { lineColumn, type ParsedYaml } from "./_parse_yaml.ts";

/** Where a node sits: its key (for mapping values) and its value, as UTF-16 offsets. */
interface NodeOffsets {
  readonly key: number | undefined;
  readonly value: number;
}

/** Which offset of a node to report. */
export type PositionKind = "value" | "keyOrValue";

/** A 1-based line and column. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

type Frame =
  | { kind: "mapping"; path: KeyPath; key: { name: string; offset: number } | null }
  | { kind: "sequence"; path: KeyPath; index: number }
  | { kind: "document"; path: KeyPath };

const cache = new WeakMap<ParsedYaml, Map<string, NodeOffsets>>();

/**
 * The position of the node at `path` in `parsed` (or of its nearest ancestor the events
 * reach, e.g. inside an alias), or `undefined` when the file has no such node at all.
 */
export function positionOf(
  parsed: ParsedYaml,
  path: KeyPath,
  kind: PositionKind,
): Position | undefined {
  let offsets = cache.get(parsed);
  if (offsets === undefined) {
    offsets = buildOffsets(parsed);
    cache.set(parsed, offsets);
  }
  for (let length = path.length; length >= 0; length--) {
    const node = offsets.get(formatKeyPath(path.slice(0, length)));
    if (node === undefined) continue;
    const exact = length === path.length;
    const offset = exact && kind === "keyOrValue" ? node.key ?? node.value : node.value;
    return lineColumn(parsed.text, offset);
  }
  return undefined;
}

function scalarOffset(event: ScalarEvent): number {
  const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED ||
    event.style === SCALAR_STYLE.DOUBLE_QUOTED;
  return quoted ? event.valueStart - 1 : event.valueStart;
}

function nodeOffset(event: Event): number {
  switch (event.type) {
    case EVENT_ID.SCALAR:
      return scalarOffset(event);
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return event.start;
    case EVENT_ID.ALIAS:
      return Math.max(0, event.anchorStart - 1);
    default:
      return 0;
  }
}

function buildOffsets(parsed: ParsedYaml): Map<string, NodeOffsets> {
  const offsets = new Map<string, NodeOffsets>();
  const stack: Frame[] = [];
  for (const event of parsed.events) {
    if (event.type === EVENT_ID.DOCUMENT) {
      stack.push({ kind: "document", path: [] });
      continue;
    }
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const parent = stack[stack.length - 1];
    if (parent === undefined) continue;
    if (parent.kind === "mapping" && parent.key === null) {
      // A key node: remember it for the value that follows.
      const name = event.type === EVENT_ID.SCALAR ? getScalarValue(parsed.text, event) : "";
      parent.key = { name, offset: nodeOffset(event) };
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
        stack.push({ kind: "document", path: [...parent.path, "\0complex-key"] });
      }
      continue;
    }
    let path: KeyPath;
    let key: number | undefined;
    if (parent.kind === "mapping" && parent.key !== null) {
      path = [...parent.path, parent.key.name];
      key = parent.key.offset;
      parent.key = null;
    } else if (parent.kind === "sequence") {
      path = [...parent.path, parent.index++];
    } else {
      path = parent.path;
    }
    offsets.set(formatKeyPath(path), { key, value: nodeOffset(event) });
    if (event.type === EVENT_ID.MAPPING) stack.push({ kind: "mapping", path, key: null });
    if (event.type === EVENT_ID.SEQUENCE) stack.push({ kind: "sequence", path, index: 0 });
  }
  return offsets;
}
