/**
 * Field schemas both roster generations use: a path segment under the mounts dir, a safe
 * relative path, an http(s) URL.
 *
 * @module
 */

import { refine, string } from "./_schema_kit.ts";

const str = string();

/** True for one path segment: not empty, no `/`, not `.` or `..`, no NUL. */
export function isSinglePathSegment(value: string): boolean {
  return value !== "" && value !== "." && value !== ".." && !/[/\0]/.test(value);
}

/** True for `""` or a relative path whose segments are neither empty nor `..` (no NUL). */
export function isSafeRelativePath(value: string): boolean {
  if (value === "") return true;
  if (value.includes("\0")) return false;
  return value.split("/").every((segment) => segment !== "" && segment !== "..");
}

/** The shape of an http(s) URL; {@linkcode isHttpUrl} also parses it. */
const HTTP_URL = /^[Hh][Tt][Tt][Pp][Ss]?:\/\/\S+$/;

/** True for a string that parses as an `http:` or `https:` URL with something after `//`. */
export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value) && URL.canParse(value);
}

/** One path segment (a host dir under the mounts dir). */
export const pathSegment = refine(
  str,
  'a single path segment (not empty, no "/", not "." or "..")',
  isSinglePathSegment,
  { pattern: "^(?!\\.{1,2}$)[^/\\u0000]+$" },
);

/** A relative path without `..` or empty segments (a credential file). */
export const relativePath = refine(
  str,
  'a relative path without ".." or empty segments',
  isSafeRelativePath,
  { pattern: "^(?:(?!\\.\\.(?:/|$))[^/\\u0000]+(?:/(?!\\.\\.(?:/|$))[^/\\u0000]+)*)?$" },
);

/** An http(s) URL. */
export const httpUrl = refine(str, "an http(s) URL", isHttpUrl, {
  pattern: HTTP_URL.source,
});
