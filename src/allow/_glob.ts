/**
 * Path globs of allowlist entries: relative to the mounts dir, `/`-separated; `*` and `?`
 * stay within one segment, `**` as a whole segment spans any number of them (none included);
 * every other character is literal.
 *
 * @module
 */

/** Why `glob` cannot be used, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  if (glob === "") return "A path glob may not be empty";
  if (glob.startsWith("/")) return "A path glob is relative to the mounts dir (no leading /)";
  const segments = glob.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
    return 'A path glob may not hold empty, "." or ".." segments';
  }
  if (segments.some((s) => s.includes("**") && s !== "**")) {
    return 'In a path glob "**" stands alone as a whole segment';
  }
  return undefined;
}

/** The glob as an anchored regular expression over a relative path. */
export function globRegExp(glob: string): RegExp {
  const segments = glob.split("/");
  let source = "";
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === "**") {
      source += last ? ".*" : "(?:[^/]*/)*";
      return;
    }
    source += segment.replace(/[\\^$.+()|{}[\]]|\*|\?/g, (char) => {
      if (char === "*") return "[^/]*";
      if (char === "?") return "[^/]";
      return `\\${char}`;
    });
    if (!last) source += "/";
  });
  return new RegExp(`^${source}$`, "u");
}
