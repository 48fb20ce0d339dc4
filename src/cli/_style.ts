/**
 * ANSI styling that is a no-op when colour is off.
 *
 * @module
 */

const OPEN = {
  bold: "\x1b[1m",
  red: "\x1b[31m",
  boldRed: "\x1b[1;31m",
  yellow: "\x1b[33m",
  cyan: "\x1b[36m",
} as const;

const RESET = "\x1b[0m";

/** The names of the styles {@linkcode style} knows. */
export type StyleName = keyof typeof OPEN;

/**
 * Every escape sequence {@linkcode style} emits. The output channels let exactly these through
 * on a colour terminal and show every other control character escaped (cli_io.ts).
 */
export const STYLE_SEQUENCES: readonly string[] = [...Object.values(OPEN), RESET];

/** Wraps `text` in the style's sequence when `enabled`; returns it unchanged otherwise. */
export function style(enabled: boolean, code: StyleName, text: string): string {
  if (!enabled) return text;
  return `${OPEN[code]}${text}${RESET}`;
}
