/**
 * Loading an earlier `scan --json` report as the baseline of what is already known.
 *
 * @module
 */

import { readSmallFile } from "./_read_file.ts";
import { AllowFileError } from "./allow_file_error.ts";
import { baselineKey } from "./_baseline_key.ts";
import type { Baseline } from "./types.ts";

/** Reports larger than this are refused unread (a deep report of 500,000 files stays below). */
export const MAX_BASELINE_BYTES = 256 * 1024 * 1024;

/**
 * Reads an earlier `scan --json` (or `clean --json`) report and keeps, of every leak and
 * finding (and apart, of every exposed file), each evidence item that has a fingerprint, as
 * rule, path relative to the report's mounts dir, and fingerprint: what stays the same while
 * the same secret stays in the same file, wherever the mounts dir is and however the file
 * around it changes. Items without a fingerprint (passwords, values of no token shape) cannot
 * be told apart from a changed value and are never known.
 *
 * Requires `--allow-read` on `path`.
 *
 * @param path The report's absolute path; it must exist.
 * @returns The baseline.
 * @throws {AllowFileError} When the file cannot be read, is not JSON, or is not such a report;
 * the message names the file, the key path and, for JSON syntax, `line:column`.
 * @throws {RangeError} When the file does not exist.
 *
 * @example
 * ```ts ignore
 * import { loadBaseline } from "./load_baseline.ts";
 * const baseline = await loadBaseline("/home/ada/scan-2026-11.json");
 * ```
 */
export async function loadBaseline(path: string): Promise<Baseline> {
  const text = (await readSmallFile(path, "--baseline", MAX_BASELINE_BYTES))!;
  let report: unknown;
  try {
    report = JSON.parse(text);
  } catch (error) {
    throw await syntaxError(path, text, error);
  }
  const fail = (keyPath: string, reason: string): never => {
    throw new AllowFileError({
      file: path,
      ...(keyPath === "" ? {} : { keyPath }),
      reason: `${reason} (a baseline is the output of scan --json)`,
    });
  };
  if (!isRecord(report)) return fail("", "The top level is not a JSON object");
  const mountsDir = report.mounts_dir;
  if (typeof mountsDir !== "string" || !mountsDir.startsWith("/")) {
    return fail("mounts_dir", "Expected the absolute path of the mounts dir");
  }
  const keys = new Set<string>();
  const exposed = new Set<string>();
  for (const list of ["leaks", "findings", "exposed"] as const) {
    const items = report[list];
    // A report without a deep scan has no findings; one from before exposed files, no exposed.
    if (items === undefined && list !== "leaks") continue;
    const into = list === "exposed" ? exposed : keys;
    if (!Array.isArray(items)) return fail(list, "Expected a list");
    items.forEach((item: unknown, index) => {
      const at = `${list}[${index}]`;
      if (!isRecord(item)) return fail(at, "Expected an object");
      const itemPath = item.path;
      const prefix = mountsDir.endsWith("/") ? mountsDir : `${mountsDir}/`;
      if (typeof itemPath !== "string" || !itemPath.startsWith(prefix)) {
        return fail(`${at}.path`, "Expected a path inside the report's mounts_dir");
      }
      const evidence = item.evidence;
      if (!Array.isArray(evidence)) return fail(`${at}.evidence`, "Expected a list");
      evidence.forEach((entry: unknown, n) => {
        const where = `${at}.evidence[${n}]`;
        if (!isRecord(entry) || typeof entry.rule !== "string") {
          return fail(where, "Expected an object with a rule");
        }
        const fingerprint = entry.fingerprint;
        if (fingerprint === null) return;
        if (typeof fingerprint !== "string" || !/^[0-9a-f]{16}$/.test(fingerprint)) {
          return fail(`${where}.fingerprint`, "Expected 16 hex digits or null");
        }
        into.add(baselineKey(entry.rule, itemPath.slice(prefix.length), fingerprint));
      });
    });
  }
  return { file: path, keys, exposed };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Invalid JSON, with its line and column where the YAML parser (JSON is YAML) finds the fault;
 * loaded only on this path.
 */
async function syntaxError(file: string, text: string, error: unknown): Promise<AllowFileError> {
  let position: { line?: number | undefined; column?: number | undefined } = {};
  try {
    const { parseRosterYaml } = await import("../roster/_parse_yaml.ts");
    parseRosterYaml(text, file);
  } catch (yamlError) {
    const { line, column } = yamlError as { line?: number; column?: number };
    if (line !== undefined) position = { line, column };
  }
  // The parser's own message quotes the text around the fault: never shown (a file named by
  // mistake may hold a secret).
  return new AllowFileError({ file, ...position, reason: "Is not valid JSON" }, { cause: error });
}
