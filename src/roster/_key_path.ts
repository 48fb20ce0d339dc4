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

/** Sets an own data property, also for the key `__proto__` (never the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
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
