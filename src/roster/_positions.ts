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
} from "../_js_yaml.ts";
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
  | {
    kind: "mapping";
    path: KeyPath;
    key: { name: string; offset: number; merge: boolean } | null;
  }
  | { kind: "sequence"; path: KeyPath; index: number; mergeInto: KeyPath | undefined }
  | { kind: "document"; path: KeyPath };

/**
 * Node offsets by printed key path, plus where the keys a mapping got through a merge key
 * (`<<`) are written: mapping path -> the merged mappings' paths, first one first.
 */
interface Offsets {
  readonly nodes: Map<string, NodeOffsets>;
  readonly merges: Map<string, KeyPath[]>;
}

const cache = new WeakMap<ParsedYaml, Offsets>();

/** Merged mappings may themselves merge; a hostile chain is cut short here. */
const MAX_MERGE_HOPS = 16;

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
    const node = findNode(offsets, path.slice(0, length), 0);
    if (node === undefined) continue;
    const exact = length === path.length;
    const offset = exact && kind === "keyOrValue" ? node.key ?? node.value : node.value;
    return lineColumn(parsed.text, offset);
  }
  return undefined;
}

/** The node at `path`: written there, or written in a mapping merged in along the path. */
function findNode(offsets: Offsets, path: KeyPath, hops: number): NodeOffsets | undefined {
  const node = offsets.nodes.get(formatKeyPath(path));
  if (node !== undefined || hops >= MAX_MERGE_HOPS) return node;
  for (let length = path.length - 1; length >= 0; length--) {
    for (const source of offsets.merges.get(formatKeyPath(path.slice(0, length))) ?? []) {
      const found = findNode(offsets, [...source, ...path.slice(length)], hops + 1);
      if (found !== undefined) return found;
    }
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

function buildOffsets(parsed: ParsedYaml): Offsets {
  const nodes = new Map<string, NodeOffsets>();
  const merges = new Map<string, KeyPath[]>();
  const anchors = new Map<string, KeyPath>();
  const addMerge = (mapping: KeyPath, source: KeyPath) => {
    const key = formatKeyPath(mapping);
    merges.set(key, [...(merges.get(key) ?? []), source]);
  };
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
      const merge = event.type === EVENT_ID.SCALAR && event.style === SCALAR_STYLE.PLAIN &&
        name === "<<";
      parent.key = { name, offset: nodeOffset(event), merge };
      if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
        stack.push({ kind: "document", path: [...parent.path, "\0complex-key"] });
      }
      continue;
    }
    let path: KeyPath;
    let key: number | undefined;
    let mergeInto: KeyPath | undefined;
    if (parent.kind === "mapping" && parent.key !== null) {
      path = [...parent.path, parent.key.name];
      key = parent.key.offset;
      if (parent.key.merge) mergeInto = parent.path;
      parent.key = null;
    } else if (parent.kind === "sequence") {
      path = [...parent.path, parent.index++];
      mergeInto = parent.mergeInto;
    } else {
      path = parent.path;
    }
    nodes.set(formatKeyPath(path), { key, value: nodeOffset(event) });
    const collection = event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE;
    if (collection && event.anchorStart >= 0) {
      anchors.set(parsed.text.slice(event.anchorStart, event.anchorEnd), path);
    }
    if (mergeInto !== undefined) {
      // A merged mapping, or an alias of one; a list of them is handled item by item.
      if (event.type === EVENT_ID.MAPPING) addMerge(mergeInto, path);
      if (event.type === EVENT_ID.ALIAS) {
        const source = anchors.get(parsed.text.slice(event.anchorStart, event.anchorEnd));
        if (source !== undefined) addMerge(mergeInto, source);
      }
    }
    if (event.type === EVENT_ID.MAPPING) stack.push({ kind: "mapping", path, key: null });
    if (event.type === EVENT_ID.SEQUENCE) {
      const items = parent.kind === "mapping" ? mergeInto : undefined;
      stack.push({ kind: "sequence", path, index: 0, mergeInto: items });
    }
  }
  return { nodes, merges };
}
