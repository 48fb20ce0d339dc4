// Copyright the terok-vault authors. MIT license.
/**
 * Remove chosen members from a JSON document and leave every other byte as it was: the
 * member's key and value go, with the comma that separated it from a neighbour (and the
 * white space before that neighbour), so key order, indentation and the rest stay intact.
 */

/** One `"key": value` member of an object, with its place in the text. */
interface Member {
  /** Key segments from the document root (array elements by index). */
  path: string[];
  /** Offset of the key's opening quote. */
  start: number;
  /** Offset just after the value. */
  end: number;
  /** The value when it is a string or a number (what a secret can be). */
  scalar: string | undefined;
  /** The 1-based lines the value spans. */
  firstLine: number;
  lastLine: number;
}

/** An object: its braces and its members in order. */
interface ObjectSpan {
  open: number;
  close: number;
  members: Member[];
}

/** What is to be removed. */
export interface JsonTargets {
  /** Dotted key paths, as the detector reports them. */
  keyPaths: ReadonlySet<string>;
  /** Lines of evidence without a key path: a string value there is removed if `isSecret`. */
  lines: ReadonlySet<number>;
  /** Whether a value on one of those lines holds a secret. */
  isSecret: (value: string) => boolean;
}

/** The stripped text and the dotted paths removed, or why it cannot be done. */
export type Stripped = { ok: true; text: string; removed: string[] } | {
  ok: false;
  reason: string;
};

/** Nesting deeper than this is refused (a hostile document must not exhaust the stack). */
const MAX_DEPTH = 64;

class JsonSyntax extends SyntaxError {}

/**
 * Remove from `text` every member whose dotted path is in `targets.keyPaths`, and every
 * string member on a line of `targets.lines` that holds a secret.
 */
export function stripJson(text: string, targets: JsonTargets): Stripped {
  let objects: ObjectSpan[];
  try {
    objects = new SpanParser(text).document();
  } catch (error) {
    if (error instanceof JsonSyntax) return { ok: false, reason: error.message };
    throw error;
  }
  const edits: [start: number, end: number][] = [];
  const removed: string[] = [];
  for (const object of objects) {
    const drop = object.members.map((member) => chosen(member, targets));
    if (!drop.includes(true)) continue;
    object.members.forEach((member, i) => {
      if (drop[i]) removed.push(member.path.join("."));
    });
    edits.push(...objectEdits(object, drop));
  }
  edits.sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [start, end] of edits) out = out.slice(0, start) + out.slice(end);
  return { ok: true, text: out, removed };
}

function chosen(member: Member, targets: JsonTargets): boolean {
  if (member.scalar === undefined) return false;
  if (targets.keyPaths.has(member.path.join("."))) return true;
  for (let line = member.firstLine; line <= member.lastLine; line++) {
    if (targets.lines.has(line)) return targets.isSecret(member.scalar);
  }
  return false;
}

/**
 * The spans to cut from one object: a run of dropped members followed by a kept one goes
 * up to that member's key; a run at the end goes from the previous kept value's end; all
 * dropped empties the braces.
 */
function objectEdits(object: ObjectSpan, drop: boolean[]): [number, number][] {
  const { members } = object;
  if (drop.every(Boolean)) return [[object.open + 1, object.close]];
  const edits: [number, number][] = [];
  let i = 0;
  while (i < members.length) {
    if (!drop[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < members.length && drop[j + 1]) j++;
    const next = members[j + 1];
    if (next !== undefined) edits.push([members[i]!.start, next.start]);
    else edits.push([members[i - 1]!.end, members[j]!.end]);
    i = j + 1;
  }
  return edits;
}

/** A strict JSON reader (RFC 8259) that records where each object member sits. */
class SpanParser {
  #at = 0;
  #line = 1;
  readonly #objects: ObjectSpan[] = [];

  constructor(readonly text: string) {}

  document(): ObjectSpan[] {
    this.#space();
    this.#value([], 0);
    this.#space();
    if (this.#at !== this.text.length) this.#fail("unexpected text after the document");
    return this.#objects;
  }

  #fail(what: string): never {
    throw new JsonSyntax(`not strict JSON at line ${this.#line}: ${what}`);
  }

  #space(): void {
    while (this.#at < this.text.length) {
      const c = this.text[this.#at]!;
      if (c === "\n") this.#line++;
      else if (c !== " " && c !== "\t" && c !== "\r") return;
      this.#at++;
    }
  }

  /** Reads one value; returns its scalar text for strings and numbers. */
  #value(path: string[], depth: number): string | undefined {
    if (depth > MAX_DEPTH) this.#fail("nested too deeply");
    const c = this.text[this.#at];
    if (c === "{") return this.#object(path, depth), undefined;
    if (c === "[") return this.#array(path, depth), undefined;
    if (c === '"') return this.#string();
    const literal = /^(?:true|false|null)/.exec(this.text.slice(this.#at, this.#at + 5));
    if (literal !== null) {
      this.#at += literal[0].length;
      return undefined;
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
      this.text.slice(this.#at, this.#at + 400),
    );
    if (number === null) this.#fail("a value was expected");
    this.#at += number[0].length;
    return number[0];
  }

  #object(path: string[], depth: number): void {
    const span: ObjectSpan = { open: this.#at, close: -1, members: [] };
    this.#objects.push(span);
    this.#at++;
    this.#space();
    if (this.text[this.#at] === "}") {
      span.close = this.#at++;
      return;
    }
    for (;;) {
      if (this.text[this.#at] !== '"') this.#fail("a key was expected");
      const start = this.#at;
      const key = this.#string();
      this.#space();
      if (this.text[this.#at] !== ":") this.#fail('":" was expected');
      this.#at++;
      this.#space();
      const firstLine = this.#line;
      const memberPath = [...path, key];
      const scalar = this.#value(memberPath, depth + 1);
      span.members.push({
        path: memberPath,
        start,
        end: this.#at,
        scalar,
        firstLine,
        lastLine: this.#line,
      });
      this.#space();
      const c = this.text[this.#at];
      this.#at++;
      if (c === "}") {
        span.close = this.#at - 1;
        return;
      }
      if (c !== ",") this.#fail('"," or "}" was expected');
      this.#space();
    }
  }

  #array(path: string[], depth: number): void {
    this.#at++;
    this.#space();
    if (this.text[this.#at] === "]") {
      this.#at++;
      return;
    }
    for (let index = 0;; index++) {
      this.#value([...path, String(index)], depth + 1);
      this.#space();
      const c = this.text[this.#at];
      this.#at++;
      if (c === "]") return;
      if (c !== ",") this.#fail('"," or "]" was expected');
      this.#space();
    }
  }

  /** Reads a string literal and returns its value. */
  #string(): string {
    const start = this.#at;
    this.#at++;
    while (this.#at < this.text.length) {
      const c = this.text[this.#at]!;
      if (c === '"') {
        this.#at++;
        try {
          return JSON.parse(this.text.slice(start, this.#at));
        } catch {
          this.#fail("a malformed string");
        }
      }
      if (c === "\\") this.#at++;
      else if (c < " ") this.#fail("a control character in a string");
      this.#at++;
    }
    this.#fail("an unterminated string");
  }
}
