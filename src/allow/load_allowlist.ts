/**
 * Loading the operator's allowlist of accepted findings.
 *
 * @module
 */

import { closestName } from "../_closest_name.ts";
import { RULES } from "../detect/rules.ts";
import { formatKeyPath } from "../roster/_key_path.ts";
import { SchemaIssue } from "../roster/_schema_kit.ts";
import { ALLOWLIST_SCHEMA } from "./_allowlist_schema.ts";
import { readSmallFile } from "./_read_file.ts";
import { AllowFileError } from "./allow_file_error.ts";
import type { AllowEntry, Allowlist } from "./types.ts";

/**
 * The rules an entry may name with a path glob: the token rules and a format's
 * secret-bearing value (the verdicts without a value never occur outside credential paths).
 */
const RULE_IDS: readonly string[] = [...RULES.map((rule) => rule.id), "secret-value"];

/** Allowlist files larger than this are refused unread: real ones are a few KiB. */
export const MAX_ALLOWLIST_BYTES = 1024 * 1024;

/**
 * Reads and validates an allowlist file (docs/accepted.md): entries by fingerprint, or by
 * rule and path glob, each with a reason and an optional expiry. Entries whose expiry lies
 * before `today` are returned apart, in `expired`.
 *
 * Requires `--allow-read` on `path`.
 *
 * @param path The file's absolute path.
 * @param option The option that named it (`--allow-file`): then it must exist. Undefined for
 * the default location, where a missing file is an empty allowlist.
 * @param today Today's date, `YYYY-MM-DD` in UTC (an entry accepts through its `expires` day).
 * @returns The allowlist, or undefined when the default file does not exist.
 * @throws {AllowFileError} When the file cannot be read, is not valid YAML, or breaks the
 * schema; the message names the file, the key path and `line:column`.
 * @throws {RangeError} When the file named by `option` does not exist.
 *
 * @example Load the operator's allowlist
 * ```ts ignore
 * import { loadAllowlist } from "./load_allowlist.ts";
 * const today = new Date().toISOString().slice(0, 10);
 * const allowlist = await loadAllowlist("/home/ada/.config/terok/vault-allow.yaml", undefined, today);
 * ```
 */
export async function loadAllowlist(
  path: string,
  option: string | undefined,
  today: string,
): Promise<Allowlist | undefined> {
  const text = await readSmallFile(path, option, MAX_ALLOWLIST_BYTES);
  if (text === undefined) return undefined;
  // The YAML parser (js-yaml) is loaded only when there is an allowlist to read.
  const [{ parseRosterYaml }, { positionOf }] = await Promise.all([
    import("../roster/_parse_yaml.ts"),
    import("../roster/_positions.ts"),
  ]);
  let parsed;
  try {
    parsed = parseRosterYaml(text, path);
  } catch (error) {
    throw asAllowFileError(error, path);
  }
  const document = parsed.document ?? {};
  let file;
  try {
    file = ALLOWLIST_SCHEMA.parse(document, []);
  } catch (error) {
    if (!(error instanceof SchemaIssue)) throw error;
    const at = error.at === "parent" ? error.path.slice(0, -1) : error.path;
    const position = positionOf(parsed, at, error.at === "value" ? "value" : "keyOrValue");
    throw new AllowFileError({
      file: path,
      keyPath: formatKeyPath(error.path),
      line: position?.line,
      column: position?.column,
      reason: error.reason,
    });
  }
  const allowlist: Allowlist = { file: path, active: [], expired: [] };
  file.accept.forEach((entry, index) => {
    if (entry.rule !== undefined && !RULE_IDS.includes(entry.rule)) {
      const position = positionOf(parsed, ["accept", index, "rule"], "value");
      const suggestion = closestName(entry.rule, RULE_IDS);
      throw new AllowFileError({
        file: path,
        keyPath: formatKeyPath(["accept", index, "rule"]),
        line: position?.line,
        column: position?.column,
        reason: `Unknown rule ${JSON.stringify(entry.rule)}` +
          (suggestion === undefined ? "" : ` (did you mean ${JSON.stringify(suggestion)}?)`),
      });
    }
    const line = positionOf(parsed, ["accept", index], "value")?.line ?? 0;
    const common = {
      reason: entry.reason,
      ...(entry.expires === undefined ? {} : { expires: entry.expires }),
      line,
    };
    const item: AllowEntry = entry.fingerprint !== undefined
      ? { ...common, fingerprint: entry.fingerprint.toLowerCase() }
      : { ...common, rule: entry.rule!, path: entry.path! };
    if (entry.expires !== undefined && entry.expires < today) allowlist.expired.push(item);
    else allowlist.active.push(item);
  });
  return allowlist;
}

/** The YAML parser's errors (they are worded for roster files) as allowlist errors. */
function asAllowFileError(error: unknown, file: string): unknown {
  if (!(error instanceof Error) || !("reason" in error)) return error;
  const { line, column, reason } = error as Error & {
    line?: number;
    column?: number;
    reason: string;
  };
  return new AllowFileError({
    file,
    line,
    column,
    reason: reason.replace("A roster file holds", "An allowlist file holds"),
  }, { cause: error });
}
