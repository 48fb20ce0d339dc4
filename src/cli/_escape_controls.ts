/**
 * The output choke point's escaping: no byte of a roster name or mounts path drives the
 * terminal.
 *
 * @module
 */

import { STYLE_SEQUENCES } from "./_style.ts";

/**
 * C0 controls but tab and newline, DEL, C1 controls, the invisible direction marks and
 * overrides (U+061C, U+200E/F, U+202A-E, U+2066-9), and the line and paragraph separators.
 */
const CONTROL =
  "[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]";
const CONTROL_ONLY = new RegExp(CONTROL, "g");
const CONTROL_OR_STYLE = new RegExp(
  `${STYLE_SEQUENCES.map((sequence) => sequence.replace(/[[\]]/g, "\\$&")).join("|")}|${CONTROL}`,
  "g",
);

/**
 * Shows every control character of `text` as a `\uXXXX` escape, keeping newlines and tabs and,
 * when `keepStyles`, the program's own colour sequences (a name carrying one of those exact
 * sequences can recolour text on a colour terminal, nothing more). Inside JSON strings the
 * escape reads back as the same character (JSON.stringify leaves C1 and bidi characters raw,
 * and escapes C0 itself), so JSON output stays valid and equal in meaning.
 *
 * @param text What is about to be written.
 * @param keepStyles Whether the channel is a colour terminal.
 * @returns The text safe to show on a terminal.
 */
export function escapeControls(text: string, keepStyles: boolean): string {
  const pattern = keepStyles ? CONTROL_OR_STYLE : CONTROL_ONLY;
  return text.replace(pattern, (match) => {
    if (match.length > 1) return match;
    return `\\u${match.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

/**
 * Shows the line breaks inside one line's values as `\u000A` / `\u000D` escapes, so a name or
 * path that holds one cannot start a forged line of its own.
 *
 * @param text One line, without its final newline.
 * @returns The line with every line break escaped.
 */
export function oneLine(text: string): string {
  return text.replace(/[\n\r]/g, (match) => match === "\n" ? "\\u000A" : "\\u000D");
}
