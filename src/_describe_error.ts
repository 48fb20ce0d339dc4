/**
 * One short description of a file-system error for messages, shared by every module.
 *
 * @module
 */

const PHRASES: Readonly<Record<string, string>> = {
  NotFound: "no such file or directory",
  NotCapable: "outside the paths this program may access",
  PermissionDenied: "permission denied",
  NotADirectory: "not a directory",
  IsADirectory: "is a directory",
  FilesystemLoop: "too many levels of symbolic links",
  AlreadyExists: "already exists",
  Busy: "resource busy",
  TimedOut: "timed out",
  Interrupted: "interrupted",
  WriteZero: "no space or write refused",
};

/**
 * A short description such as `permission denied` or `no such file or directory`.
 *
 * Deliberately ignores the error's message: the runtime builds it (with paths and OS text), and
 * every reason this program reports stays short, predictable and free of anything but the
 * error's class. Unknown errors are named by class.
 *
 * @param error Anything caught.
 * @returns The description, lowercase, without a trailing period.
 *
 * @example
 * ```ts
 * import { describeError } from "./_describe_error.ts";
 * describeError(new Deno.errors.PermissionDenied("open '/x'")); // "permission denied"
 * describeError(new TypeError("boom")); // "unexpected TypeError"
 * ```
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return "unexpected error";
  return PHRASES[error.name] ?? `unexpected ${error.name}`;
}
