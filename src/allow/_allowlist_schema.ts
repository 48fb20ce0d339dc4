/**
 * The allowlist file's schema, written once with the roster's schema kit: it validates a
 * parsed file (exact messages, key paths) and describes itself as JSON Schema for `schema
 * allowlist`.
 *
 * @module
 */

import {
  array,
  type JsonSchema,
  object,
  optional,
  refine,
  required,
  type Schema,
  SchemaIssue,
  string,
  withDefault,
} from "../roster/_schema_kit.ts";
import { describeValue } from "../roster/_key_path.ts";
import { globProblem } from "./_glob.ts";

/** A fingerprint as reports print it: 16 hex digits. */
const FINGERPRINT = /^[0-9a-fA-F]{16}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
}

/** A string whose problem, if any, `problem` names (the message says exactly what is wrong). */
function checked(problem: (value: string) => string | undefined, json: JsonSchema): Schema<string> {
  const base = string();
  return {
    expected: base.expected,
    parse(value, path) {
      const text = base.parse(value, path);
      const why = problem(text);
      if (why !== undefined) throw new SchemaIssue(path, why, "value");
      return text;
    },
    jsonSchema: () => ({ ...base.jsonSchema(), ...json }),
  };
}

/** A fingerprint of digits alone reads as a YAML number: say how to write it. */
function fingerprintText(): Schema<string> {
  const base = refine(
    string(),
    "16 hex digits (a report's fingerprint)",
    (v) => FINGERPRINT.test(v),
    {
      pattern: "^[0-9a-fA-F]{16}$",
    },
  );
  return {
    expected: base.expected,
    parse(value, path) {
      if (typeof value === "number") {
        throw new SchemaIssue(
          path,
          'YAML reads this value as a number; write the fingerprint in quotes ("...")',
          "value",
        );
      }
      return base.parse(value, path);
    },
    jsonSchema: base.jsonSchema,
  };
}

const ENTRY_FIELDS = {
  fingerprint: optional(fingerprintText()),
  rule: optional(
    refine(string(), "a rule id", (v) => /^[a-z0-9][a-z0-9-]*$/.test(v), {
      pattern: "^[a-z0-9][a-z0-9-]*$",
    }),
  ),
  path: optional(checked(globProblem, { minLength: 1, not: { pattern: "^/" } })),
  reason: required(refine(string(), "a reason (non-empty text)", (v) => v.trim() !== "", {
    minLength: 1,
    pattern: "\\S",
  })),
  expires: optional(
    refine(string(), "a date YYYY-MM-DD (the last day the entry accepts)", isDate, {
      pattern: "^\\d{4}-\\d{2}-\\d{2}$",
    }),
  ),
};

const entryObject = object(ENTRY_FIELDS);

/** What one entry holds after validation (before its line is known). */
export type ParsedEntry = ReturnType<typeof entryObject.parse>;

/** An entry names a fingerprint, or a rule and a path glob; never both kinds. */
const entry: Schema<ParsedEntry> = {
  expected: "a mapping",
  parse(value, path) {
    const parsed = entryObject.parse(value, path);
    if (parsed.fingerprint !== undefined) {
      const extra = parsed.rule !== undefined ? "rule" : parsed.path !== undefined ? "path" : "";
      if (extra !== "") {
        throw new SchemaIssue(
          [...path, extra],
          "An entry names a fingerprint, or a rule and a path glob, not both",
          "key",
        );
      }
      return parsed;
    }
    const missing = parsed.rule === undefined ? "rule" : parsed.path === undefined ? "path" : "";
    if (missing !== "") {
      throw new SchemaIssue(
        [...path, missing],
        parsed.rule === undefined && parsed.path === undefined
          ? "An entry needs a fingerprint, or a rule and a path glob"
          : `An entry with a ${missing === "rule" ? "path" : "rule"} needs a ${missing} too`,
        "parent",
      );
    }
    return parsed;
  },
  jsonSchema: () => ({
    ...entryObject.jsonSchema(),
    oneOf: [
      {
        required: ["fingerprint"],
        not: { anyOf: [{ required: ["rule"] }, { required: ["path"] }] },
      },
      { required: ["rule", "path"], not: { required: ["fingerprint"] } },
    ],
  }),
};

/** `allowlist_version`: 1, the only version there is. */
const version: Schema<number> = {
  expected: "1",
  parse(value, path) {
    if (value !== 1) {
      throw new SchemaIssue(path, `Expected 1, got ${describeValue(value)}`, "value");
    }
    return 1;
  },
  jsonSchema: () => ({ const: 1 }),
};

/** The whole file. */
export const ALLOWLIST_SCHEMA = object({
  allowlist_version: optional(version),
  accept: withDefault(array(entry), () => []),
});
