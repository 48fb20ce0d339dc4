// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: Google API keys, OAuth tokens and client secrets.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** Google API keys, OAuth tokens and client secrets. */
export const GOOGLE_RULES: readonly Rule[] = [
  {
    id: "google-api-key",
    description: "Google API key (Gemini, Google Cloud, Firebase)",
    shape: "AIza + 35 of [A-Za-z0-9_-]",
    prefixes: ["AIza"],
    pattern: "AIza[A-Za-z0-9_-]{35}",
    keyed: false,
  },
  {
    id: "google-oauth-access-token",
    description: "Google OAuth access token",
    shape: "ya29. + 20 or more url-safe chars",
    prefixes: ["ya29."],
    pattern: "ya29\\.[A-Za-z0-9_-]{20,}",
    keyed: false,
  },
  {
    id: "google-oauth-refresh-token",
    description: "Google OAuth refresh token",
    shape: "1//0 + 30 or more url-safe chars",
    prefixes: ["1//0"],
    pattern: "1//0[A-Za-z0-9_-]{30,}",
    keyed: false,
  },
  {
    id: "google-oauth-client-secret",
    description: "Google OAuth client secret",
    shape: "GOCSPX- + 28 of [A-Za-z0-9_-]",
    prefixes: ["GOCSPX-"],
    pattern: "GOCSPX-[A-Za-z0-9_-]{28}",
    keyed: false,
  },
];
