/**
 * The exit code shared by every command for a problem with its input.
 *
 * @module
 */

/** Exit code for bad usage, a roster error or a failed write (docs/cli.md, "Exit codes"). */
export const EXIT_USAGE = 2;
