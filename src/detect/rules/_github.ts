// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: GitHub tokens.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** GitHub tokens. */
export const GITHUB_RULES: readonly Rule[] = [
  {
    id: "github-token",
    description:
      "GitHub token (personal, OAuth, user-to-server, app installation, refresh, fine-grained)",
    shape: "ghp_, gho_, ghu_ or ghs_ + 36 alnum; ghr_ + 36 or more alnum (refresh tokens of any " +
      "length); ghs_ + digits + _ + three dot-separated parts (app installation); " +
      "github_pat_ + 82 word chars",
    prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
    pattern:
      "ghs_[0-9]{1,20}_[A-Za-z0-9_-]{1,1000}\\.[A-Za-z0-9_-]{1,4000}\\.[A-Za-z0-9_-]{1,1000}" +
      "|gh[pous]_[A-Za-z0-9]{36}|ghr_[A-Za-z0-9]{36,255}|github_pat_\\w{82}",
    keyed: false,
  },
];
