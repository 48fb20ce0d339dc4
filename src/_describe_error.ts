/**
 * One short description of a file-system error for messages, shared by every module.
 *
 * @module
 */

/** Phrases by the OS error code the runtime attaches (`error.code`), the finer of the two keys. */
const BY_CODE: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "not a directory",
  EISDIR: "is a directory",
  ELOOP: "too many levels of symbolic links",
  EEXIST: "already exists",
  EBUSY: "resource busy",
  EIO: "input/output error",
  EROFS: "read-only file system",
  ENAMETOOLONG: "file name too long",
  ENOTEMPTY: "directory not empty",
  EXDEV: "on another file system",
  ENOSPC: "no space left on device",
  ETIMEDOUT: "timed out",
  EINTR: "interrupted",
};

/** Phrases by error class, for errors without a known code (Deno's own checks, tests' fakes). */
const BY_CLASS: Readonly<Record<string, string>> = {
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
 * error's code and class. The OS code decides first, because one class covers several causes
 * (`PermissionDenied` is `EACCES` or `EPERM`, the latter an immutable file or a protected
 * link); an unknown code is named as it is, and an error with neither is named by class.
 *
 * @param error Anything caught.
 * @returns The description, lowercase, without a trailing period.
 *
 * @example Describing caught errors
 * ```ts
 * import { describeError } from "./_describe_error.ts";
 * describeError(new Deno.errors.PermissionDenied("open '/x'")); // "permission denied"
 * describeError(Object.assign(new Error("x"), { code: "EROFS" })); // "read-only file system"
 * describeError(new TypeError("boom")); // "unexpected TypeError"
 * ```
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return "unexpected error";
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code !== "") {
    return BY_CODE[code] ?? BY_CLASS[error.name] ?? `unexpected error ${code}`;
  }
  return BY_CLASS[error.name] ?? `unexpected ${error.name}`;
}
