// Copyright the terok-vault authors. MIT license.
import type { Evidence } from "../../src/detect/types.ts";

const ENCODER = new TextEncoder();

/** UTF-8 bytes of a text. */
export function bytes(text: string): Uint8Array<ArrayBuffer> {
  return ENCODER.encode(text);
}

/** First 16 hex digits of SHA-256, by the platform's own implementation. */
export async function subtleFingerprint(secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes(secret)));
  return Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The (rule, keyPath, line) triples of evidence, for exact comparisons. */
export function shape(evidence: readonly Evidence[]): [string, string | null, number | null][] {
  return evidence.map((item) => [item.rule, item.keyPath, item.line]);
}
