/**
 * Name order as terok's Python code sorts names: by Unicode code point (JavaScript's `<`
 * compares UTF-16 code units, which puts U+E000..U+FFFF after the astral planes).
 *
 * @module
 */

/** Compares two strings code point by code point. */
export function byCodePoint(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = (left[i] as string).codePointAt(0) as number;
    const y = (right[i] as string).codePointAt(0) as number;
    if (x !== y) return x - y;
  }
  return left.length - right.length;
}
