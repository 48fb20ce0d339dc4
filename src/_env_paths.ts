/**
 * Reading directory paths out of environment variables and terok's config.yml, with the rules
 * of docs/locations.md: an empty value is unset, `~` means HOME, a `TEROK_*` path must be
 * absolute, and no terok location may be the file-system root.
 *
 * @module
 */

import type { EnvName, PathContext } from "./path_context.ts";

/** A variable's value, or undefined when it is unset or empty (terok treats both alike). */
export function envValue(context: PathContext, name: EnvName): string | undefined {
  return context.env(name) || undefined;
}

/**
 * A `TEROK_*` location (or `paths.root`): `~` expanded, absolute, and never the file-system
 * root. Undefined when unset or empty.
 *
 * @param what How to name the value in an error (`TEROK_ROOT`, `paths.root in "/etc/..."`).
 * @throws {RangeError} When it is relative, names `/`, or has a `~` that cannot be expanded.
 */
export function terokLocation(
  value: string | undefined,
  what: string,
  context: PathContext,
): string | undefined {
  if (!value) return undefined;
  const expanded = expandHome(value, what, context);
  if (!expanded.startsWith("/")) {
    throw new RangeError(`${what} must be an absolute path, got ${JSON.stringify(value)}`);
  }
  if (lexicalPath(expanded) === "/") {
    throw new RangeError(
      `${what} is ${JSON.stringify(value)}: terok's files cannot live directly in the ` +
        'file-system root, and no grant may be "/"; name a directory or unset it',
    );
  }
  return cleanPath(expanded);
}

/**
 * A base directory from a variable such as HOME or XDG_DATA_HOME: its absolute value without
 * `.` segments and trailing slashes (`/` stays `/`), or undefined when unset, empty or
 * relative (the XDG base directory spec says relative values are to be ignored).
 */
export function baseDir(context: PathContext, name: EnvName): string | undefined {
  const value = envValue(context, name);
  if (!value || !value.startsWith("/")) return undefined;
  return cleanPath(value);
}

/** HOME as a base directory; needed, so its absence is an error. */
export function homeDir(context: PathContext): string {
  const value = baseDir(context, "HOME");
  if (value === undefined) {
    throw new RangeError(
      "Cannot work out the default location: HOME is not set to an absolute path; set it, " +
        "TEROK_ROOT, or pass the path as an option",
    );
  }
  return value;
}

/** `base/rest`, without a doubled slash when base is `/`. */
export function joinPath(base: string, rest: string): string {
  return base === "/" ? `/${rest}` : `${base}/${rest}`;
}

/**
 * `~` and `~/...` with HOME put in, as Python's `expanduser` does for terok. `~user` forms are
 * left alone (they then fail the absolute-path check with the value shown).
 */
function expandHome(value: string, what: string, context: PathContext): string {
  if (value !== "~" && !value.startsWith("~/")) return value;
  const home = baseDir(context, "HOME");
  if (home === undefined) {
    throw new RangeError(
      `${what} starts with "~", but HOME is not set to an absolute path to expand it with`,
    );
  }
  return value === "~" ? home : joinPath(home, value.slice(2));
}

/** Drops empty and `.` segments (trailing slashes included); keeps `..`. `/` stays `/`. */
function cleanPath(path: string): string {
  const parts = path.split("/").filter((part) => part !== "" && part !== ".");
  return `/${parts.join("/")}`;
}

/** The path with `..` applied lexically as well: what Deno's permission check sees. */
function lexicalPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}
