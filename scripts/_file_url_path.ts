/**
 * The local path of a `file:` URL, decoded (what std's `fromFileUrl` does on POSIX), so a
 * checkout whose path holds a space, `%` or non-ASCII works.
 *
 * @module
 */

/**
 * Decodes a `file:` URL's pathname into a path, without a trailing slash (except for `/`).
 *
 * @param url A `file:` URL, e.g. `new URL("..", import.meta.url)`.
 * @returns The decoded absolute path.
 * @throws {TypeError} When the URL is not a `file:` URL.
 *
 * @example A directory with a space
 * ```ts
 * import { fileUrlPath } from "./_file_url_path.ts";
 * fileUrlPath(new URL("file:///tmp/a%20b/")); // "/tmp/a b"
 * ```
 */
export function fileUrlPath(url: URL): string {
  if (url.protocol !== "file:") throw new TypeError(`Not a file URL: "${url.href}"`);
  // A lone "%" that does not start an escape stays literal, as in std's fromFileUrl.
  const path = decodeURIComponent(url.pathname.replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
  return path.length > 1 ? path.replace(/\/$/, "") : path;
}
