/**
 * Finds the quote a YAML error really is about. js-yaml reports an unterminated quoted scalar
 * where it gave up (the next line's "deficient indentation", or the end of the file), far
 * from the quote the user forgot to close.
 *
 * @module
 */

/** Where an unclosed quote opened: a UTF-16 offset, and which quote. */
export interface OpenQuote {
  readonly offset: number;
  readonly quote: '"' | "'";
}

/**
 * The quoted scalar still open at `offset` in `text`, if any. A lexical scan: comments are
 * skipped, a quote opens a scalar only at the start of a value (after whitespace, `[`, `{`,
 * `,` or at the start of the text), `\` escapes inside double quotes and `''` is a quote inside
 * single quotes. Used only once the parser has failed, to point at the likely cause.
 *
 * @param text The file's text.
 * @param offset Where the parser stopped.
 * @returns The open quote, or undefined when none is open there.
 */
export function openQuoteAt(text: string, offset: number): OpenQuote | undefined {
  let open: OpenQuote | undefined;
  for (let i = 0; i < text.length && i < offset; i++) {
    const char = text[i];
    if (open !== undefined) {
      if (open.quote === '"' && char === "\\") i++;
      else if (char === open.quote) {
        if (open.quote === "'" && text[i + 1] === "'") i++;
        else open = undefined;
      }
      continue;
    }
    if (char === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf("\n", i);
      if (end === -1) break;
      i = end;
    } else if ((char === '"' || char === "'") && (i === 0 || /[\s[{,]/.test(text[i - 1]!))) {
      open = { offset: i, quote: char };
    }
  }
  return open;
}
