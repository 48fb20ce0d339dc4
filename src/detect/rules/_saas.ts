// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: work and business services (Linear, ClickUp, Figma, Postman, ReadMe, SendGrid, Brevo, Shopify, Stripe, Voiceflow).
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** work and business services (Linear, ClickUp, Figma, Postman, ReadMe, SendGrid, Brevo, Shopify, Stripe, Voiceflow). */
export const SAAS_RULES: readonly Rule[] = [
  {
    id: "linear-api-key",
    description: "Linear API key or OAuth token (MCP Linear servers)",
    shape: "lin_api_ + 32 to 128 of [A-Za-z0-9_]; lin_oauth_ + 64 hex",
    prefixes: ["lin_api_", "lin_oauth_"],
    pattern: "lin_api_[A-Za-z0-9_]{32,128}|lin_oauth_[0-9a-f]{64}",
    keyed: false,
  },
  {
    id: "clickup-api-token",
    description: "ClickUp personal API token",
    shape: "pk_ + 6 to 10 digits + _ + 32 of [A-Z0-9]",
    prefixes: ["pk_"],
    pattern: "pk_[0-9]{6,10}_[A-Z0-9]{32}",
    keyed: false,
  },
  {
    id: "figma-token",
    description: "Figma personal access token",
    shape: "figd_ + 40 to 200 of [A-Za-z0-9_-]",
    prefixes: ["figd_"],
    pattern: "figd_[A-Za-z0-9_-]{40,200}",
    keyed: false,
  },
  {
    id: "postman-api-key",
    description: "Postman API key",
    shape: "PMAK- + 24 hex + - + 34 hex",
    prefixes: ["PMAK-"],
    pattern: "PMAK-[0-9A-Fa-f]{24}-[0-9A-Fa-f]{34}",
    keyed: false,
  },
  {
    id: "readme-api-key",
    description: "ReadMe API key",
    shape: "rdme_ + 70 of [a-z0-9]",
    prefixes: ["rdme_"],
    pattern: "rdme_[a-z0-9]{70}",
    keyed: false,
  },
  {
    id: "sendgrid-api-key",
    description: "SendGrid API key (MCP mail servers)",
    shape: "SG. + 16 to 32 of [A-Za-z0-9_-] + . + 16 to 64 of [A-Za-z0-9_-]",
    prefixes: ["SG."],
    pattern: "SG\\.[A-Za-z0-9_-]{16,32}\\.[A-Za-z0-9_-]{16,64}",
    keyed: false,
  },
  {
    id: "brevo-api-key",
    description: "Brevo (Sendinblue) API or SMTP key",
    shape: "xkeysib- or xsmtpsib- + 64 hex + - + 16 alnum",
    prefixes: ["xkeysib-", "xsmtpsib-"],
    pattern: "x(?:keysib|smtpsib)-[0-9a-f]{64}-[A-Za-z0-9]{16}",
    keyed: false,
  },
  {
    id: "shopify-token",
    description: "Shopify access token (admin, custom app, private app, user) or app shared secret",
    // Tokens have carried 32 hex digits; app secret keys have since grown longer: alnum, to 64.
    shape: "shpat_, shpca_, shppa_, shpua_ or shpss_ + 32 to 64 alnum",
    prefixes: ["shpat_", "shpca_", "shppa_", "shpua_", "shpss_"],
    pattern: "shp(?:at|ca|pa|ua|ss)_[A-Za-z0-9]{32,64}",
    keyed: false,
  },
  {
    id: "stripe-secret-key",
    description: "Stripe secret or restricted key",
    shape: "sk_live_, sk_test_, sk_prod_, rk_live_, rk_test_ or rk_prod_ + 20 to 247 alnum",
    prefixes: ["sk_live_", "sk_test_", "sk_prod_", "rk_live_", "rk_test_", "rk_prod_"],
    pattern: "[sr]k_(?:live|test|prod)_[A-Za-z0-9]{20,247}",
    keyed: false,
  },
  {
    id: "voiceflow-api-key",
    description: "Voiceflow API key",
    shape: "VF.DM. or VF.WS. + 24 hex + . + 16 alnum",
    prefixes: ["VF.DM.", "VF.WS."],
    pattern: "VF\\.(?:DM|WS)\\.[0-9a-f]{24}\\.[A-Za-z0-9]{16}",
    keyed: false,
  },
];
