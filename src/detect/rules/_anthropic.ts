// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: Anthropic API keys and Claude OAuth tokens.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** Anthropic API keys and Claude OAuth tokens. */
export const ANTHROPIC_RULES: readonly Rule[] = [
  {
    id: "anthropic-api-key",
    description: "Anthropic API key",
    shape: "sk-ant-api03- + 93 of [A-Za-z0-9_-] + AA",
    prefixes: ["sk-ant-api03-"],
    pattern: "sk-ant-api03-[A-Za-z0-9_-]{93}AA",
    fixed: ["AA"],
    keyed: false,
  },
  {
    id: "anthropic-admin-key",
    description: "Anthropic Admin API key",
    shape: "sk-ant-admin01- + 93 of [A-Za-z0-9_-] + AA",
    prefixes: ["sk-ant-admin01-"],
    pattern: "sk-ant-admin01-[A-Za-z0-9_-]{93}AA",
    fixed: ["AA"],
    keyed: false,
  },
  {
    id: "claude-oauth-access-token",
    description: "Claude OAuth access token (Claude Code subscription login)",
    shape: "sk-ant-oat01- + 40 or more of [A-Za-z0-9_-]",
    prefixes: ["sk-ant-oat01-"],
    pattern: "sk-ant-oat01-[A-Za-z0-9_-]{40,}",
    keyed: false,
  },
  {
    id: "claude-oauth-refresh-token",
    description: "Claude OAuth refresh token (Claude Code subscription login)",
    shape: "sk-ant-ort01- + 40 or more of [A-Za-z0-9_-]",
    prefixes: ["sk-ant-ort01-"],
    pattern: "sk-ant-ort01-[A-Za-z0-9_-]{40,}",
    keyed: false,
  },
];
