// Copyright the terok-vault authors. MIT license.
/**
 * A small TOML reader for what tools' config files hold (Codex's `config.toml`): tables and
 * arrays of tables, dotted and quoted keys, strings of all four kinds, numbers, booleans,
 * dates (kept as text), arrays and inline tables. It is no validator: it reads what is
 * there, and throws a `SyntaxError` on anything it cannot read, so the file is then in no
 * known format. Linear in the text; nesting is bounded.
 *
 * @module
 */

type Table = Record<string, unknown>;

const MAX_DEPTH = 32;
const BARE_KEY = /[A-Za-z0-9_-]+/y;
const SCALAR = /[A-Za-z0-9_:.+-][A-Za-z0-9_:.+\- ]*/y;

/** Reads a TOML document into plain objects. */
export function parseToml(text: string): Table {
  return new Reader(text).document();
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

class Reader {
  #at = 0;
  constructor(readonly text: string) {}

  document(): Table {
    const root: Table = {};
    let current = root;
    for (;;) {
      this.#skipBlank(true);
      if (this.#at >= this.text.length) return root;
      if (this.text[this.#at] === "[") {
        const array = this.text.startsWith("[[", this.#at);
        this.#at += array ? 2 : 1;
        const path = this.#key();
        this.#expect(array ? "]]" : "]");
        current = array ? appendTable(root, path) : descend(root, path);
      } else {
        const path = this.#key();
        this.#expect("=");
        setKey(current, path, this.#value(0));
      }
      this.#endOfLine();
    }
  }

  #fail(what: string): never {
    throw new SyntaxError(`TOML: ${what} at offset ${this.#at}`);
  }

  #skipSpace(): void {
    while (this.text[this.#at] === " " || this.text[this.#at] === "\t") this.#at++;
  }

  /** Spaces, comments and (when `lines`) line breaks. */
  #skipBlank(lines: boolean): void {
    for (;;) {
      this.#skipSpace();
      const char = this.text[this.#at];
      if (char === "#") {
        const end = this.text.indexOf("\n", this.#at);
        this.#at = end === -1 ? this.text.length : end;
      } else if (lines && (char === "\n" || char === "\r")) this.#at++;
      else return;
    }
  }

  #endOfLine(): void {
    this.#skipBlank(false);
    const char = this.text[this.#at];
    if (char !== undefined && char !== "\n" && char !== "\r") this.#fail("end of line expected");
  }

  #expect(token: string): void {
    this.#skipSpace();
    if (!this.text.startsWith(token, this.#at)) this.#fail(`'${token}' expected`);
    this.#at += token.length;
  }

  #key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.#skipSpace();
      const char = this.text[this.#at];
      if (char === '"' || char === "'") parts.push(this.#string());
      else {
        BARE_KEY.lastIndex = this.#at;
        const bare = BARE_KEY.exec(this.text);
        if (bare === null) this.#fail("key expected");
        parts.push(bare[0]);
        this.#at += bare[0].length;
      }
      this.#skipSpace();
      if (this.text[this.#at] !== ".") return parts;
      this.#at++;
    }
  }

  #value(depth: number): unknown {
    if (depth > MAX_DEPTH) this.#fail("nesting too deep");
    this.#skipSpace();
    const char = this.text[this.#at];
    if (char === '"' || char === "'") return this.#string();
    if (char === "[") return this.#array(depth);
    if (char === "{") return this.#inlineTable(depth);
    SCALAR.lastIndex = this.#at;
    const found = SCALAR.exec(this.text);
    if (found === null) this.#fail("value expected");
    const raw = found[0].trimEnd();
    this.#at += raw.length;
    if (raw === "true" || raw === "false") return raw === "true";
    const number = Number(raw.replace(/_/g, ""));
    return Number.isNaN(number) ? raw : number;
  }

  #array(depth: number): unknown[] {
    this.#at++;
    const items: unknown[] = [];
    for (;;) {
      this.#skipBlank(true);
      if (this.text[this.#at] === "]") break;
      items.push(this.#value(depth + 1));
      this.#skipBlank(true);
      if (this.text[this.#at] === ",") this.#at++;
      else if (this.text[this.#at] !== "]") this.#fail("',' or ']' expected");
    }
    this.#at++;
    return items;
  }

  #inlineTable(depth: number): Table {
    this.#at++;
    const table: Table = {};
    for (;;) {
      this.#skipBlank(true);
      if (this.text[this.#at] === "}") break;
      const path = this.#key();
      this.#expect("=");
      setKey(table, path, this.#value(depth + 1));
      this.#skipBlank(true);
      if (this.text[this.#at] === ",") this.#at++;
      else if (this.text[this.#at] !== "}") this.#fail("',' or '}' expected");
    }
    this.#at++;
    return table;
  }

  #string(): string {
    const quote = this.text[this.#at]!;
    const triple = this.text.startsWith(quote.repeat(3), this.#at);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.#at += delimiter.length;
    if (triple && this.text[this.#at] === "\n") this.#at++;
    else if (triple && this.text.startsWith("\r\n", this.#at)) this.#at += 2;
    let out = "";
    for (;;) {
      if (this.#at >= this.text.length) this.#fail("unterminated string");
      if (this.text.startsWith(delimiter, this.#at)) break;
      const char = this.text[this.#at]!;
      if (!triple && char === "\n") this.#fail("line break in a string");
      if (quote === '"' && char === "\\") {
        out += this.#escape(triple);
        continue;
      }
      out += char;
      this.#at++;
    }
    this.#at += delimiter.length;
    return out;
  }

  #escape(triple: boolean): string {
    const next = this.text[this.#at + 1];
    this.#at += 2;
    const simple: Record<string, string> = {
      b: "\b",
      t: "\t",
      n: "\n",
      f: "\f",
      r: "\r",
      e: "\x1b",
      '"': '"',
      "\\": "\\",
    };
    if (next !== undefined && Object.hasOwn(simple, next)) return simple[next]!;
    if (next === "u" || next === "U") {
      const length = next === "u" ? 4 : 8;
      const hex = this.text.slice(this.#at, this.#at + length);
      if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== length) this.#fail("bad escape");
      this.#at += length;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) this.#fail("bad escape");
      return String.fromCodePoint(code);
    }
    if (triple && (next === "\n" || next === " " || next === "\r" || next === "\t")) {
      // A line-ending backslash: the break and the whitespace after it are dropped.
      while (/[ \t\r\n]/.test(this.text[this.#at] ?? "")) this.#at++;
      return "";
    }
    return this.#fail("bad escape");
  }
}

/** The table at `path` below `root`, created where absent (the last item of an array). */
function descend(root: Table, path: readonly string[]): Table {
  let table = root;
  for (const key of path) {
    let next = Object.hasOwn(table, key) ? table[key] : undefined;
    if (Array.isArray(next)) next = next[next.length - 1];
    if (next === undefined) {
      next = {};
      table[key] = next;
    }
    if (!isTable(next)) throw new SyntaxError(`TOML: '${key}' is not a table`);
    table = next;
  }
  return table;
}

function appendTable(root: Table, path: readonly string[]): Table {
  const parent = descend(root, path.slice(0, -1));
  const key = path[path.length - 1]!;
  const list = Object.hasOwn(parent, key) ? parent[key] : undefined;
  const table: Table = {};
  if (list === undefined) parent[key] = [table];
  else if (Array.isArray(list)) list.push(table);
  else throw new SyntaxError(`TOML: '${key}' is not an array of tables`);
  return table;
}

function setKey(table: Table, path: readonly string[], value: unknown): void {
  const parent = descend(table, path.slice(0, -1));
  const key = path[path.length - 1]!;
  if (Object.hasOwn(parent, key)) throw new SyntaxError(`TOML: '${key}' defined twice`);
  parent[key] = value;
}
