/**
 * Reads `paths.root` out of terok's layered config.yml files.
 *
 * @module
 */

import { terokLocation } from "./_env_paths.ts";
import type { PathContext } from "./paths.ts";
import type { ParsedYaml } from "./roster/_parse_yaml.ts";

/** Where a problem with terok's config.yml is and what it is. */
export interface TerokConfigErrorDetails {
  /** The config file. */
  readonly file: string;
  /** The key path (`paths.root`), when the problem is one value. */
  readonly keyPath?: string | undefined;
  /** 1-based line, when known. */
  readonly line?: number | undefined;
  /** 1-based column, when known. */
  readonly column?: number | undefined;
  /** The reason sentence. */
  readonly reason: string;
}

/**
 * terok's config.yml cannot be used: it cannot be read, is not valid YAML, or its `paths`
 * settings are not what terok would read. A `RangeError`: the configuration puts the state
 * root outside what can be worked out, and guessing would scan or write the wrong place.
 */
export class TerokConfigError extends RangeError {
  /** The config file. */
  readonly file: string;

  /**
   * Builds the one-line message `<file>[:<line>:<column>]: [<key>: ]<reason>`.
   *
   * @param details Where the problem is and what it is.
   * @param options The underlying error, if any.
   */
  constructor(details: TerokConfigErrorDetails, options?: ErrorOptions) {
    const at = details.line === undefined ? "" : `:${details.line}:${details.column ?? 1}`;
    const key = details.keyPath === undefined ? "" : `${details.keyPath}: `;
    super(`${details.file}${at}: ${key}${details.reason}`, options);
    this.name = "TerokConfigError";
    this.file = details.file;
  }
}

/** The layered `paths` setting so far: none, a `root` value, or a `paths` that is no mapping. */
type RootSetting =
  | { readonly kind: "none" }
  | { readonly kind: "root" | "badPaths"; readonly value: unknown; readonly at: Source };

/** A parsed config file. */
interface Source {
  readonly file: string;
  readonly parsed: ParsedYaml;
}

/**
 * Reads terok's config.yml `files` (lowest priority first; see `configFiles`) and returns
 * their layered `paths.root`, as terok does: a later file's value wins; `null` deletes what an
 * earlier one set and `_inherit` keeps it, for `paths` and for `root` alike; an empty string is
 * no root. The value gets `~` expanded; it must then be absolute and not `/`. A file that does
 * not exist is skipped; YAML is loaded only when one does.
 *
 * Requires `--allow-read` on the files, and `--allow-env=HOME` for `~`.
 *
 * @param files The config files, lowest priority first.
 * @param context The variables (HOME, for `~`).
 * @returns The root, or undefined when no file sets one.
 * @throws {TerokConfigError} When a file cannot be read, is not valid YAML, its top level is not
 * a mapping, `paths` is not a mapping, or `paths.root` is not a string or not a usable path.
 *
 * @example Where the state root is
 * ```ts ignore
 * const root = await readConfigRoot(configFiles(context), context);
 * ```
 */
export async function readConfigRoot(
  files: readonly string[],
  context: PathContext,
): Promise<string | undefined> {
  const texts = await Promise.all(files.map(readIfPresent));
  if (texts.every((text) => text === undefined)) return undefined;
  const { parseRosterYaml } = await import("./roster/_parse_yaml.ts");
  const { isMapping, describeValue } = await import("./roster/_key_path.ts");
  const { positionOf } = await import("./roster/_positions.ts");
  const fail = (at: Source, path: string[], reason: string): never => {
    throw new TerokConfigError({
      file: at.file,
      keyPath: path.length === 0 ? undefined : path.join("."),
      ...positionOf(at.parsed, path, "value"),
      reason,
    });
  };
  let setting: RootSetting = { kind: "none" };
  for (const [index, file] of files.entries()) {
    const text = texts[index];
    if (text === undefined) continue;
    const at = { file, parsed: withFile(file, () => parseRosterYaml(text, file, true)) };
    const document = at.parsed.document;
    if (document === undefined || document === null) continue;
    if (!isMapping(document)) {
      fail(at, [], `The top level must be a mapping, got ${describeValue(document)}`);
    }
    setting = layer(setting, document as Record<string, unknown>, at, isMapping);
  }
  if (setting.kind === "none") return undefined;
  const { value, at } = setting;
  if (setting.kind === "badPaths") {
    return fail(at, ["paths"], `Expected a mapping, got ${describeValue(value)}`);
  }
  if (typeof value !== "string") {
    return fail(at, ["paths", "root"], `Expected a string, got ${describeValue(value)}`);
  }
  try {
    return terokLocation(value, "paths.root", context);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail(at, ["paths", "root"], error.message.replace(/^paths\.root /, "The value "));
  }
}

/**
 * One more layer of `paths.root`, by terok's merge rules: `null` deletes, `_inherit` keeps,
 * a mapping overlays; a `paths` that is no mapping replaces the section (and is an error
 * unless a later file replaces it in turn). An empty string is no root.
 */
function layer(
  setting: RootSetting,
  document: Record<string, unknown>,
  at: Source,
  isMapping: (value: unknown) => value is Record<string, unknown>,
): RootSetting {
  if (!Object.hasOwn(document, "paths")) return setting;
  const paths = document.paths;
  if (paths === "_inherit") return setting;
  if (paths === null) return { kind: "none" };
  if (!isMapping(paths)) return { kind: "badPaths", value: paths, at };
  const kept = setting.kind === "badPaths" ? { kind: "none" as const } : setting;
  if (!Object.hasOwn(paths, "root") || paths.root === "_inherit") return kept;
  if (paths.root === null || paths.root === "") return { kind: "none" };
  return { kind: "root", value: paths.root, at };
}

/** The file's text, or undefined when it does not exist (a missing layer is simply absent). */
async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    // The usual case, no config file at all, costs one stat and no module load.
    await Deno.stat(file);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
  }
  const { readRosterFile } = await import("./roster/_read_roster_file.ts");
  try {
    return await readRosterFile(file, file);
  } catch (error) {
    if (error instanceof Error && error.cause instanceof Deno.errors.NotFound) return undefined;
    if (error instanceof Deno.errors.NotCapable) throw error;
    throw asConfigError(error, file);
  }
}

function withFile<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw asConfigError(error, file);
  }
}

/** The roster reader's file and syntax errors, as errors about terok's config. */
function asConfigError(error: unknown, file: string): unknown {
  if (!(error instanceof Error) || !("reason" in error)) return error;
  const { line, column, reason } = error as Error & {
    line?: number;
    column?: number;
    reason: string;
  };
  return new TerokConfigError({
    file,
    line,
    column,
    reason: reason.replace("a roster file may have", "a config file may have"),
  }, { cause: error });
}
