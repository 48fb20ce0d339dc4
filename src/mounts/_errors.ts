// Copyright the terok-vault authors. MIT license.
/** Classify file-system errors from `Deno.*` (or errors carrying a `code`), without their messages. */

/** Short error codes the walker reacts to; anything else is "other". */
export type ErrorKind = "absent" | "not_capable" | "not_directory" | "loop" | "other";

function errorCode(error: unknown): string | undefined {
  if (error instanceof Deno.errors.NotFound) return "ENOENT";
  if (error instanceof Deno.errors.NotCapable) return "ENOTCAPABLE";
  if (error instanceof Deno.errors.PermissionDenied) return "EACCES";
  if (error instanceof Deno.errors.NotADirectory) return "ENOTDIR";
  if (error instanceof Deno.errors.FilesystemLoop) return "ELOOP";
  if (error instanceof Deno.errors.IsADirectory) return "EISDIR";
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** What the walker needs to know about an error. */
export function errorKind(error: unknown): ErrorKind {
  switch (errorCode(error)) {
    case "ENOENT":
      return "absent";
    case "ENOTCAPABLE":
      return "not_capable";
    case "ENOTDIR":
      return "not_directory";
    case "ELOOP":
      return "loop";
    default:
      return "other";
  }
}

const PHRASES: Readonly<Record<string, string>> = {
  ENOENT: "no such file or directory",
  ENOTCAPABLE: "outside the paths this program may access",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOTDIR: "not a directory",
  ELOOP: "too many levels of symbolic links",
  EISDIR: "is a directory",
  EIO: "input/output error",
  EBUSY: "resource busy",
  EROFS: "read-only file system",
  ENAMETOOLONG: "file name too long",
};

/**
 * A short human description such as `permission denied (EACCES)`.
 *
 * Deliberately ignores the error's message: it is built by the runtime and we keep every
 * reason we report short, predictable and free of anything but the error class.
 */
export function describeError(error: unknown): string {
  const code = errorCode(error);
  if (code === undefined) {
    return error instanceof Error ? `unexpected ${error.name}` : "unexpected error";
  }
  const phrase = PHRASES[code];
  return phrase === undefined ? code : `${phrase} (${code})`;
}
