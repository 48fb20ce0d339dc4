// Copyright the terok-vault authors. MIT license.

import { CLAUDE_PHANTOM_MARKER, CODEX_PHANTOM_MARKER } from "./_markers.ts";

type JsonObject = Record<string, unknown>;

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Absent or `""`; `null` too unless `nullIsEmpty` is false. terok's own check reads a Claude
 * `refreshToken` of `null` as malformed (not a phantom) but an `OPENAI_API_KEY` of `null` as
 * unset; we agree with it, so both tools call the same files leaks.
 */
function isEmptyField(object: JsonObject, key: string, nullIsEmpty: boolean): boolean {
  if (!Object.hasOwn(object, key)) return true;
  const value = object[key];
  return value === "" || (nullIsEmpty && value === null);
}

function isClaudePhantom(document: JsonObject): boolean {
  const oauth = Object.hasOwn(document, "claudeAiOauth") ? document.claudeAiOauth : undefined;
  return isJsonObject(oauth) &&
    Object.hasOwn(oauth, "accessToken") && oauth.accessToken === CLAUDE_PHANTOM_MARKER &&
    isEmptyField(oauth, "refreshToken", false);
}

function isCodexPhantom(document: JsonObject): boolean {
  const tokens = Object.hasOwn(document, "tokens") ? document.tokens : undefined;
  return isJsonObject(tokens) &&
    Object.hasOwn(tokens, "access_token") && tokens.access_token === CODEX_PHANTOM_MARKER &&
    Object.hasOwn(tokens, "refresh_token") && tokens.refresh_token === CODEX_PHANTOM_MARKER &&
    isEmptyField(document, "OPENAI_API_KEY", true);
}

/**
 * Tell whether a credential file's content is a phantom the vault wrote, not a real secret.
 *
 * Either marker check makes a phantom, whichever provider the file belongs to:
 * - Claude: a JSON object whose `claudeAiOauth` is an object with `accessToken` exactly
 *   `terok-proxy-phantom-token:vault-handles-real-auth` and `refreshToken` absent or empty;
 * - Codex: a JSON object whose `tokens` is an object with both `access_token` and
 *   `refresh_token` exactly `terok-proxy-codex-oauth-marker:vault-handles-real-auth`, and
 *   `OPENAI_API_KEY` absent or empty.
 *
 * "Empty" means `""` or `null` (the vault's own tooling treats a null field as unset). Anything
 * that does not parse as JSON, or has another shape, is not a phantom.
 *
 * @param content The file's text.
 * @returns `true` when the content is a phantom (not a leak).
 * @throws Nothing: text that does not parse is simply not a phantom.
 *
 * @example Recognise the Claude phantom
 * ```ts
 * import { isPhantomCredential } from "./is_phantom_credential.ts";
 *
 * const phantom = JSON.stringify({
 *   claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
 * });
 * console.log(isPhantomCredential(phantom)); // true
 * console.log(isPhantomCredential('{"claudeAiOauth":{"accessToken":"x"}}')); // false
 * ```
 */
export function isPhantomCredential(content: string): boolean {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch {
    return false;
  }
  return isJsonObject(document) && (isClaudePhantom(document) || isCodexPhantom(document));
}
