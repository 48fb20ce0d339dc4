// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: GitLab tokens and session cookies.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** GitLab tokens and session cookies. */
export const GITLAB_RULES: readonly Rule[] = [
  {
    id: "gitlab-token",
    description: "GitLab token (personal, deploy, runner, CI/CD job, trigger, feed, SCIM, " +
      "feature flag, incoming mail, agent, OAuth app secret)",
    shape: "glpat- + 20 or more [\\w-] (also the routable form with .-parts); " +
      "gldt-, glrt-, glcbt-, glptt-, glft-, glsoat-, glffct-, glimt-, glagent-, gloas- " +
      "+ 20 or more [\\w-]",
    prefixes: [
      "glpat-",
      "gldt-",
      "glrt-",
      "glcbt-",
      "glptt-",
      "glft-",
      "glsoat-",
      "glffct-",
      "glimt-",
      "glagent-",
      "gloas-",
    ],
    pattern:
      "gl(?:pat|dt|rt|cbt|ptt|ft|soat|ffct|imt|agent|oas)-[\\w-]{20,300}(?:\\.[\\w-]{1,300}){0,4}",
    keyed: false,
  },
  {
    id: "gitlab-runner-registration-token",
    description: "GitLab runner registration token (legacy)",
    shape: "GR1348941 + 20 of [\\w-]",
    prefixes: ["GR1348941"],
    pattern: "GR1348941[\\w-]{20}",
    keyed: false,
  },
  {
    id: "gitlab-session-cookie",
    description: "GitLab session cookie",
    shape: "32 of [0-9a-z] after _gitlab_session=",
    prefixes: ["_gitlab_session="],
    lead: "_gitlab_session=",
    pattern: "[0-9a-z]{32}",
    keyed: false,
  },
];
