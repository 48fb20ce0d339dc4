// Copyright the terok-vault authors. MIT license.
import { ANTHROPIC_RULES } from "./rules/_anthropic.ts";
import { ATLASSIAN_RULES } from "./rules/_atlassian.ts";
import { AWS_RULES } from "./rules/_aws.ts";
import { AZURE_RULES } from "./rules/_azure.ts";
import { CHAT_RULES } from "./rules/_chat.ts";
import { CLOUD_RULES } from "./rules/_cloud.ts";
import { DATA_RULES } from "./rules/_data.ts";
import { DEVOPS_RULES } from "./rules/_devops.ts";
import { GENERIC_RULES } from "./rules/_generic.ts";
import { GITHUB_RULES } from "./rules/_github.ts";
import { GITLAB_RULES } from "./rules/_gitlab.ts";
import { GOOGLE_RULES } from "./rules/_google.ts";
import { LLM_RULES } from "./rules/_llm.ts";
import { OBSERVABILITY_RULES } from "./rules/_observability.ts";
import { REGISTRY_RULES } from "./rules/_registries.ts";
import { SAAS_RULES } from "./rules/_saas.ts";
import type { Rule } from "./types.ts";

/**
 * The token rules: the shapes of real provider secrets, by stable id. The table is data, one
 * file per vendor family under `rules/` (`_aws.ts`, `_github.ts`, `_chat.ts` for Slack,
 * Discord and Telegram, ...); this list only puts them together.
 *
 * A match is then checked against its surroundings (a token does not continue into a
 * neighbouring letter or digit) and dismissed when its variable part is a stand-in (a
 * placeholder, a spelled-out or alphabet-run value, a published example) or holds a phantom
 * marker. `jwt` is of lower confidence: see {@linkcode Rule.keyed}.
 *
 * @example List the rules
 * ```ts
 * import { RULES } from "./rules.ts";
 *
 * for (const rule of RULES) console.log(`${rule.id}: ${rule.description}`);
 * ```
 */
export const RULES: readonly Rule[] = Object.freeze([
  ...ANTHROPIC_RULES,
  ...LLM_RULES,
  ...GOOGLE_RULES,
  ...GITHUB_RULES,
  ...GITLAB_RULES,
  ...ATLASSIAN_RULES,
  ...AWS_RULES,
  ...AZURE_RULES,
  ...CLOUD_RULES,
  ...DATA_RULES,
  ...REGISTRY_RULES,
  ...DEVOPS_RULES,
  ...CHAT_RULES,
  ...SAAS_RULES,
  ...OBSERVABILITY_RULES,
  ...GENERIC_RULES,
]);
