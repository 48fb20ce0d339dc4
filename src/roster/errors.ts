/**
 * Errors of the roster loader. Every one names the file it is about and, where known, the
 * key path and the 1-based line and column; its `message` is the complete line the CLI prints:
 * `<file>:<line>:<column>: <key.path>: <Reason>`.
 *
 * @module
 */

/** Where a roster error is and why. */
export interface RosterErrorDetails {
  /** The file as shown to users (`<built-in>/claude.yaml` for the built-in roster). */
  readonly file: string;
  /** Dotted key path with list indices, e.g. `mounts[1].host_dir`; absent for whole-file errors. */
  readonly keyPath?: string | undefined;
  /** 1-based line, when the YAML parser knows it. */
  readonly line?: number | undefined;
  /** 1-based column, when the YAML parser knows it. */
  readonly column?: number | undefined;
  /** The reason sentence, without file and key path. */
  readonly reason: string;
}

function formatMessage(details: RosterErrorDetails): string {
  let where = details.file;
  if (details.line !== undefined && details.column !== undefined) {
    where += `:${details.line}:${details.column}`;
  }
  const keyPath = details.keyPath ? `${details.keyPath}: ` : "";
  return `${where}: ${keyPath}${details.reason}`;
}

function assignDetails(target: RosterErrorFields, details: RosterErrorDetails): void {
  target.file = details.file;
  target.reason = details.reason;
  if (details.keyPath !== undefined) target.keyPath = details.keyPath;
  if (details.line !== undefined) target.line = details.line;
  if (details.column !== undefined) target.column = details.column;
}

interface RosterErrorFields {
  file: string;
  reason: string;
  keyPath?: string;
  line?: number;
  column?: number;
}

/** A roster file that is not valid YAML, or that YAML limits refuse (aliases, depth). */
export class RosterSyntaxError extends SyntaxError {
  /** The file as shown to users. */
  declare readonly file: string;
  /** The reason sentence, without file and key path. */
  declare readonly reason: string;
  /** The key path, e.g. `mounts[1].host_dir`; absent for whole-file errors. */
  declare readonly keyPath?: string;
  /** The 1-based line, when known. */
  declare readonly line?: number;
  /** The 1-based column, when known. */
  declare readonly column?: number;

  /**
   * Builds the error and its message from the details.
   *
   * @param details Where the error is and why.
   */
  constructor(details: RosterErrorDetails) {
    super(formatMessage(details));
    this.name = "RosterSyntaxError";
    assignDetails(this as RosterErrorFields, details);
  }
}

/** A roster value that breaks the schema (unknown key, wrong type, missing key, bad value). */
export class RosterSchemaError extends TypeError {
  /** The file as shown to users. */
  declare readonly file: string;
  /** The reason sentence, without file and key path. */
  declare readonly reason: string;
  /** The key path, e.g. `mounts[1].host_dir`; absent for whole-file errors. */
  declare readonly keyPath?: string;
  /** The 1-based line, when known. */
  declare readonly line?: number;
  /** The 1-based column, when known. */
  declare readonly column?: number;

  /**
   * Builds the error and its message from the details.
   *
   * @param details Where the error is and why.
   */
  constructor(details: RosterErrorDetails) {
    super(formatMessage(details));
    this.name = "RosterSchemaError";
    assignDetails(this as RosterErrorFields, details);
  }
}

/** A roster file or directory that cannot be used: unreadable, too large, not UTF-8. */
export class RosterFileError extends Error {
  /** The file as shown to users. */
  declare readonly file: string;
  /** The reason sentence, without file and key path. */
  declare readonly reason: string;
  /** The key path, e.g. `mounts[1].host_dir`; absent for whole-file errors. */
  declare readonly keyPath?: string;
  /** The 1-based line, when known. */
  declare readonly line?: number;
  /** The 1-based column, when known. */
  declare readonly column?: number;

  /**
   * Builds the error and its message from the details.
   *
   * @param details Where the error is and why.
   * @param options The underlying error, if any.
   */
  constructor(details: RosterErrorDetails, options?: ErrorOptions) {
    super(formatMessage(details), options);
    this.name = "RosterFileError";
    assignDetails(this as RosterErrorFields, details);
  }
}

/** Two roster entries that cannot coexist, e.g. two with one route prefix. */
export class RosterConflictError extends Error {
  /** The file as shown to users. */
  declare readonly file: string;
  /** The reason sentence, without file and key path. */
  declare readonly reason: string;
  /** The key path, e.g. `mounts[1].host_dir`; absent for whole-file errors. */
  declare readonly keyPath?: string;
  /** The 1-based line, when known. */
  declare readonly line?: number;
  /** The 1-based column, when known. */
  declare readonly column?: number;

  /**
   * Builds the error and its message from the details.
   *
   * @param details Where the error is and why.
   */
  constructor(details: RosterErrorDetails) {
    super(formatMessage(details));
    this.name = "RosterConflictError";
    assignDetails(this as RosterErrorFields, details);
  }
}

/** Any error the roster loader throws on bad input. */
export type RosterError =
  | RosterSyntaxError
  | RosterSchemaError
  | RosterFileError
  | RosterConflictError;

/**
 * Tells whether a value is one of the roster's own errors (bad roster input), as opposed to a
 * bug or a permission error.
 *
 * @param error Anything caught.
 * @returns True for {@linkcode RosterSyntaxError}, {@linkcode RosterSchemaError},
 * {@linkcode RosterFileError} and {@linkcode RosterConflictError}.
 *
 * @example Print a roster error without a stack trace
 * ```ts
 * import { isRosterError, loadRoster } from "./mod.ts";
 * try {
 *   await loadRoster();
 * } catch (error) {
 *   if (!isRosterError(error)) throw error;
 *   console.error(`terok-vault: ${error.message}`);
 * }
 * ```
 */
export function isRosterError(error: unknown): error is RosterError {
  return error instanceof RosterSyntaxError || error instanceof RosterSchemaError ||
    error instanceof RosterFileError || error instanceof RosterConflictError;
}
