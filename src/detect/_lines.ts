// Copyright the terok-vault authors. MIT license.
/** Turns increasing indexes of one text into 1-based line numbers, counting each newline once. */
export class LineCounter {
  #text: string;
  #index = 0;
  #line: number;

  constructor(text: string, firstLine = 1) {
    this.#text = text;
    this.#line = firstLine;
  }

  /** The line of `index`; indexes must not decrease between calls. */
  lineAt(index: number): number {
    let next = this.#text.indexOf("\n", this.#index);
    while (next !== -1 && next < index) {
      this.#line++;
      next = this.#text.indexOf("\n", next + 1);
    }
    this.#index = index;
    return this.#line;
  }
}
