// Copyright the terok-vault authors. MIT license.
import type { Rule } from "./types.ts";

const URL_SAFE = "[A-Za-z0-9_-]";

/**
 * The token rules: the shapes of real provider secrets, by stable id.
 *
 * A match is then checked against its surroundings (a token does not continue into a
 * neighbouring letter or digit) and dismissed when its variable part is a placeholder (one
 * repeated character or a short repeating run such as `XXXX…`, `0000…`, `abcabc…`) or holds a
 * phantom marker. `jwt` is of lower confidence: see {@linkcode Rule.keyed}.
 *
 * @example List the rules
 * ```ts
 * import { RULES } from "./rules.ts";
 *
 * for (const rule of RULES) console.log(`${rule.id}: ${rule.description}`);
 * ```
 */
export const RULES: readonly Rule[] = Object.freeze(
  [
    {
      id: "anthropic-api-key",
      description: "Anthropic API key",
      shape: "sk-ant-api03- + 93 of [A-Za-z0-9_-] + AA",
      prefixes: ["sk-ant-api03-"],
      pattern: `sk-ant-api03-${URL_SAFE}{93}AA`,
      keyed: false,
    },
    {
      id: "anthropic-admin-key",
      description: "Anthropic Admin API key",
      shape: "sk-ant-admin01- + 93 of [A-Za-z0-9_-] + AA",
      prefixes: ["sk-ant-admin01-"],
      pattern: `sk-ant-admin01-${URL_SAFE}{93}AA`,
      keyed: false,
    },
    {
      id: "claude-oauth-access-token",
      description: "Claude OAuth access token (Claude Code subscription login)",
      shape: "sk-ant-oat01- + 40 or more of [A-Za-z0-9_-]",
      prefixes: ["sk-ant-oat01-"],
      pattern: `sk-ant-oat01-${URL_SAFE}{40,}`,
      keyed: false,
    },
    {
      id: "claude-oauth-refresh-token",
      description: "Claude OAuth refresh token (Claude Code subscription login)",
      shape: "sk-ant-ort01- + 40 or more of [A-Za-z0-9_-]",
      prefixes: ["sk-ant-ort01-"],
      pattern: `sk-ant-ort01-${URL_SAFE}{40,}`,
      keyed: false,
    },
    {
      id: "openai-api-key",
      description: "OpenAI API key",
      shape: "sk-proj-, sk-svcacct- or sk-admin- + url-safe chars holding T3BlbkFJ; " +
        "legacy sk- + 20 alnum + T3BlbkFJ + 20 alnum",
      prefixes: ["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-"],
      pattern: `sk-(?:proj|svcacct|admin)-${URL_SAFE}{10,}T3BlbkFJ${URL_SAFE}{10,}` +
        `|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}`,
      keyed: false,
    },
    {
      id: "google-api-key",
      description: "Google API key (Gemini, Google Cloud)",
      shape: "AIza + 35 of [A-Za-z0-9_-]",
      prefixes: ["AIza"],
      pattern: `AIza${URL_SAFE}{35}`,
      keyed: false,
    },
    {
      id: "google-oauth-access-token",
      description: "Google OAuth access token",
      shape: "ya29. + 20 or more url-safe chars",
      prefixes: ["ya29."],
      pattern: `ya29\\.${URL_SAFE}{20,}`,
      keyed: false,
    },
    {
      id: "google-oauth-refresh-token",
      description: "Google OAuth refresh token",
      shape: "1//0 + 30 or more url-safe chars",
      prefixes: ["1//0"],
      pattern: `1//0${URL_SAFE}{30,}`,
      keyed: false,
    },
    {
      id: "github-token",
      description: "GitHub token (personal, OAuth, app or fine-grained)",
      shape: "ghp_, gho_, ghu_, ghs_ or ghr_ + 36 alnum; github_pat_ + 82 word chars",
      prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
      pattern: "gh[pousr]_[A-Za-z0-9]{36}|github_pat_\\w{82}",
      keyed: false,
    },
    {
      id: "gitlab-token",
      description: "GitLab token (personal, deploy, runner, CI/CD, trigger, feed, OAuth app)",
      shape: "glpat- + 20 or more [\\w-] (also the routable form with .-parts); " +
        "gldt-, glrt-, glcbt-, glptt-, glft-, glsoat- + 20 or more [\\w-]",
      prefixes: ["glpat-", "gldt-", "glrt-", "glcbt-", "glptt-", "glft-", "glsoat-"],
      pattern: "gl(?:pat|dt|rt|cbt|ptt|ft|soat)-[\\w-]{20,}(?:\\.[\\w-]+)*",
      keyed: false,
    },
    {
      id: "openrouter-api-key",
      description: "OpenRouter API key",
      shape: "sk-or-v1- + 64 hex",
      prefixes: ["sk-or-v1-"],
      pattern: "sk-or-v1-[0-9a-f]{64}",
      keyed: false,
    },
    {
      id: "huggingface-token",
      description: "Hugging Face access token",
      shape: "hf_ + 34 letters",
      prefixes: ["hf_"],
      pattern: "hf_[A-Za-z]{34}",
      keyed: false,
    },
    {
      id: "sonar-token",
      description: "SonarQube / SonarCloud token",
      shape: "squ_, sqp_ or sqa_ + 40 of [a-z0-9]; sqco_ + 59 alnum",
      prefixes: ["squ_", "sqp_", "sqa_", "sqco_"],
      pattern: "sq[upa]_[a-z0-9]{40}|sqco_[A-Za-z0-9]{59}",
      keyed: false,
    },
    {
      id: "aws-access-key-id",
      description: "AWS access key id (Bedrock and MCP server set-ups put these in agent configs)",
      shape: "AKIA or ASIA + 16 of [A-Z0-9]",
      prefixes: ["AKIA", "ASIA"],
      pattern: "(?:AKIA|ASIA)[A-Z0-9]{16}",
      keyed: false,
    },
    {
      id: "slack-token",
      description: "Slack token (bot, user, app; MCP Slack servers)",
      shape: "xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr- + numeric parts + 16 or more alnum; " +
        "xapp- app-level token",
      prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xapp-"],
      pattern: "xox[abposr]-(?:[0-9]{1,16}-){1,3}[A-Za-z0-9]{16,}" +
        "|xapp-[0-9]-[A-Z0-9]{8,}-[0-9]{6,}-[a-f0-9]{32,}",
      keyed: false,
    },
    {
      id: "npm-token",
      description: "npm access token",
      shape: "npm_ + 36 alnum",
      prefixes: ["npm_"],
      pattern: "npm_[A-Za-z0-9]{36}",
      keyed: false,
    },
    {
      id: "groq-api-key",
      description: "Groq API key",
      shape: "gsk_ + 52 alnum",
      prefixes: ["gsk_"],
      pattern: "gsk_[A-Za-z0-9]{52}",
      keyed: false,
    },
    {
      id: "linear-api-key",
      description: "Linear API key (MCP Linear servers)",
      shape: "lin_api_ + 32 to 128 of [A-Za-z0-9_]",
      prefixes: ["lin_api_"],
      pattern: "lin_api_[A-Za-z0-9_]{32,128}",
      keyed: false,
    },
    {
      id: "notion-token",
      description: "Notion integration token (MCP Notion servers)",
      shape: "ntn_ + 11 digits + 35 alnum",
      prefixes: ["ntn_"],
      pattern: "ntn_[0-9]{11}[A-Za-z0-9]{35}",
      keyed: false,
    },
    {
      id: "sendgrid-api-key",
      description: "SendGrid API key (MCP mail servers)",
      shape: "SG. + 22 of [A-Za-z0-9_-] + . + 43 of [A-Za-z0-9_-]",
      prefixes: ["SG."],
      pattern: "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}",
      keyed: false,
    },
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
      pattern: `ey${URL_SAFE}{8,}\\.ey${URL_SAFE}{8,}\\.${URL_SAFE}{4,}`,
      keyed: true,
    },
  ] satisfies Rule[],
);
