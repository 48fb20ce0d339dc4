/**
 * Key paths: where a value sits in a roster document, as a list of mapping keys and list
 * indices, and its printed form (`vault.oauth_refresh.token_url`, `mounts[1].host_dir`).
 *
 * @module
 */

/** Mapping keys and list indices from the document root. */
export type KeyPath = readonly (string | number)[];

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Prints a key path. Keys that are not plain identifiers are quoted (`["/backend-api/"]`) so
 * the printed form stays unambiguous.
 */
export function formatKeyPath(path: KeyPath): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else if (PLAIN_KEY.test(part)) text += text === "" ? part : `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

/** Shows a value in an error message: quoted, control characters escaped, long ones cut. */
export function quoteValue(value: string): string {
  const limit = 80;
  const shown = value.length > limit ? `${value.slice(0, limit)}...` : value;
  return JSON.stringify(shown);
}

/** Names the YAML type of a value for "Expected ..., got ..." messages. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "number":
      return Number.isInteger(value) ? "an integer" : "a number";
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

/** Keys refused in every mapping, so no parsed or merged object can reach a prototype. */
export const RESERVED_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];

/**
 * The document order of each mapping's keys. JS objects list integer-like keys ("10", "9",
 * "0") first, in numeric order; YAML and terok keep them where they were written, and
 * routes.json must too. Every mapping the loader builds goes through {@linkcode setOwn},
 * which records the order here; {@linkcode keysOf} reads it back.
 */
const keyOrders = new WeakMap<object, string[]>();

/** The own keys of a mapping in the order they were set (document order for parsed YAML). */
export function keysOf(mapping: Readonly<Record<string, unknown>>): string[] {
  const order = keyOrders.get(mapping);
  if (order === undefined) return Object.keys(mapping);
  return order.length === Object.keys(mapping).length
    ? [...order]
    : order.filter((key) => Object.hasOwn(mapping, key));
}

/**
 * Sets an own data property, also for the key `__proto__` (never the prototype), and records
 * a new key's position for {@linkcode keysOf}.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.hasOwn(target, key)) {
    const order = keyOrders.get(target) ?? Object.keys(target);
    order.push(key);
    keyOrders.set(target, order);
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** True for a YAML mapping as the roster parser builds it (a plain object, not a list). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
