// Copyright the terok-vault authors. MIT license.
/** Access token the vault writes into Claude's `.credentials.json`. */
export const CLAUDE_PHANTOM_MARKER = "terok-proxy-phantom-token:vault-handles-real-auth";
/** Access and refresh token the vault writes into Codex's `auth.json`. */
export const CODEX_PHANTOM_MARKER = "terok-proxy-codex-oauth-marker:vault-handles-real-auth";

/** Whether `value` is, or holds, one of the vault's phantom markers. */
export function holdsPhantomMarker(value: string): boolean {
  return value.includes("terok-proxy-phantom-token:") ||
    value.includes("terok-proxy-codex-oauth-marker:");
}
