/**
 * Reads what this program needs out of terok's layered config.yml files: `paths.root`,
 * `paths.sandbox_live_dir`, and which agents' real OAuth tokens terok exposes to the
 * containers on purpose (`experimental` with `agent.<name>.expose_oauth_token`).
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

/** The agents whose OAuth token terok can expose in the shared mounts (terok's `core/config.py`). */
export const EXPOSABLE_AGENTS = ["claude", "codex"] as const;

/** The settings of terok's layered config.yml this program uses. */
export interface TerokConfig {
  /**
   * `paths.root`, `~` expanded and checked; undefined when no file sets one.
   *
   * @throws {TerokConfigError} When `paths` is not a mapping, or the value is not a string or
   * not a usable path (a value a later file replaces is never checked).
   */
  root(): string | undefined;
  /**
   * `paths.sandbox_live_dir` (the mounts dir's parent), `~` expanded and checked; undefined
   * when no file sets one.
   *
   * @throws {TerokConfigError} As {@linkcode TerokConfig.root}.
   */
  sandboxLiveDir(): string | undefined;
  /**
   * The agents (of {@linkcode EXPOSABLE_AGENTS}) whose real OAuth token terok puts in the
   * shared mounts on purpose: `experimental: true` and `agent.<name>.expose_oauth_token: true`
   * (both the YAML boolean, as terok's `is True` test reads the latter).
   */
  readonly exposedOAuth: readonly string[];
  /**
   * `<file>` and agent for each `expose_oauth_token: true` that `experimental` does not enable:
   * terok exposes nothing then (unless run with `--experimental`, which this program cannot
   * see), so the file is judged like any other.
   */
  readonly exposeWithoutExperimental: readonly { file: string; agent: string }[];
}

/** A parsed config file. */
interface Source {
  readonly file: string;
  readonly parsed: ParsedYaml;
}

/** The layered config: mappings merged key by key, every other value with the file it came from. */
type Layered =
  | { readonly kind: "mapping"; readonly entries: Map<string, Layered> }
  | { readonly kind: "value"; readonly value: unknown; readonly at: Source };

/** No file exists (or none holds a document): nothing is set. */
const NOTHING: TerokConfig = {
  root: () => undefined,
  sandboxLiveDir: () => undefined,
  exposedOAuth: [],
  exposeWithoutExperimental: [],
};

/**
 * Reads terok's config.yml `files` (lowest priority first; see `configFiles`) and layers them
 * as terok does: a later file's value wins; `null` deletes what an earlier one set and the
 * string `_inherit` keeps it, at any level; a mapping overlays the earlier one key by key. A
 * file that does not exist is skipped; YAML is loaded only when one does. The `paths` values
 * are checked only when asked for, so a command that needs none of them is not stopped by them.
 *
 * Requires `--allow-read` on the files, and `--allow-env=HOME` for `~`.
 *
 * @param files The config files, lowest priority first.
 * @param context The variables (HOME, for `~`).
 * @returns The settings.
 * @throws {TerokConfigError} When a file cannot be read, is not valid YAML, or its top level is
 * not a mapping.
 *
 * @example Where the state root is, and what is exposed
 * ```ts ignore
 * const config = await readTerokConfig(configFiles(context), context);
 * config.root(); // "/srv/terok", or undefined
 * config.exposedOAuth; // ["claude"] with experimental and agent.claude.expose_oauth_token
 * ```
 */
export async function readTerokConfig(
  files: readonly string[],
  context: PathContext,
): Promise<TerokConfig> {
  const texts = await Promise.all(files.map(readIfPresent));
  if (texts.every((text) => text === undefined)) return NOTHING;
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
  let tree: Layered | undefined;
  for (const [index, file] of files.entries()) {
    const text = texts[index];
    if (text === undefined) continue;
    const at = { file, parsed: withFile(file, () => parseRosterYaml(text, file, true)) };
    const document = at.parsed.document;
    if (document === undefined || document === null) continue;
    if (!isMapping(document)) {
      fail(at, [], `The top level must be a mapping, got ${describeValue(document)}`);
    }
    tree = overlay(tree, document, at, isMapping);
  }
  const top = tree?.kind === "mapping" ? tree.entries : new Map<string, Layered>();

  /** A `paths.<key>` location: a string, `~` expanded, absolute and not `/`. */
  const pathSetting = (key: string): string | undefined => {
    const paths = top.get("paths");
    if (paths === undefined) return undefined;
    if (paths.kind === "value") {
      return fail(paths.at, ["paths"], `Expected a mapping, got ${describeValue(paths.value)}`);
    }
    const setting = paths.entries.get(key);
    if (setting === undefined) return undefined;
    const keyPath = ["paths", key];
    if (setting.kind === "mapping") {
      const anyFile = firstSource(setting);
      return anyFile === undefined
        ? undefined
        : fail(anyFile, keyPath, "Expected a string, got a mapping");
    }
    const { value, at } = setting;
    if (value === "") return undefined; // terok: an empty value is no value
    if (typeof value !== "string") {
      return fail(at, keyPath, `Expected a string, got ${describeValue(value)}`);
    }
    try {
      return terokLocation(value, keyPath.join("."), context);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return fail(at, keyPath, error.message.replace(`${keyPath.join(".")} `, "The value "));
    }
  };

  const experimental = valueAt(top, ["experimental"]) === true;
  const exposedOAuth: string[] = [];
  const exposeWithoutExperimental: { file: string; agent: string }[] = [];
  for (const agent of EXPOSABLE_AGENTS) {
    const expose = top.get("agent");
    const setting = expose?.kind === "mapping"
      ? lookUp(expose.entries, [agent, "expose_oauth_token"])
      : undefined;
    if (setting?.kind !== "value" || setting.value !== true) continue;
    if (experimental) exposedOAuth.push(agent);
    else exposeWithoutExperimental.push({ file: setting.at.file, agent });
  }
  return {
    root: () => pathSetting("root"),
    sandboxLiveDir: () => pathSetting("sandbox_live_dir"),
    exposedOAuth,
    exposeWithoutExperimental,
  };
}

/**
 * One more layer, by terok's merge rules: `_inherit` keeps the earlier value, `null` deletes
 * it, a mapping overlays an earlier mapping key by key (its own `_inherit` key only says so),
 * and any other value replaces it.
 */
function overlay(
  base: Layered | undefined,
  value: unknown,
  at: Source,
  isMapping: (value: unknown) => value is Record<string, unknown>,
): Layered | undefined {
  if (value === "_inherit") return base;
  if (value === null) return undefined;
  if (!isMapping(value)) return { kind: "value", value, at };
  const entries = new Map(base?.kind === "mapping" ? base.entries : []);
  for (const key of Object.keys(value)) {
    if (key === "_inherit") continue;
    const next = overlay(entries.get(key), value[key], at, isMapping);
    if (next === undefined) entries.delete(key);
    else entries.set(key, next);
  }
  return { kind: "mapping", entries };
}

function lookUp(entries: Map<string, Layered>, path: readonly string[]): Layered | undefined {
  let node: Layered | undefined = { kind: "mapping", entries };
  for (const key of path) {
    if (node?.kind !== "mapping") return undefined;
    node = node.entries.get(key);
  }
  return node;
}

/** The plain value at `path`, or undefined when there is none (or it is a mapping). */
function valueAt(entries: Map<string, Layered>, path: readonly string[]): unknown {
  const node = lookUp(entries, path);
  return node?.kind === "value" ? node.value : undefined;
}

/** A file that set some value inside a merged mapping, to point an error at. */
function firstSource(node: Layered): Source | undefined {
  if (node.kind === "value") return node.at;
  for (const child of node.entries.values()) {
    const at = firstSource(child);
    if (at !== undefined) return at;
  }
  return undefined;
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
