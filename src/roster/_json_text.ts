/**
 * JSON text with a fixed key order: `Map`s are written in insertion order and the loader's
 * mappings in document order ({@linkcode keysOf}), so keys that look like array indices
 * ("10", "9") keep the order given instead of the one JS objects impose.
 *
 * @module
 */

import { keysOf } from "./_key_path.ts";

/**
 * Writes `value` as JSON with two-space indentation and `": "` after keys, non-ASCII as UTF-8
 * (the layout of Python's `json.dumps(indent=2, ensure_ascii=False)`).
 */
export function jsonText(value: unknown, indent = ""): string {
  const inner = `${indent}  `;
  if (value instanceof Map) {
    const pairs = [...value].map(([key, item]) =>
      `${inner}${JSON.stringify(String(key))}: ${jsonText(item, inner)}`
    );
    return pairs.length === 0 ? "{}" : `{\n${pairs.join(",\n")}\n${indent}}`;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => `${inner}${jsonText(item, inner)}`);
    return items.length === 0 ? "[]" : `[\n${items.join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const mapping = value as Record<string, unknown>;
    return jsonText(new Map(keysOf(mapping).map((key) => [key, mapping[key]])), indent);
  }
  return JSON.stringify(value) ?? "null";
}
