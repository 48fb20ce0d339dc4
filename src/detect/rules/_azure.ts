// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: Microsoft Azure client secrets, storage keys and Teams webhooks.
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** Microsoft Azure client secrets, storage keys and Teams webhooks. */
export const AZURE_RULES: readonly Rule[] = [
  {
    id: "azure-ad-client-secret",
    description: "Azure AD (Entra ID) client secret",
    shape: "3 of [A-Za-z0-9_~.] + a digit + Q~ + 31 to 34 of [A-Za-z0-9_~.-]",
    prefixes: [],
    anchor: { text: "Q~", before: "[A-Za-z0-9_~.]", max: 4 },
    pattern: "[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}",
    keyed: false,
  },
  {
    id: "azure-storage-account-key",
    description: "Azure storage account key in a connection string",
    shape: "86 base64 chars + == after AccountKey=",
    prefixes: ["AccountKey="],
    lead: "AccountKey=",
    pattern: "[A-Za-z0-9+/]{86}==",
    fixed: ["=="],
    keyed: false,
  },
  {
    id: "microsoft-teams-webhook",
    description: "Microsoft Teams incoming webhook URL",
    shape: "<tenant>.webhook.office.com/webhookb2/<uuid>@<uuid>/IncomingWebhook/<32 hex>/<uuid>",
    prefixes: [],
    anchor: { text: ".webhook.office.com/webhookb2/", before: "[a-z0-9-]", max: 63 },
    pattern: "[a-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2/[0-9a-z-]{36}@[0-9a-z-]{36}" +
      "/IncomingWebhook/[0-9a-z]{32}/[0-9a-z-]{36}(?:/[A-Za-z0-9_-]{1,100})?",
    fixed: [".webhook.office.com/webhookb2/", "/IncomingWebhook/"],
    keyed: false,
  },
];
