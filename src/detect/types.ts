// Copyright the terok-vault authors. MIT license.
/**
 * Record types of the detector: pure code over bytes that knows credential file formats and
 * token shapes. It never sees a path on disk, only bytes and a file name.
 *
 * @module
 */

/**
 * One piece of evidence that a file holds a real secret: a flat, typed record.
 *
 * It never carries the secret itself: only the public prefix and the last 4 characters
 * (`redacted`) and a fingerprint.
 */
export interface Evidence {
  /**
   * Stable rule id: a token rule (`anthropic-api-key`, `claude-oauth-refresh-token`, ...), a
   * format's secret-bearing value (`secret-value`), or a verdict without a match
   * (`unrecognized-content`, `oversized`).
   */
  rule: string;
  /** One line, for people. */
  description: string;
  /** Dotted key path in a JSON or YAML document (`mcpOAuth.srv.accessToken`), or `null`. */
  keyPath: string | null;
  /** 1-based line of the match, or `null`. */
  line: number | null;
  /** Public prefix, an ellipsis, the last 4 characters: `sk-ant-ort01-…wxyz`. */
  redacted: string;
  /**
   * First 16 hex digits of SHA-256 of the secret's UTF-8 bytes, only for a token a rule knows
   * by a random body; `null` for a password, a value of no shape (`secret-value`),
   * `unrecognized-content` and `oversized`, so no wordlist can be tried against it.
   */
  fingerprint: string | null;
}

/** What the detector knows about the file it is given (never a path on disk). */
export interface DetectContext {
  /** The file's base name (`.credentials.json`, `hosts.yml`, `.env`): picks the format. */
  fileName: string;
  /** Environment variable names the roster entry proxies (`phantom_env`): secret in dotenv. */
  phantomEnv?: readonly string[];
  /** `scan --deep`: also report a JWT under a `*token*` / `*secret*` key. */
  deep?: boolean;
  /**
   * At a credential path, the format its roster entry names (`claude-credentials`,
   * `gh-hosts`, ...; see {@linkcode credentialFormat}); `null` for none. Absent: the format
   * the file name is tied to.
   */
  format?: string | null;
}

/** The verdict on the bytes of a file at a configured credential path. */
export type CredentialVerdict =
  | {
    verdict: "clean";
    /** Why it is clean. */
    reason: "empty" | "phantom" | "no-secret";
    /** The known format recognised, or `null`. */
    format: string | null;
  }
  | {
    verdict: "leak";
    /** The known format recognised, or `null`. */
    format: string | null;
    /** Never empty. */
    evidence: Evidence[];
  };

/** One token rule: a stable id, a line for people, and the shape it matches. */
export interface Rule {
  /** Stable id, used in output and in the rule table (`claude-oauth-refresh-token`). */
  readonly id: string;
  /** One line, for people. */
  readonly description: string;
  /** The shape in words, for docs and help. */
  readonly shape: string;
  /**
   * The literal public prefixes a token starts with; redaction shows the one that matched.
   * Every rule that is not keyed has at least one or an anchor: the scan looks for these first.
   */
  readonly prefixes: readonly string[];
  /** Regular expression source matching one whole token (no flags, no anchors, no captures). */
  readonly pattern: string;
  /**
   * Context the token must follow, not part of it (`AccountKey=` before an Azure storage key,
   * `aws_secret_access_key = ` before an AWS secret key): regular expression source, no
   * captures. `prefixes` are then the lead's literal starts.
   */
  readonly lead?: string;
  /**
   * For a token whose rare literal is not at its start (`Q~` in an Azure client secret): the
   * literal, the characters the token may hold before it, and how many at most. The scan
   * looks for the literal and walks back over those characters to the token's start.
   */
  readonly anchor?: { readonly text: string; readonly before: string; readonly max: number };
  /**
   * Fixed fragments inside the token (`T3BlbkFJ` in an OpenAI key, the closing `AA` of an
   * Anthropic key): not part of its random body when judging a placeholder.
   */
  readonly fixed?: readonly string[];
  /**
   * Lower confidence (`jwt`): reported only where a known format names the value
   * secret-bearing, or in a deep scan under a key naming a token or secret.
   */
  readonly keyed: boolean;
}
