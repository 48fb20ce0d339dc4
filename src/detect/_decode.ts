// Copyright the terok-vault authors. MIT license.
const STRICT = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const LOSSY = new TextDecoder("utf-8");

/**
 * The file's text, or `null` when it is not valid UTF-8. A byte-order mark stays in the text,
 * so a JSON document behind one does not parse (as terok's own check refuses it).
 */
export function decodeStrict(bytes: Uint8Array): string | null {
  try {
    return STRICT.decode(bytes);
  } catch {
    return null;
  }
}

/** The file's text with invalid sequences replaced, for the token rules. */
export function decodeLossy(bytes: Uint8Array): string {
  return LOSSY.decode(bytes);
}
