/**
 * Finds the flow collection (`[...]` or `{...}`) a YAML error really is about. js-yaml reports
 * a bracket that is never closed as "deficient indentation" on the next line, or as the end of
 * the stream, which says nothing to someone who forgot a `]`.
 *
 * @module
 */

/** Where an unclosed flow collection opened: a UTF-16 offset, and its bracket. */
export interface OpenFlow {
  readonly offset: number;
  readonly bracket: "[" | "{";
}

const CLOSING = { "[": "]", "{": "}" } as const;

/**
 * The innermost flow collection still open at `offset` in `text`, if any. A lexical scan:
 * comments and quoted scalars are skipped (`\` escapes inside double quotes, `''` inside
 * single quotes), and a bracket opens a collection only at the start of a value (after
 * whitespace, `[`, `{`, `,` or at the start of the text), so `a[0]` in a plain scalar is text.
 * Used only once the parser has failed, to point at the likely cause.
 *
 * @param text The file's text.
 * @param offset Where the parser stopped.
 * @returns The open bracket, or undefined when none is open there.
 */
export function openFlowAt(text: string, offset: number): OpenFlow | undefined {
  const open: OpenFlow[] = [];
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length && i < offset; i++) {
    const char = text[i]!;
    if (quote !== undefined) {
      if (quote === '"' && char === "\\") i++;
      else if (char === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    const startOfValue = i === 0 || /[\s[{,]/.test(text[i - 1]!);
    if (char === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      if (end === -1) break;
      i = end;
    } else if ((char === '"' || char === "'") && startOfValue) {
      quote = char;
    } else if ((char === "[" || char === "{") && startOfValue) {
      open.push({ offset: i, bracket: char });
    } else if (open.length > 0 && char === CLOSING[open[open.length - 1]!.bracket]) {
      open.pop();
    }
  }
  return open[open.length - 1];
}
