import { fakeBody, fakeToken } from "../tests/_secrets.ts";
const root = "/tmp/slcorpus";
await Deno.remove(root, { recursive: true }).catch(() => {});
const files: Record<string, string> = {
  "_claude-config/.credentials.json": JSON.stringify(
    {
      claudeAiOauth: {
        accessToken: fakeToken("claude-oauth-access-token"),
        refreshToken: fakeToken("claude-oauth-refresh-token"),
        expiresAt: 1,
      },
      mcpOAuth: {
        "linear|ab": {
          accessToken: `FAKE-${fakeBody(40)}`,
          refreshToken: `FAKE-${fakeBody(40)}`,
          clientSecret: `FAKE-${fakeBody(30)}`,
        },
      },
    },
    null,
    2,
  ),
  "_claude-config/.claude.json": JSON.stringify(
    { primaryApiKey: fakeToken("anthropic-api-key") },
    null,
    2,
  ),
  "_claude-config/settings.json": JSON.stringify(
    {
      env: {
        ANTHROPIC_API_KEY: fakeToken("anthropic-api-key"),
        MY_SERVICE_TOKEN: `FAKE-${fakeBody(30)}`,
      },
    },
    null,
    2,
  ),
  "_claude-config/admin.txt": `admin ${fakeToken("anthropic-admin-key")}\n`,
  "_codex-config/auth.json": JSON.stringify(
    {
      OPENAI_API_KEY: fakeToken("openai-api-key"),
      tokens: {
        id_token: fakeToken("jwt"),
        access_token: fakeToken("jwt"),
        refresh_token: `rt_${fakeBody(40)}`,
      },
    },
    null,
    2,
  ),
  "_gh-config/hosts.yml": `github.com:\n    users:\n        octocat:\n            oauth_token: ${
    fakeToken("github-token")
  }\n    git_protocol: https\n    user: octocat\n`,
  "_glab-config/config.yml": `hosts:\n  gitlab.com:\n    token: ${
    fakeToken("gitlab-token")
  }\n    api_host: gitlab.com\n`,
  "_opencode-data/auth.json": JSON.stringify(
    {
      openrouter: { type: "api", key: fakeToken("openrouter-api-key") },
      hf: { type: "api", key: fakeToken("huggingface-token") },
    },
    null,
    2,
  ),
  "_gemini-config/oauth_creds.json": JSON.stringify(
    {
      access_token: fakeToken("google-oauth-access-token"),
      refresh_token: fakeToken("google-oauth-refresh-token"),
      token_type: "Bearer",
      scope: "x",
    },
    null,
    2,
  ),
  "_gemini-config/settings.json": JSON.stringify({ apiKey: fakeToken("google-api-key") }),
  "_vibe-config/.env": `MISTRAL_API_KEY=FAKE${fakeBody(28)}\nSONAR_TOKEN=${
    fakeToken("sonar-token")
  }\n`,
  "_claude-config/.git-credentials": `https://octocat:${fakeToken("github-token")}@github.com\n`,
  "_claude-config/id_ed25519": fakeToken("private-key") + "\n",
};
for (const [path, text] of Object.entries(files)) {
  await Deno.mkdir(`${root}/${path.slice(0, path.lastIndexOf("/"))}`, { recursive: true });
  await Deno.writeTextFile(`${root}/${path}`, text);
}
