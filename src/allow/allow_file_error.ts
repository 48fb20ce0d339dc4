/**
 * The error of an allowlist or baseline file that cannot be used.
 *
 * @module
 */

/** Where a problem with an allowlist or baseline file is and what it is. */
export interface AllowFileErrorDetails {
  /** The file. */
  readonly file: string;
  /** The key path (`accept[2].expires`), when the problem is one value. */
  readonly keyPath?: string | undefined;
  /** 1-based line, when known. */
  readonly line?: number | undefined;
  /** 1-based column, when known. */
  readonly column?: number | undefined;
  /** The reason sentence. */
  readonly reason: string;
}

/**
 * An allowlist (`vault-allow.yaml`, `--allow-file`) or a baseline report (`--baseline`) that
 * cannot be used: missing when named, unreadable, not valid YAML or JSON, or not of the
 * documented shape. A `RangeError`, as a bad terok config.yml is: guessing what the operator
 * accepted would hide leaks or count accepted ones, so the run stops (exit 2).
 */
export class AllowFileError extends RangeError {
  /** The file. */
  readonly file: string;
  /** The key path, when the problem is one value. */
  readonly keyPath: string | undefined;
  /** 1-based line, when known. */
  readonly line: number | undefined;
  /** 1-based column, when known. */
  readonly column: number | undefined;

  /**
   * Builds the one-line message `<file>[:<line>:<column>]: [<key>: ]<reason>`.
   *
   * @param details Where the problem is and what it is.
   * @param options The underlying error, if any.
   *
   * @example
   * ```ts
   * import { AllowFileError } from "./allow_file_error.ts";
   * new AllowFileError({ file: "/a.yaml", keyPath: "accept[0]", line: 3, column: 5, reason: "x" })
   *   .message; // "/a.yaml:3:5: accept[0]: x"
   * ```
   */
  constructor(details: AllowFileErrorDetails, options?: ErrorOptions) {
    const at = details.line === undefined ? "" : `:${details.line}:${details.column ?? 1}`;
    const key = details.keyPath ? `${details.keyPath}: ` : "";
    super(`${details.file}${at}: ${key}${details.reason}`, options);
    this.name = "AllowFileError";
    this.file = details.file;
    this.keyPath = details.keyPath;
    this.line = details.line;
    this.column = details.column;
  }
}
