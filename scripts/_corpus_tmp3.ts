import { fakeBody, fakeToken } from "../tests/_secrets.ts";
const root = "/tmp/slcorpus2";
await Deno.remove(root, { recursive: true }).catch(() => {});
await Deno.mkdir(`${root}/_claude-config`, { recursive: true });
const hex = "0123456789abcdef";
const mcp = {
  mcpServers: {
    slack: { command: "npx", env: { SLACK_BOT_TOKEN: fakeToken("slack-token") } },
    linear: { env: { LINEAR_API_KEY: fakeToken("linear-api-key") } },
    notion: { env: { NOTION_TOKEN: fakeToken("notion-token") } },
    postgres: {
      command: "npx",
      args: ["@mcp/postgres", `postgresql://app:FAKE${fakeBody(16)}@db.example.com:5432/app`],
    },
    web: { url: `https://admin:FAKE${fakeBody(12)}@internal.example.com/mcp` },
    shop: { env: { SHOPIFY_TOKEN: `shpat_${fakeBody(32, hex)}` } },
    mail: { env: { SENDGRID_KEY: `SG.${fakeBody(22)}.${fakeBody(43)}` } },
  },
  env: {
    AWS_ACCESS_KEY_ID: fakeToken("aws-access-key-id"),
    AWS_SECRET_ACCESS_KEY: `FAKE${fakeBody(36)}`,
    GROQ_API_KEY: fakeToken("groq-api-key"),
  },
};
await Deno.writeTextFile(`${root}/_claude-config/.claude.json`, JSON.stringify(mcp, null, 2));
await Deno.writeTextFile(
  `${root}/_claude-config/.npmrc`,
  `//registry.npmjs.org/:_authToken=${fakeToken("npm-token")}\n`,
);
