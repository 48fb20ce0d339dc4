/**
 * A tiny schema kit: each schema validates a parsed YAML value into typed output (defaults
 * applied, exact error messages) and describes itself as JSON Schema (draft 2020-12), so the
 * roster schema is written once and both uses stay in step.
 *
 * @module
 */

import { closestName } from "../_closest_name.ts";
import {
  describeValue,
  isMapping,
  type KeyPath,
  keysOf,
  quoteValue,
  RESERVED_KEYS,
  setOwn,
} from "./_key_path.ts";

/** Which position of a node an issue points at: its value, its key, or its parent's key. */
export type IssueAt = "value" | "key" | "parent";

/** A schema violation at a key path, before it is tied to a file and position. */
export class SchemaIssue {
  /**
   * @param path Where the bad value (or the missing key) is.
   * @param reason The sentence shown to users.
   * @param at Which position to report: `parent` for a missing key.
   * @param unknownKey The key is not in the schema (rather than refused on purpose).
   */
  constructor(
    readonly path: KeyPath,
    readonly reason: string,
    readonly at: IssueAt,
    readonly unknownKey = false,
  ) {}
}

/** A JSON Schema fragment. */
export type JsonSchema = Record<string, unknown>;

/** Validates a value into `T` and describes itself as JSON Schema. */
export interface Schema<T> {
  /** How an error message names what was expected, e.g. `a string`. */
  readonly expected: string;
  /** Returns the typed value or throws a {@linkcode SchemaIssue}. */
  parse(value: unknown, path: KeyPath): T;
  /** A fresh JSON Schema fragment for this schema. */
  jsonSchema(): JsonSchema;
}

function mismatch(path: KeyPath, expected: string, value: unknown): SchemaIssue {
  const got = typeof value === "string" ? quoteValue(value) : describeValue(value);
  return new SchemaIssue(path, `Expected ${expected}, got ${got}`, "value");
}

function wrongType(path: KeyPath, expected: string, value: unknown): SchemaIssue {
  return new SchemaIssue(path, `Expected ${expected}, got ${describeValue(value)}`, "value");
}

/** A string. */
export function string(): Schema<string> {
  return {
    expected: "a string",
    parse(value, path) {
      if (typeof value !== "string") throw wrongType(path, "a string", value);
      return value;
    },
    jsonSchema: () => ({ type: "string" }),
  };
}

/** `true` or `false`. */
export function boolean(): Schema<boolean> {
  return {
    expected: "true or false",
    parse(value, path) {
      if (typeof value !== "boolean") throw wrongType(path, "true or false", value);
      return value;
    },
    jsonSchema: () => ({ type: "boolean" }),
  };
}

/** One of a fixed list of strings. */
export function oneOf<const V extends string>(values: readonly V[]): Schema<V> {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  return {
    expected,
    parse(value, path) {
      if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
        throw mismatch(path, expected, value);
      }
      return value as V;
    },
    jsonSchema: () => ({ enum: [...values] }),
  };
}

/** A list whose items all match `item`. */
export function array<T>(item: Schema<T>): Schema<T[]> {
  return {
    expected: "a list",
    parse(value, path) {
      if (!Array.isArray(value)) throw wrongType(path, "a list", value);
      return value.map((v, i) => item.parse(v, [...path, i]));
    },
    jsonSchema: () => ({ type: "array", items: item.jsonSchema() }),
  };
}

const RESERVED_NAMES_JSON: JsonSchema = { not: { enum: [...RESERVED_KEYS] } };

/** A mapping from any string key to values matching `item`. */
export function record<T>(item: Schema<T>): Schema<Record<string, T>> {
  return {
    expected: "a mapping",
    parse(value, path) {
      if (!isMapping(value)) throw wrongType(path, "a mapping", value);
      const out: Record<string, T> = {};
      for (const key of keysOf(value)) {
        setOwn(out, key, item.parse(value[key], [...path, key]));
      }
      return out;
    },
    jsonSchema: () => ({
      type: "object",
      propertyNames: RESERVED_NAMES_JSON,
      additionalProperties: item.jsonSchema(),
    }),
  };
}

/** `schema`, or `null`. */
export function nullable<T>(schema: Schema<T>): Schema<T | null> {
  return {
    expected: `${schema.expected} or null`,
    parse: (value, path) => value === null ? null : schema.parse(value, path),
    jsonSchema: () => ({ anyOf: [schema.jsonSchema(), { type: "null" }] }),
  };
}

/** `schema`, where `null` reads as the value `make()` returns. */
export function nullAs<T>(schema: Schema<T>, make: () => NoInfer<T>): Schema<T> {
  return {
    expected: `${schema.expected} or null`,
    parse: (value, path) => value === null ? make() : schema.parse(value, path),
    jsonSchema: () => ({ anyOf: [schema.jsonSchema(), { type: "null" }] }),
  };
}

/**
 * `first` or `second`, mapped through `convert`; `expected` names both for errors. When one
 * of them matched the outer shape and failed deeper down, that deeper error is reported.
 */
export function either<A, B, R>(
  first: Schema<A>,
  second: Schema<B>,
  expected: string,
  convert: (value: A | B) => R,
): Schema<R> {
  return {
    expected,
    parse(value, path) {
      let deeper: SchemaIssue | undefined;
      for (const schema of [first, second] as const) {
        try {
          return convert(schema.parse(value, path));
        } catch (error) {
          if (!(error instanceof SchemaIssue)) throw error;
          if (error.path.length > path.length) deeper ??= error;
        }
      }
      throw deeper ?? wrongType(path, expected, value);
    },
    jsonSchema: () => ({ anyOf: [first.jsonSchema(), second.jsonSchema()] }),
  };
}

/**
 * `schema`, further restricted by `test`. `json` adds the JSON Schema keywords that express
 * the same restriction (as far as JSON Schema can).
 */
export function refine<T>(
  schema: Schema<T>,
  expected: string,
  test: (value: T) => boolean,
  json: JsonSchema,
): Schema<T> {
  return {
    expected,
    parse(value, path) {
      const parsed = schema.parse(value, path);
      if (!test(parsed)) throw mismatch(path, expected, value);
      return parsed;
    },
    jsonSchema: () => ({ ...schema.jsonSchema(), ...json }),
  };
}

/** Any mapping, its contents free-form (copied, so the result shares nothing with the input). */
export function freeMapping(): Schema<Record<string, unknown>> {
  return {
    expected: "a mapping",
    parse(value, path) {
      if (!isMapping(value)) throw wrongType(path, "a mapping", value);
      return copyFree(value) as Record<string, unknown>;
    },
    jsonSchema: () => ({ $ref: "#/$defs/freeMapping" }),
  };
}

/** The `$defs` that {@linkcode freeMapping} refers to; put them at the document root. */
export function freeDefs(): JsonSchema {
  return {
    freeValue: {
      anyOf: [
        { type: "string" },
        { type: "number" },
        { type: "boolean" },
        { type: "null" },
        { type: "array", items: { $ref: "#/$defs/freeValue" } },
        { $ref: "#/$defs/freeMapping" },
      ],
    },
    freeMapping: {
      type: "object",
      propertyNames: RESERVED_NAMES_JSON,
      additionalProperties: { $ref: "#/$defs/freeValue" },
    },
  };
}

function copyFree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyFree);
  if (!isMapping(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of keysOf(value)) setOwn(out, key, copyFree(value[key]));
  return out;
}

/** A key of an {@linkcode object} schema that must be present. */
export interface RequiredField<T> {
  readonly mode: "required";
  readonly schema: Schema<T>;
}

/** A key that may be absent; `null` (where the schema allows it) reads as absent. */
export interface OptionalField<T> {
  readonly mode: "optional";
  readonly schema: Schema<T>;
}

/** A key that takes the value `make()` returns when absent. */
export interface DefaultField<T> {
  readonly mode: "default";
  readonly schema: Schema<T>;
  readonly make: () => T;
}

/** A key that is refused with a fixed reason (a setting that was removed). */
export interface RejectedField {
  readonly mode: "rejected";
  readonly reason: string;
}

/** Any field of an {@linkcode object} schema. */
// deno-lint-ignore no-explicit-any
export type AnyField = RequiredField<any> | OptionalField<any> | DefaultField<any> | RejectedField;

/** The fields of an {@linkcode object} schema, in output order. */
export type Shape = Record<string, AnyField>;

type FieldValue<F> = F extends { readonly schema: Schema<infer T> } ? T : never;
type PresentKeys<S extends Shape> = {
  // deno-lint-ignore no-explicit-any
  [K in keyof S]: S[K] extends RequiredField<any> | DefaultField<any> ? K : never;
}[keyof S];
type OptionalKeys<S extends Shape> = {
  // deno-lint-ignore no-explicit-any
  [K in keyof S]: S[K] extends OptionalField<any> ? K : never;
}[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & unknown;

/** The typed output of an {@linkcode object} schema with fields `S`. */
export type ObjectOf<S extends Shape> = Simplify<
  & { [K in PresentKeys<S>]: FieldValue<S[K]> }
  & { [K in OptionalKeys<S>]?: Exclude<FieldValue<S[K]>, null> }
>;

/** A required key. */
export function required<T>(schema: Schema<T>): RequiredField<T> {
  return { mode: "required", schema };
}

/** An optional key. */
export function optional<T>(schema: Schema<T>): OptionalField<T> {
  return { mode: "optional", schema };
}

/** A key with a default. */
export function withDefault<T>(schema: Schema<T>, make: () => NoInfer<T>): DefaultField<T> {
  return { mode: "default", schema, make };
}

/** A key that is refused with `reason`. */
export function rejected(reason: string): RejectedField {
  return { mode: "rejected", reason };
}

/** "Unknown key", with the likely intended one when a known key is a typo away. */
function unknownKey(key: string, shape: Shape): string {
  const known = Object.keys(shape).filter((name) => shape[name]?.mode !== "rejected");
  const suggestion = closestName(key, known);
  const hint = suggestion === undefined ? "" : ` (did you mean ${quoteValue(suggestion)}?)`;
  return `Unknown key ${quoteValue(key)}${hint}`;
}

/** A strict mapping: only the keys of `shape`, each checked, defaults applied. */
export function object<S extends Shape>(shape: S): Schema<ObjectOf<S>> {
  const keys = Object.keys(shape);
  return {
    expected: "a mapping",
    parse(value, path) {
      if (!isMapping(value)) throw wrongType(path, "a mapping", value);
      for (const key of keysOf(value)) {
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (field === undefined) {
          throw new SchemaIssue([...path, key], unknownKey(key, shape), "key", true);
        }
        if (field.mode === "rejected") throw new SchemaIssue([...path, key], field.reason, "key");
      }
      const out: Record<string, unknown> = {};
      for (const key of keys) {
        const field = shape[key] as AnyField;
        if (field.mode === "rejected") continue;
        const present = Object.hasOwn(value, key);
        if (!present) {
          if (field.mode === "required") {
            throw new SchemaIssue([...path, key], "Required key is missing", "parent");
          }
          if (field.mode === "default") setOwn(out, key, field.make());
          continue;
        }
        const parsed = field.schema.parse(value[key], [...path, key]);
        if (parsed !== null || field.mode !== "optional") setOwn(out, key, parsed);
      }
      return out as ObjectOf<S>;
    },
    jsonSchema() {
      const properties: Record<string, JsonSchema> = {};
      const requiredKeys: string[] = [];
      for (const key of keys) {
        const field = shape[key] as AnyField;
        if (field.mode === "rejected") continue;
        const json = field.schema.jsonSchema();
        if (field.mode === "default") json.default = field.make();
        if (field.mode === "required") requiredKeys.push(key);
        properties[key] = json;
      }
      const json: JsonSchema = { type: "object", properties };
      if (requiredKeys.length > 0) json.required = requiredKeys;
      json.additionalProperties = false;
      return json;
    },
  };
}
