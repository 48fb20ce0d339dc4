// Copyright the terok-vault authors. MIT license.
/** Values shorter than this show nothing but the ellipsis. */
const SHORT = 12;

/**
 * The printable form of a secret: its public prefix (if it has a known one), an ellipsis, and
 * its last 4 characters. Never more than that; short values show only the ellipsis.
 */
export function redact(secret: string, publicPrefix: string): string {
  if (secret.length < SHORT) return "…";
  const tail = secret.slice(-4);
  if (publicPrefix !== "" && secret.startsWith(publicPrefix)) {
    // The prefix is public, but never let it and the tail overlap into the whole value.
    return secret.length - publicPrefix.length >= SHORT ? `${publicPrefix}…${tail}` : "…";
  }
  // No public prefix: nothing of the value's head is public, so only the tail is shown.
  return `…${tail}`;
}
