// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: cloud and hosting platforms (Alibaba, Cloudflare, DigitalOcean, Fly.io, Heroku, Vercel, Supabase, OpenShift, Scalingo).
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** cloud and hosting platforms (Alibaba, Cloudflare, DigitalOcean, Fly.io, Heroku, Vercel, Supabase, OpenShift, Scalingo). */
export const CLOUD_RULES: readonly Rule[] = [
  {
    id: "alibaba-access-key-id",
    description: "Alibaba Cloud AccessKey id",
    shape: "LTAI + 12 to 20 alnum",
    prefixes: ["LTAI"],
    pattern: "LTAI[A-Za-z0-9]{12,20}",
    keyed: false,
  },
  {
    id: "cloudflare-api-token",
    description: "Cloudflare API token (cfk_, cfut_, cfat_)",
    shape: "cfk_, cfut_ or cfat_ + 40 alnum + 8 hex",
    prefixes: ["cfk_", "cfut_", "cfat_"],
    pattern: "(?:cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8}",
    keyed: false,
  },
  {
    id: "cloudflare-origin-ca-key",
    description: "Cloudflare Origin CA key",
    shape: "v1.0- + 24 hex + - + 146 hex",
    prefixes: ["v1.0-"],
    pattern: "v1\\.0-[0-9a-f]{24}-[0-9a-f]{146}",
    keyed: false,
  },
  {
    id: "digitalocean-token",
    description: "DigitalOcean token (personal, OAuth access, refresh)",
    shape: "dop_v1_, doo_v1_ or dor_v1_ + 64 hex",
    prefixes: ["dop_v1_", "doo_v1_", "dor_v1_"],
    pattern: "do[por]_v1_[0-9a-f]{64}",
    keyed: false,
  },
  {
    id: "flyio-token",
    description: "Fly.io access token",
    shape: "fo1_ + 43 of [\\w-]; fm1a_, fm1r_ or fm2_ + 100 or more base64 chars",
    prefixes: ["fo1_", "fm1a_", "fm1r_", "fm2_"],
    pattern: "fo1_[\\w-]{43}|(?:fm1[ar]|fm2)_[A-Za-z0-9+/]{100,8000}={0,3}",
    keyed: false,
  },
  {
    id: "heroku-api-key",
    description: "Heroku API key",
    shape: "HRKU-AA + 58 of [\\w-]",
    prefixes: ["HRKU-AA"],
    pattern: "HRKU-AA[0-9A-Za-z_-]{58}",
    keyed: false,
  },
  {
    id: "heroku-legacy-api-key",
    description: "Heroku legacy API key (a UUID beside its key name)",
    shape: "a UUID after a key HEROKU_API_KEY, HEROKU_KEY, heroku_api_key or heroku_key",
    prefixes: ["HEROKU_API_KEY", "HEROKU_KEY", "heroku_api_key", "heroku_key"],
    lead: '(?:HEROKU_(?:API_)?KEY|heroku_(?:api_)?key)["\x27]?[ \\t]*[:=][ \\t]*["\x27]?',
    pattern: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
    keyed: false,
  },
  {
    id: "vercel-token",
    description: "Vercel token (personal, integration, app access, refresh, API key)",
    shape: "vcp_, vci_, vca_, vcr_ or vck_ + 20 to 60 alnum",
    prefixes: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    pattern: "vc[picrka]_[A-Za-z0-9]{20,60}",
    keyed: false,
  },
  {
    id: "supabase-token",
    description: "Supabase personal access token or secret API key",
    shape: "sbp_ + 40 hex; sb_secret_ + 20 or more of [A-Za-z0-9_-]",
    prefixes: ["sbp_", "sb_secret_"],
    pattern: "sbp_[0-9a-f]{40}|sb_secret_[A-Za-z0-9_-]{20,100}",
    keyed: false,
  },
  {
    id: "openshift-user-token",
    description: "OpenShift user token",
    shape: "sha256~ + 43 of [\\w-]",
    prefixes: ["sha256~"],
    pattern: "sha256~[\\w-]{43}",
    keyed: false,
  },
  {
    id: "scalingo-api-token",
    description: "Scalingo API token",
    shape: "tk-us- + 48 of [\\w-]",
    prefixes: ["tk-us-"],
    pattern: "tk-us-[\\w-]{48}",
    keyed: false,
  },
];
