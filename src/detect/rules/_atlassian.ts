// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: Atlassian (Jira, Confluence, Bitbucket) API tokens.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** Atlassian (Jira, Confluence, Bitbucket) API tokens. */
export const ATLASSIAN_RULES: readonly Rule[] = [
  {
    id: "atlassian-api-token",
    description: "Atlassian API token (Jira, Confluence)",
    shape: "ATATT3 + 186 of [A-Za-z0-9_=-]",
    prefixes: ["ATATT3"],
    pattern: "ATATT3[A-Za-z0-9_=-]{186}",
    keyed: false,
  },
];
