// Copyright the terok-vault authors. MIT license.
/**
 * Classify file-system errors from `Deno.*` (or errors carrying a `code`) for the walker's
 * decisions. Messages for people come from the shared `describeError` in `../_describe_error.ts`.
 */

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
