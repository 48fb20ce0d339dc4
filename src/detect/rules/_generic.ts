// Copyright the terok-vault authors. MIT license.
/**
 * Token rules that belong to no vendor: passwords in URLs, PEM private keys, JWTs.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** Passwords in URLs, PEM private keys, JWTs. */
export const GENERIC_RULES: readonly Rule[] = [
  {
    id: "url-password",
    description: "Password in a URL (database connection strings, basic auth)",
    shape: "scheme://user:password@host; the password is the secret",
    prefixes: [],
    pattern: "[A-Za-z][A-Za-z0-9+.-]{0,20}://[^\\s:@/]{1,100}:[^\\s@/]{3,200}@[A-Za-z0-9.-]+",
    keyed: false,
  },
  {
    id: "private-key",
    description: "Private key (PEM block)",
    shape: "-----BEGIN ... PRIVATE KEY----- block with a body, up to its END line",
    prefixes: ["-----BEGIN"],
    // Single dashes only inside the body (`DEK-Info: AES-128-CBC`): the next `--` ends the
    // search, so a file of repeated headers costs linear time, not 12,000 steps per header.
    pattern: "-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----" +
      "(?:[A-Za-z0-9+/=\\s:,.\\\\]|-(?!-)){64,12000}?-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----",
    keyed: false,
  },
  {
    id: "jwt",
    description: "JSON Web Token (lower confidence: only under a secret-bearing key)",
    shape: "three base64url parts, the first two starting ey",
    prefixes: [],
    pattern: "ey[A-Za-z0-9_-]{8,}\\.ey[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{4,}",
    keyed: true,
  },
];
