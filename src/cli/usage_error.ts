/**
 * The error for a command line the program cannot run.
 *
 * @module
 */

import type { CommandName } from "./types.ts";

/**
 * A bad command line: unknown command or option, a missing value, contradicting options.
 * The CLI prints the message with the usage line of {@linkcode UsageError.command} and exits 2.
 *
 * @example Refuse an option
 * ```ts
 * import { UsageError } from "./usage_error.ts";
 * const error = new UsageError('Unknown option "--force" for scan', "scan");
 * error.command; // "scan"
 * ```
 */
export class UsageError extends TypeError {
  /** The command whose usage line to show, or undefined for the program's. */
  readonly command: CommandName | undefined;

  /**
   * Creates a usage error.
   *
   * @param message What is wrong, sentence case, values quoted.
   * @param command The command whose usage line fits, if any.
   */
  constructor(message: string, command?: CommandName) {
    super(message);
    this.name = "UsageError";
    this.command = command;
  }
}
