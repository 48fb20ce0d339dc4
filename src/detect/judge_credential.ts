// Copyright the terok-vault authors. MIT license.
import { decodeStrict, decodeText } from "./_decode.ts";
import {
  MAX_EVIDENCE_PER_FILE,
  mergeEvidence,
  unknownValueEvidence,
  valueEvidence,
  verdictEvidence,
} from "./_evidence.ts";
import { formatForName, type FormatReading, readFormat, readFormatAs } from "./_formats.ts";
import { ruleEvidence } from "./_rule_evidence.ts";
import { isPhantomCredential } from "./is_phantom_credential.ts";
import type { CredentialVerdict, DetectContext, Evidence } from "./types.ts";

/**
 * Judge the bytes of a file at a configured credential path: clean (empty, a phantom, or a
 * known format with no secret in it) or a leak, with evidence.
 *
 * The file is read as the format its roster entry names (`context.format`; absent: the format
 * its file name is tied to), never as whatever its content looks like: a container controls
 * the content.
 *
 * - Empty: clean; so is a file that is only whitespace or an empty JSON object or array (`{}`,
 *   what tools leave after a logout), since it holds no value at all.
 * - The named format, where every non-empty value is a secret-bearing value holding no
 *   secret, a value the format knows holds none, or a phantom marker, and no token rule
 *   matches: clean (a phantom is reported as such).
 * - A secret-bearing value holding a secret, or any token rule match: a leak, even beside a
 *   phantom elsewhere in the file. A value at a key the format does not know: a leak with the
 *   rule `unrecognized-content` and its key path.
 * - A file in no known format is clean only as a phantom (judged as the phantom's format).
 * - Anything else that is not empty (an unknown format, text that does not parse, invalid
 *   UTF-8): a leak with the rule `unrecognized-content`. It fails closed.
 * - `truncated` (the file is larger than what the scanner read): a leak with the rule
 *   `oversized`, plus the rule matches in the bytes given.
 *
 * Pure and synchronous: it sees bytes and a file name, never the file system.
 *
 * @param bytes The file's content, as read.
 * @param context The file's base name, the roster entry's `phantom_env`, and whether the
 * bytes are only the start of a larger file.
 * @returns The verdict; a leak's evidence is never empty and never holds the secret.
 *
 * @example Judge a gh hosts.yml whose token is in the keyring
 * ```ts
 * import { judgeCredential } from "./judge_credential.ts";
 *
 * const text = "github.com:\n    git_protocol: https\n    users:\n        octo:\n    user: octo\n";
 * const verdict = judgeCredential(new TextEncoder().encode(text), { fileName: "hosts.yml" });
 * console.log(verdict); // { verdict: "clean", reason: "no-secret", format: "gh-hosts" }
 * ```
 */
export function judgeCredential(
  bytes: Uint8Array,
  context: DetectContext & { truncated?: boolean },
): CredentialVerdict {
  const deep = context.deep ?? false;
  if (context.truncated === true) {
    const evidence = [verdictEvidence("oversized"), ...ruleEvidence(decodeText(bytes), deep)];
    return { verdict: "leak", format: null, evidence: evidence.slice(0, MAX_EVIDENCE_PER_FILE) };
  }
  if (bytes.length === 0) return { verdict: "clean", reason: "empty", format: null };
  const text = decodeStrict(bytes);
  if (text === null) {
    const byRules = ruleEvidence(decodeText(bytes), deep);
    const evidence = byRules.length > 0 ? byRules : [verdictEvidence("unrecognized-content")];
    return { verdict: "leak", format: null, evidence };
  }
  const reading = readNamedFormat(text, context);
  // In a file of no known format a token still gets the key path it sits under.
  const keyPathOf = (reading ?? readFormat(text, context.fileName, [])).keyPathOf;
  const byRules = ruleEvidence(text, deep, keyPathOf);
  const evidence = reading === null
    ? byRules
    : mergeEvidence(formatEvidence(reading, byRules), byRules);
  const format = reading?.format ?? null;
  if (evidence.length > 0) return { verdict: "leak", format, evidence };
  if (reading !== null) {
    return {
      verdict: "clean",
      reason: isPhantomCredential(text) ? "phantom" : "no-secret",
      format,
    };
  }
  if (/^\s*(\{\s*\}|\[\s*\])?\s*$/.test(text)) {
    return { verdict: "clean", reason: "empty", format: null };
  }
  return { verdict: "leak", format: null, evidence: [verdictEvidence("unrecognized-content")] };
}

/**
 * The reading of `text` as the format its entry (or else its name) names; a phantom in a
 * file of no known format is read as the phantom's own format, so nothing may sit beside it.
 */
function readNamedFormat(text: string, context: DetectContext): FormatReading | null {
  const phantomEnv = context.phantomEnv ?? [];
  const named = context.format === undefined
    ? formatForName(text, context.fileName)
    : context.format;
  const reading = named === null ? null : readFormatAs(text, named, phantomEnv);
  if (reading !== null || !isPhantomCredential(text)) return reading;
  return readFormatAs(text, "claude-credentials", phantomEnv) ??
    readFormatAs(text, "codex-auth", phantomEnv);
}

/** The format's secrets, and its unknown values no token rule already points at. */
function formatEvidence(reading: FormatReading, byRules: readonly Evidence[]): Evidence[] {
  const pointed = new Set(byRules.map((item) => item.keyPath));
  return [
    ...reading.values.map((item) => valueEvidence(item.label, item.keyPath, item.value, item.line)),
    ...reading.unknown.filter((item) => !pointed.has(item.keyPath)).map((item) =>
      unknownValueEvidence(item.keyPath, item.line)
    ),
  ];
}
