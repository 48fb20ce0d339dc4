// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: chat tools (Slack, Discord, Telegram).
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** chat tools (Slack, Discord, Telegram). */
export const CHAT_RULES: readonly Rule[] = [
  {
    id: "slack-token",
    description: "Slack token (bot, user, app, workspace, configuration, refresh, legacy forms)",
    shape: "xoxb-, xoxp-, xoxa-, xoxo-, xoxs-, xoxr-, xoxe- + numeric parts + 16 or more of " +
      "[A-Za-z0-9-]; xoxa-/xoxr- legacy + 8 to 48 alnum; xoxe.xoxb-/xoxe.xoxp- configuration " +
      "tokens; xoxe- refresh tokens; xapp- app-level tokens",
    prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxo-", "xoxs-", "xoxr-", "xoxe-", "xoxe.", "xapp-"],
    pattern: "xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{163,166}" +
      "|xoxe-[0-9]-[A-Za-z0-9]{146}" +
      "|xox[abposre]-(?:[0-9]{1,16}-){1,3}[A-Za-z0-9][A-Za-z0-9-]{14,298}[A-Za-z0-9]" +
      "|xox[ar]-(?:[0-9]-)?[A-Za-z0-9]{8,48}" +
      "|xapp-[0-9]-[A-Za-z0-9]{8,}-[0-9]{6,}-[A-Za-z0-9]{32,}",
    keyed: false,
  },
  {
    id: "slack-webhook-url",
    description: "Slack incoming webhook or workflow trigger URL",
    shape: "hooks.slack.com/services/, hooks.slack.com/workflows/ or hooks.slack.com/triggers/ " +
      "+ 43 to 120 of [A-Za-z0-9+/]",
    prefixes: [
      "hooks.slack.com/services/",
      "hooks.slack.com/workflows/",
      "hooks.slack.com/triggers/",
    ],
    pattern: "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,120}",
    keyed: false,
  },
  {
    id: "discord-webhook-url",
    description: "Discord webhook URL",
    shape: "discord.com/api/webhooks/ or discordapp.com/api/webhooks/ + id + / + " +
      "60 to 68 of [\\w-]",
    prefixes: ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
    pattern: "discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}",
    keyed: false,
  },
  {
    id: "discord-bot-token",
    description: "Discord bot token (beside its key name)",
    shape: "M, N or O + 23 to 25 of [\\w-] + . + 6 + . + 27 to 38 of [\\w-], after a key " +
      "DISCORD_TOKEN or DISCORD_BOT_TOKEN",
    prefixes: ["DISCORD_TOKEN", "DISCORD_BOT_TOKEN"],
    lead: 'DISCORD_(?:BOT_)?TOKEN["\x27]?[ \\t]*[:=][ \\t]*["\x27]?',
    pattern: "[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}",
    keyed: false,
  },
  {
    id: "telegram-bot-token",
    description: "Telegram bot token",
    shape: "5 to 16 digits + :A + 34 of [A-Za-z0-9_-]",
    prefixes: [],
    anchor: { text: ":A", before: "[0-9]", max: 16 },
    pattern: "[0-9]{5,16}:A[A-Za-z0-9_-]{34}",
    keyed: false,
  },
];
