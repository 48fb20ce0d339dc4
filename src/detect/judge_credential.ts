// Copyright the terok-vault authors. MIT license.
import { decodeLossy, decodeStrict } from "./_decode.ts";
import {
  MAX_EVIDENCE_PER_FILE,
  mergeEvidence,
  valueEvidence,
  verdictEvidence,
} from "./_evidence.ts";
import { readFormat } from "./_formats.ts";
import { ruleEvidence } from "./_rule_evidence.ts";
import { isPhantomCredential } from "./is_phantom_credential.ts";
import type { CredentialVerdict, DetectContext } from "./types.ts";

/**
 * Judge the bytes of a file at a configured credential path: clean (empty, a phantom, or a
 * known format with no secret in it) or a leak, with evidence.
 *
 * - Empty: clean; so is a file that is only whitespace or an empty JSON object or array (`{}`,
 *   what tools leave after a logout), since it holds no value at all.
 * - A known format whose secret-bearing values hold no secret, and no token rule matches:
 *   clean (a phantom is reported as such).
 * - A secret-bearing value holding a secret, or any token rule match: a leak, even beside a
 *   phantom elsewhere in the file.
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
    const evidence = [verdictEvidence("oversized"), ...ruleEvidence(decodeLossy(bytes), deep)];
    return { verdict: "leak", format: null, evidence: evidence.slice(0, MAX_EVIDENCE_PER_FILE) };
  }
  if (bytes.length === 0) return { verdict: "clean", reason: "empty", format: null };
  const text = decodeStrict(bytes);
  if (text === null) {
    const byRules = ruleEvidence(decodeLossy(bytes), deep);
    const evidence = byRules.length > 0 ? byRules : [verdictEvidence("unrecognized-content")];
    return { verdict: "leak", format: null, evidence };
  }
  const reading = readFormat(text, context.fileName, context.phantomEnv ?? []);
  const byFormat = reading.values.map((item) =>
    valueEvidence(item.label, item.keyPath, item.value, item.line)
  );
  const evidence = mergeEvidence(byFormat, ruleEvidence(text, deep));
  if (evidence.length > 0) return { verdict: "leak", format: reading.format, evidence };
  if (isPhantomCredential(text)) {
    return { verdict: "clean", reason: "phantom", format: reading.format };
  }
  if (reading.format !== null) {
    return { verdict: "clean", reason: "no-secret", format: reading.format };
  }
  if (/^\s*(\{\s*\}|\[\s*\])?\s*$/.test(text)) {
    return { verdict: "clean", reason: "empty", format: null };
  }
  return { verdict: "leak", format: null, evidence: [verdictEvidence("unrecognized-content")] };
}
