/**
 * Field schemas both roster generations use: a path segment under the mounts dir, a safe
 * relative path, an http(s) URL, the common defaults, and the agent sections whose shape did not
 * change between version 1 and version 3.
 *
 * @module
 */

import {
  array,
  boolean,
  nullable,
  object,
  optional,
  type OptionalField,
  record,
  refine,
  required,
  type Schema,
  string,
  withDefault,
} from "./_schema_kit.ts";

/** A string. */
export const str = string();
/** An optional string; `null` reads as absent. */
export const optionalString = optional(nullable(str));
/** A required string. */
export const requiredString = required(str);
/** A list of strings. */
export const stringList = array(str);
/** A list of strings, empty by default. */
export const emptyStringList = withDefault(stringList, (): string[] => []);
/** A string -> string map, empty by default. */
export const emptyStringMap = withDefault(record(str), () => ({}));
/** A boolean, false by default. */
export const falseByDefault = withDefault(boolean(), () => false);
/** A string, empty by default. */
export const emptyByDefault = withDefault(str, () => "");

/**
 * An optional section, where `null` reads as absent (terok's own loader treats `vault: null`,
 * `auth: null`, `oauth_refresh: null`, ... the same way).
 */
export function optionalSection<T>(schema: Schema<T>): OptionalField<T | null> {
  return optional(nullable(schema));
}

/** `git_identity`, the same in both versions. */
export const gitIdentitySection = optionalSection(
  object({ name: optionalString, email: optionalString }),
);

/** `headless`, the same in both versions. */
export const headlessSection = optionalSection(object({
  subcommand: optionalString,
  prompt_flag: withDefault(str, () => "-p"),
  model_flag: optionalString,
  max_turns_flag: optionalString,
  verbose_flag: optionalString,
  output_format_flags: emptyStringList,
}));

/** `auto_approve`, the same in both versions. */
export const autoApproveSection = optionalSection(
  object({ env: emptyStringMap, flags: emptyStringList }),
);

/** `session`, the same in both versions. */
export const sessionSection = optionalSection(object({
  supports_resume: falseByDefault,
  resume_flag: optionalString,
  continue_flag: optionalString,
  session_file: optionalString,
  supports_hook: falseByDefault,
}));

/** `auth.auth_key`, the same in both versions. */
export const authKeySection = optionalSection(object({
  label: optionalString,
  key_url: requiredString,
  env_var: requiredString,
  config_path: requiredString,
  printf_template: requiredString,
  tool_name: optionalString,
}));

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
