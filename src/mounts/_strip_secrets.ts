// Copyright the terok-vault authors. MIT license.
/**
 * `clean --strip`: the content of a credential or config file with exactly its secret-bearing
 * values removed. JSON loses the members (key, value and one separating comma); dotenv loses
 * the lines. Every other byte stays as it was. Other formats are not rewritten.
 */
import { detectSecrets } from "../detect/mod.ts";
import { isDotenvName } from "../detect/_formats.ts";
import { stripJson } from "./_strip_json.ts";
import type { Evidence } from "./types.ts";

/** The stripped bytes and what was removed, or why the file cannot be stripped. */
export type StripResult =
  | { ok: true; bytes: Uint8Array; removed: string[] }
  | { ok: false; reason: string };

const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const DOTENV_KEY = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=/;

/**
 * Strip the values the evidence points at from `bytes`, then check that `stillLeaks` finds
 * nothing in the result: all or nothing.
 *
 * @param bytes The file's whole content.
 * @param fileName Its base name (picks the format, as the detector does).
 * @param evidence The verdict's evidence.
 * @param stillLeaks Judges the stripped bytes; true when a secret would remain.
 */
export function stripSecrets(
  bytes: Uint8Array,
  fileName: string,
  evidence: readonly Evidence[],
  stillLeaks: (bytes: Uint8Array) => boolean,
): StripResult {
  let text: string;
  try {
    text = STRICT.decode(bytes);
  } catch {
    return { ok: false, reason: "it is not UTF-8 text, which a strip rewrites" };
  }
  const keyPaths = new Set<string>();
  const lines = new Set<number>();
  for (const item of evidence) {
    if (item.keyPath !== null) keyPaths.add(item.keyPath);
    else if (isVerdictOnly(item)) {
      return { ok: false, reason: `its evidence (${item.rule}) names no value to remove` };
    } else if (item.line !== null) lines.add(item.line);
    else return { ok: false, reason: `a secret (${item.rule}) has no place in it to remove` };
  }
  let stripped: { ok: true; text: string; removed: string[] } | { ok: false; reason: string };
  if (/\.ya?ml$/i.test(fileName)) {
    return { ok: false, reason: "YAML is not rewritten by a strip (JSON and dotenv are)" };
  } else if (/^\s*\{/.test(text)) {
    stripped = stripJson(text, { keyPaths, lines, isSecret });
  } else if (isDotenvName(fileName)) {
    stripped = stripDotenv(text, keyPaths, lines);
  } else {
    return { ok: false, reason: "its format is not one a strip rewrites (JSON and dotenv are)" };
  }
  if (!stripped.ok) return stripped;
  const out = new TextEncoder().encode(stripped.text);
  if (stillLeaks(out)) {
    return { ok: false, reason: "a secret would remain after the strip; not rewritten" };
  }
  return { ok: true, bytes: out, removed: stripped.removed };
}

function isSecret(value: string): boolean {
  const found = detectSecrets(new TextEncoder().encode(value), { fileName: "", deep: false });
  return found.some((item) => !isVerdictOnly(item));
}

/**
 * Evidence that points at no secret value: the whole file in no known format, or too large to
 * read (`unrecognized-content`, `oversized`). Every other item is a value that holds a secret
 * (a fingerprint may still be withheld, as for a password).
 */
export function isVerdictOnly(item: Evidence): boolean {
  return item.rule === "oversized" ||
    (item.rule === "unrecognized-content" && item.keyPath === null);
}

/** Drop each line whose key is named, or whose number is listed (with its line break). */
function stripDotenv(
  text: string,
  keyPaths: ReadonlySet<string>,
  lines: ReadonlySet<number>,
): { ok: true; text: string; removed: string[] } {
  const removed: string[] = [];
  const kept: string[] = [];
  const parts = text.split(/(?<=\n)/);
  parts.forEach((line, i) => {
    const key = DOTENV_KEY.exec(line)?.[1];
    if ((key !== undefined && keyPaths.has(key)) || lines.has(i + 1)) {
      removed.push(key ?? `line ${i + 1}`);
    } else kept.push(line);
  });
  return { ok: true, text: kept.join(""), removed };
}
