import assert from "node:assert/strict";
import { credentialTargets, loadRoster } from "../../src/roster/mod.ts";
import { loadFrom, withTempDir, writeFiles } from "./_helpers.ts";

Deno.test("credentialTargets: the built-in roster's 8 files (and Claude's config), labelled by agent or by the provider of a derived OpenCode dir", async () => {
  assert.deepEqual(credentialTargets(await loadRoster()), [
    {
      provider: "blablador",
      hostDir: "_blablador-config",
      credentialFile: "config.json",
      phantomEnv: ["BLABLADOR_API_KEY"],
    },
    {
      provider: "claude",
      hostDir: "_claude-config",
      credentialFile: ".credentials.json",
      phantomEnv: ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN"],
      format: "claude-credentials",
    },
    {
      provider: "claude",
      hostDir: "_claude-config",
      credentialFile: ".claude.json",
      phantomEnv: ["ANTHROPIC_API_KEY", "CLAUDE_CODE_OAUTH_TOKEN"],
      config: true,
      format: "claude-config",
    },
    {
      provider: "codex",
      hostDir: "_codex-config",
      credentialFile: "auth.json",
      phantomEnv: ["OPENAI_API_KEY"],
      format: "codex-auth",
    },
    {
      provider: "gh",
      hostDir: "_gh-config",
      credentialFile: "hosts.yml",
      phantomEnv: ["GH_TOKEN"],
      format: "gh-hosts",
    },
    {
      provider: "glab",
      hostDir: "_glab-config",
      credentialFile: "config.yml",
      phantomEnv: ["GITLAB_TOKEN"],
      format: "glab-config",
    },
    {
      provider: "kisski",
      hostDir: "_kisski-config",
      credentialFile: "config.json",
      phantomEnv: ["KISSKI_API_KEY"],
    },
    {
      provider: "openrouter",
      hostDir: "_openrouter-config",
      credentialFile: "config.json",
      phantomEnv: ["OPENROUTER_API_KEY"],
    },
    {
      provider: "vibe",
      hostDir: "_vibe-config",
      credentialFile: ".env",
      phantomEnv: ["MISTRAL_API_KEY"],
      format: "dotenv",
    },
  ]);
});

Deno.test("credentialTargets: needs a non-empty credential_file and an auth provider", async () => {
  const vault = (prefix: string, file: string) =>
    `vault:\n  route_prefix: ${prefix}\n  upstream: https://api.example.test\n` +
    (file === "" ? "" : `  credential_file: ${file}\n`);
  const auth = "auth:\n  host_dir: _own-config\n  container_mount: /home/dev/.own\n";
  const opencode = "opencode:\n  display_name: D\n  base_url: https://x.test/v1\n" +
    "  preferred_model: m\n  fallback_model: f\n  env_var_prefix: X\n  config_dir: .x\n" +
    "  auth_key_url: https://x.test/keys\n";
  const { roster } = await loadFrom({
    "a-auth.yaml": auth + vault("a", "sub/dir/key.json"),
    "b-no-file.yaml": auth + vault("b", ""),
    "c-no-auth.yaml": "kind: tool\n" + vault("c", "key.json"),
    "d-derived.yaml": "kind: opencode\n" + opencode + vault("d", "config.json"),
    "e-tool-opencode.yaml": "kind: tool\n" + opencode + vault("e", "config.json"),
    "f-no-vault.yaml": auth,
    "g-bridge.yaml": "kind: bridge\n" + opencode + vault("g", "g.json"),
  });
  assert.deepEqual(credentialTargets(roster), [
    {
      provider: "a-auth",
      hostDir: "_own-config",
      credentialFile: "sub/dir/key.json",
      phantomEnv: [],
    },
    {
      provider: "d-derived",
      hostDir: "_d-derived-config",
      credentialFile: "config.json",
      phantomEnv: [],
    },
    { provider: "g-bridge", hostDir: "_g-bridge-config", credentialFile: "g.json", phantomEnv: [] },
  ]);
});

Deno.test("credentialTargets: version 3, mounts deduplicated by host dir, derived OpenCode dirs by provider", async () => {
  await withTempDir(async (dir) => {
    const apiKey = "auth:\n  api_key:\n    header: Authorization\n    prefix: 'Bearer '\n";
    const opencode = (prefix: string) =>
      `opencode:\n  display_name: D\n  base_url: https://x.test/v1\n  preferred_model: m\n` +
      `  fallback_model: f\n  env_var_prefix: ${prefix}\n  config_dir: .x\n` +
      "  auth_key_url: https://x.test/keys\n";
    await writeFiles(`${dir}/roster/providers`, {
      "p1.yaml": "upstream: https://p1.example.test\n" + apiKey,
      "p2.yaml": "upstream: https://p2.example.test\n" + apiKey + opencode("PTWO"),
      "p3.yaml": "upstream: https://p3.example.test\n" + apiKey + opencode("PTHREE"),
    });
    const auth = (hostDir: string) =>
      `auth:\n  host_dir: ${hostDir}\n  container_mount: /home/dev/.x\n`;
    await writeFiles(`${dir}/roster/agents`, {
      "a.yaml": auth("_shared-config") +
        "provider:\n  default: p1\n  credential_file: sub/key.json\n" +
        "  token_env:\n    oauth: A_TOKEN\n    _default: A_KEY\n    api_key: A_KEY\n",
      "b.yaml": auth("_shared-config") + "provider:\n  credential_file: other.json\n",
      "c.yaml": "kind: tool\nmounts:\n  - host_dir: _c-data\n    container_path: /home/dev/.c\n",
      "p3.yaml": "kind: harness\n" + auth("_p3-own"),
    });
    const roster = await loadRoster({ rosterDir: `${dir}/roster` });
    assert.equal(roster.version, 3);
    assert.deepEqual(credentialTargets(roster), [
      {
        provider: "a",
        hostDir: "_shared-config",
        credentialFile: "sub/key.json",
        phantomEnv: ["A_KEY", "A_TOKEN"],
      },
      {
        provider: "p2",
        hostDir: "_p2-config",
        credentialFile: "config.json",
        phantomEnv: ["PTWO_API_KEY"],
      },
    ]);
  });
});
