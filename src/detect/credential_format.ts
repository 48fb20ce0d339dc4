// Copyright the terok-vault authors. MIT license.
import { formatsForName } from "./_format_names.ts";

/** What {@linkcode credentialFormat} needs to know of a roster entry. */
export interface CredentialEntry {
  /** The entry's name (`claude`, `codex`, `gh`): which vendor's file it is. */
  readonly name: string;
  /** The entry's kind (`native`, `opencode`, `bridge`, `tool`, `runtime`). */
  readonly kind: string;
  /** The credential file, relative to the auth mount. */
  readonly credentialFile: string;
}

/** Files whose vendor the entry's name tells, where the name alone is ambiguous. */
const VENDOR_FILES: Readonly<Record<string, string>> = {
  "codex/auth.json": "codex-auth",
  "glab/config.yml": "glab-config",
  "opencode/auth.json": "opencode-auth",
};
/** Names only one vendor's tool writes as a credential file. */
const UNAMBIGUOUS = new Set([
  ".credentials.json",
  "hosts.yml",
  "hosts.yaml",
  "oauth_creds.json",
  ".claude.json",
  ".git-credentials",
  ".npmrc",
]);

/**
 * The format a roster entry's credential file is judged by: which vendor's file it is, from
 * the entry, never from what the file holds (a hostile container writes that). `undefined`
 * when the entry names no known format: such a file is clean only when empty or a phantom.
 *
 * Pure: it reads no file.
 *
 * @param entry The entry's name, kind and credential file.
 * @returns A format id (`claude-credentials`, `codex-auth`, `gh-hosts`, `dotenv`, ...), or
 * `undefined`.
 *
 * @example The formats of built-in entries
 * ```ts
 * import { credentialFormat } from "./credential_format.ts";
 *
 * console.log(credentialFormat({ name: "gh", kind: "tool", credentialFile: "hosts.yml" })); // "gh-hosts"
 * console.log(credentialFormat({ name: "vibe", kind: "native", credentialFile: ".env" })); // "dotenv"
 * console.log(credentialFormat({ name: "kisski", kind: "opencode", credentialFile: "config.json" })); // undefined
 * ```
 */
export function credentialFormat(entry: CredentialEntry): string | undefined {
  const base = entry.credentialFile.slice(entry.credentialFile.lastIndexOf("/") + 1);
  const vendor = VENDOR_FILES[`${entry.name}/${base}`];
  if (vendor !== undefined) return vendor;
  const formats = formatsForName(base);
  if (UNAMBIGUOUS.has(base) || formats[0] === "dotenv") return formats[0];
  return undefined;
}
