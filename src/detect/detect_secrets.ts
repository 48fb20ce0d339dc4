// Copyright the terok-vault authors. MIT license.
import { decodeText } from "./_decode.ts";
import { mergeEvidence, valueEvidence } from "./_evidence.ts";
import { readFormat } from "./_formats.ts";
import { ruleEvidence } from "./_rule_evidence.ts";
import type { DetectContext, Evidence } from "./types.ts";

/**
 * Find the secrets in a whole (small) file anywhere in a mount: the secret-bearing values of
 * the known formats, and every token rule match. Used by the deep scan.
 *
 * A JWT counts only where a format names the value secret-bearing or, in a deep scan (the
 * default here; `deep: false` turns it off), right after a key naming a token or a secret.
 * At most 100 items are returned per file.
 *
 * Pure and synchronous: it sees bytes and a file name, never the file system.
 *
 * @param bytes The file's whole content.
 * @param context The file's base name and the roster entry's `phantom_env`, if any.
 * @returns The evidence, in file order per source; `[]` when nothing was found.
 *
 * @example Find a token in a dotenv file
 * ```ts
 * import { detectSecrets } from "./detect_secrets.ts";
 *
 * const text = "EDITOR=vim\nMY_SERVICE_TOKEN=FAKE-TEST-token-value-0123456789\n";
 * const [found] = detectSecrets(new TextEncoder().encode(text), { fileName: ".env" });
 * console.log(found?.keyPath, found?.line, found?.redacted); // MY_SERVICE_TOKEN 2 FAKE…6789
 * ```
 */
export function detectSecrets(bytes: Uint8Array, context: DetectContext): Evidence[] {
  if (bytes.length === 0) return [];
  const text = decodeText(bytes);
  const reading = readFormat(text, context.fileName, context.phantomEnv ?? []);
  const byFormat = reading.values.map((item) =>
    valueEvidence(item.label, item.keyPath, item.value, item.line)
  );
  return mergeEvidence(byFormat, ruleEvidence(text, context.deep !== false, reading.keyPathOf));
}
