// Copyright the terok-vault authors. MIT license.
/**
 * A reader for INI-style files (AWS's `credentials` and `config`, npm's `.npmrc`): `[section]`
 * lines, `key = value` lines, `#` and `;` comments. Keys before any section sit at the top
 * level. Throws a `SyntaxError` on a line that is none of these.
 *
 * @module
 */

/** One `key = value` line. */
export interface IniEntry {
  /** The section, or `null` before the first one. */
  readonly section: string | null;
  readonly key: string;
  readonly value: string;
  /** 1-based. */
  readonly line: number;
}

const SECTION = /^\[([^\]\n]{1,200})\]$/;
const ENTRY = /^([^=\s][^=]{0,400}?)\s*=\s*(.*)$/;

/** The entries of an INI text, in order. */
export function parseIni(text: string): IniEntry[] {
  const entries: IniEntry[] = [];
  let section: string | null = null;
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const header = SECTION.exec(line);
    if (header !== null) {
      section = header[1]!.trim();
      continue;
    }
    const entry = ENTRY.exec(line);
    if (entry === null) throw new SyntaxError(`INI: line ${i + 1} is no key = value`);
    entries.push({ section, key: entry[1]!.trim(), value: unquote(entry[2]!.trim()), line: i + 1 });
  }
  return entries;
}

function unquote(value: string): string {
  const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") &&
    value[value.length - 1] === value[0];
  return quoted ? value.slice(1, -1) : value;
}
