/**
 * The loader's slow path shared by both roster generations, imported only when a YAML file has
 * to be read (`--roster DIR`, or a user override exists): read, parse, merge, validate, and tie
 * every error to a file, key path and position.
 *
 * @module
 */

import { RosterSchemaError } from "./errors.ts";
import {
  describeValue,
  formatKeyPath,
  isMapping,
  type KeyPath,
  keysOf,
  setOwn,
} from "./_key_path.ts";
import type { RosterFileRef } from "./_list_yaml_files.ts";
import { mergeDocuments, MergeMarkerError, type MergeProvenance } from "./_merge.ts";
import { type ParsedYaml, parseRosterYaml } from "./_parse_yaml.ts";
import { type PositionKind, positionOf } from "./_positions.ts";
import { readRosterFile } from "./_read_roster_file.ts";
import { type Schema, SchemaIssue } from "./_schema_kit.ts";
import type { RosterNotice } from "./types.ts";

/** How a file's `roster_version` is read: which roster it belongs to. */
export interface VersionMode {
  /** The roster version the file is read as (1, or 3 for a providers-based roster). */
  readonly speaks: 1 | 3;
  /** Whether `roster_version` is stripped (agent files) or an ordinary key (provider files). */
  readonly strip: boolean;
  /** How messages name the roster the file meets, e.g. `the built-in roster`. */
  readonly roster: string;
}

/** One roster file, ready to merge and validate. */
export interface SourceFile {
  readonly name: string;
  /** The file as shown to users. */
  readonly display: string;
  /** The parse result, for positions; `null` for built-in files (no source text at run time). */
  readonly parsed: ParsedYaml | null;
  /** The document without `roster_version`; `null` when the file contributes nothing. */
  readonly document: Record<string, unknown> | null;
  /** The validated config, when already known (built-in files). */
  readonly config?: unknown;
  /**
   * The file declares a newer roster_version: keys this program does not know are dropped
   * (the loader has warned that fields may be ignored) instead of refused as typos.
   */
  readonly newer?: boolean;
}

/** Receives the loader's notices. */
export type Notify = (notice: RosterNotice) => void;

/**
 * Reads and parses `refs` (in parallel), then prepares them in order, so the error reported
 * for several bad files is always the first one by name.
 *
 * Requires `--allow-read` on the files.
 */
export async function readSourceFiles(
  refs: readonly RosterFileRef[],
  notify: Notify,
  mode: VersionMode,
): Promise<SourceFile[]> {
  const texts = await Promise.allSettled(refs.map((ref) => readRosterFile(ref.path, ref.display)));
  return refs.map((ref, index) => {
    const text = texts[index] as PromiseSettledResult<string>;
    if (text.status === "rejected") throw text.reason;
    return prepareSourceFile(ref, parseRosterYaml(text.value, ref.display), notify, mode);
  });
}

function prepareSourceFile(
  ref: RosterFileRef,
  parsed: ParsedYaml,
  notify: Notify,
  mode: VersionMode,
): SourceFile {
  const file = { name: ref.name, display: ref.display, parsed };
  const root = parsed.document;
  if (root === undefined || root === null) {
    notify({ level: "info", file: ref.display, message: "The file is empty; skipped" });
    return { ...file, document: null };
  }
  if (!isMapping(root)) {
    throw new RosterSchemaError({
      file: ref.display,
      ...positionOf(parsed, [], "value"),
      reason: `The top level must be a mapping, got ${describeValue(root)}`,
    });
  }
  const document: Record<string, unknown> = {};
  let newer = false;
  for (const key of keysOf(root)) {
    if (key === "roster_version" && mode.strip) {
      newer = checkVersion(root[key], { ...file, document: null }, notify, mode);
    } else setOwn(document, key, root[key]);
  }
  if (Object.keys(document).length === 0) {
    notify({
      level: "info",
      file: ref.display,
      message: "The file holds only roster_version; skipped",
    });
    return { ...file, document: null };
  }
  return { ...file, document, newer };
}

/**
 * Warns about a newer or non-integer version; returns whether the file is newer.
 *
 * @throws {RosterSchemaError} When the file is written for the other roster generation: a
 * version of 2 or more in a version-1 roster, or version 1 (or below) in a version-3 one.
 */
function checkVersion(
  version: unknown,
  file: SourceFile,
  notify: Notify,
  mode: VersionMode,
): boolean {
  const display = file.display;
  if (typeof version === "number" && Number.isInteger(version)) {
    const generation = version >= 2 ? 3 : 1;
    if (generation !== mode.speaks) throw versionMix(file, version, mode);
    if (version > mode.speaks) {
      notify({
        level: "warning",
        file: display,
        message: `roster_version ${version} is newer than the supported version ` +
          `${mode.speaks}; fields may be ignored`,
      });
      return true;
    }
    return false;
  }
  const shown = typeof version === "string" || typeof version === "number"
    ? JSON.stringify(String(version))
    : describeValue(version);
  notify({
    level: "warning",
    file: display,
    message:
      `roster_version is ${shown}, not an integer; reading the file as version ${mode.speaks}`,
  });
  return false;
}

/** The one error for a file of one roster generation met in a roster of the other. */
export function versionMix(
  file: SourceFile,
  version: number,
  mode: VersionMode,
): RosterSchemaError {
  const [fileKind, rosterKind] = mode.speaks === 1
    ? ["a providers-based file (version 2 or 3)", "version 1 (agents only)"]
    : ["an agents-only file (version 1)", "version 3 (agents/ and providers/)"];
  return schemaError(
    file,
    ["roster_version"],
    ["roster_version"],
    "value",
    `Version ${version} met version ${mode.speaks}: this is ${fileKind}, but ${mode.roster} ` +
      `is ${rosterKind}; the two cannot be mixed`,
  );
}

/**
 * Validates one entry against `schema`: the user file merged onto the base when both exist,
 * else the one there is; every error names the file (and position) the bad part came from.
 *
 * @throws {RosterSchemaError} For a schema violation.
 */
export function validateFile<T>(
  base: SourceFile | undefined,
  user: SourceFile | undefined,
  schema: Schema<T>,
): T {
  if (base !== undefined && user !== undefined) return validateMerged(base, user, schema);
  const file = (base ?? user) as SourceFile;
  return validateSingle(file, schema);
}

function validateSingle<T>(file: SourceFile, schema: Schema<T>): T {
  try {
    return parseDroppingUnknown(schema, file.document, () => file.newer === true);
  } catch (error) {
    if (!(error instanceof SchemaIssue)) throw error;
    if (error.at === "parent") {
      throw schemaError(file, error.path, error.path.slice(0, -1), "keyOrValue", error.reason);
    }
    const kind = error.at === "key" ? "keyOrValue" : "value";
    throw schemaError(file, error.path, error.path, kind, error.reason);
  }
}

function validateMerged<T>(base: SourceFile, user: SourceFile, schema: Schema<T>): T {
  let merged;
  try {
    merged = mergeDocuments(
      base.document as Record<string, unknown>,
      user.document as Record<string, unknown>,
    );
  } catch (error) {
    if (!(error instanceof MergeMarkerError)) throw error;
    throw schemaError(user, error.path, error.path, "keyOrValue", error.reason);
  }
  try {
    return parseDroppingUnknown(schema, merged.document, (path) => {
      const from = merged.provenance.originOf(path).from;
      return (from === "base" ? base : user).newer === true;
    });
  } catch (error) {
    if (!(error instanceof SchemaIssue)) throw error;
    throw mergedSchemaError(error, merged.provenance, base, user);
  }
}

/**
 * Validates `document`, dropping each unknown key for which `droppable` says the key came
 * from a file of a newer roster_version; any other issue is thrown.
 */
function parseDroppingUnknown<T>(
  schema: Schema<T>,
  document: unknown,
  droppable: (path: KeyPath) => boolean,
): T {
  let current = document;
  for (;;) {
    try {
      return schema.parse(current, []);
    } catch (error) {
      if (!(error instanceof SchemaIssue) || !error.unknownKey || !droppable(error.path)) {
        throw error;
      }
      current = withoutKey(current, error.path);
    }
  }
}

/** A copy of `value` without the key at `path` (copies only along the path). */
function withoutKey(value: unknown, path: KeyPath): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (typeof head === "number") copy[head] = withoutKey(copy[head], rest);
    return copy;
  }
  if (!isMapping(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of keysOf(value)) {
    if (key === head && rest.length === 0) continue;
    setOwn(copy, key, key === head ? withoutKey(value[key], rest) : value[key]);
  }
  return copy;
}

/** Names the file (and the path in it) that the bad part of a merged entry came from. */
function mergedSchemaError(
  issue: SchemaIssue,
  provenance: MergeProvenance,
  base: SourceFile,
  user: SourceFile,
): RosterSchemaError {
  const fileOf = (from: "base" | "override") => from === "base" ? base : user;
  if (issue.at === "parent") {
    const deletion = provenance.deletionAt(issue.path);
    if (deletion !== undefined) {
      return schemaError(user, deletion, deletion, "keyOrValue", issue.reason);
    }
    const parent = provenance.originOf(issue.path.slice(0, -1));
    const keyPath = [...parent.path, ...issue.path.slice(-1)];
    return schemaError(fileOf(parent.from), keyPath, parent.path, "keyOrValue", issue.reason);
  }
  const origin = provenance.originOf(issue.path);
  const kind = issue.at === "key" ? "keyOrValue" : "value";
  return schemaError(fileOf(origin.from), origin.path, origin.path, kind, issue.reason);
}

export function schemaError(
  file: SourceFile,
  keyPath: KeyPath,
  positionPath: KeyPath,
  kind: PositionKind,
  reason: string,
): RosterSchemaError {
  const position = file.parsed === null ? undefined : positionOf(file.parsed, positionPath, kind);
  return new RosterSchemaError({
    file: file.display,
    keyPath: formatKeyPath(keyPath),
    line: position?.line,
    column: position?.column,
    reason,
  });
}
