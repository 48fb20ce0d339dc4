import assert from "node:assert/strict";
import { credentialTargets, loadRoster, routesJson } from "../../src/roster/mod.ts";
import { V1_DEFAULT_DIR, withTempDir, writeFiles } from "./_helpers.ts";
import { fileUrlPath } from "../../scripts/_file_url_path.ts";

const TESTDATA = new URL("../testdata/roster/", import.meta.url);
const V3_DEFAULT_DIR = fileUrlPath(new URL("../../src/roster/v3/default_roster", import.meta.url));

Deno.test("v3: the built-in roster's routes.json is byte-identical to upstream's for 0.4.0a22", async () => {
  const golden = await Deno.readTextFile(new URL("v3_default_routes.json", TESTDATA));
  assert.equal(routesJson(await loadRoster()), golden);
});

Deno.test("v3: the default roster named with --roster gives the same bytes", async () => {
  const golden = await Deno.readTextFile(new URL("v3_default_routes.json", TESTDATA));
  assert.equal(routesJson(await loadRoster({ rosterDir: V3_DEFAULT_DIR })), golden);
});

Deno.test("v3: user provider overrides match upstream (changed upstream, prefix, new provider, deletion)", async () => {
  const golden = await Deno.readTextFile(new URL("v3_user_routes.json", TESTDATA));
  const userProvidersDir = fileUrlPath(new URL("v3_user/providers", TESTDATA));
  assert.equal(routesJson(await loadRoster({ userProvidersDir })), golden);
});

Deno.test("v1: the old default roster and vault.token_env still give today's bytes", async () => {
  const golden = await Deno.readTextFile(new URL("v1_default_routes.json", TESTDATA));
  assert.equal(routesJson(await loadRoster({ rosterDir: V1_DEFAULT_DIR })), golden);
  await withTempDir(async (dir) => {
    await writeFiles(dir, {
      "claude.yaml": "roster_version: 1\nvault:\n  route_prefix: claude\n" +
        "  upstream: https://api.anthropic.com\n  token_env:\n    oauth: CLAUDE_CODE_OAUTH_TOKEN\n" +
        "    _default: ANTHROPIC_API_KEY\n",
    });
    assert.equal(
      routesJson(await loadRoster({ rosterDir: dir })),
      '{\n  "claude": {\n    "upstream": "https://api.anthropic.com",\n' +
        '    "auth_header": "Authorization",\n    "auth_prefix": "Bearer "\n  }\n}\n',
    );
  });
});

Deno.test("v3: the default scan checks the same 8 credential paths, labelled by agent", async () => {
  const targets = credentialTargets(await loadRoster());
  assert.deepEqual(
    targets.map((t) => `${t.provider}:${t.hostDir}/${t.credentialFile}`),
    [
      "blablador:_blablador-config/config.json",
      "claude:_claude-config/.credentials.json",
      "claude:_claude-config/.claude.json",
      "codex:_codex-config/auth.json",
      "gh:_gh-config/hosts.yml",
      "glab:_glab-config/config.yml",
      "kisski:_kisski-config/config.json",
      "openrouter:_openrouter-config/config.json",
      "vibe:_vibe-config/.env",
    ],
  );
});

/** Loads the built-in roster with user files; returns the error message (tmp dir as <tmp>). */
async function userError(agents: Record<string, string>, providers: Record<string, string>) {
  return await withTempDir(async (dir) => {
    await writeFiles(`${dir}/agents`, agents);
    await writeFiles(`${dir}/providers`, providers);
    try {
      await loadRoster({ userDir: `${dir}/agents`, userProvidersDir: `${dir}/providers` });
    } catch (error) {
      return (error as Error).message.replaceAll(dir, "<tmp>");
    }
    throw new Error("loaded");
  });
}

Deno.test("v3: a v1 user file on the v3 roster is one error naming both versions", async () => {
  assert.equal(
    await userError({ "claude.yaml": "roster_version: 1\nlabel: C\n" }, {}),
    "<tmp>/agents/claude.yaml:1:17: roster_version: Version 1 met version 3: this is an " +
      "agents-only file (version 1), but the built-in roster is version 3 (agents/ and " +
      "providers/); the two cannot be mixed",
  );
  assert.equal(
    await userError({ "x.yaml": "vault:\n  route_prefix: x\n" }, {}),
    '<tmp>/agents/x.yaml:1:1: vault: Key "vault" is a version-1 key; a version-3 agent names ' +
      "its provider with `provider:` and the endpoint lives in providers/<name>.yaml",
  );
});

Deno.test("v3: a version-1 opencode section, a provider key typo, a required provider key deleted", async () => {
  assert.equal(
    await userError({ "x.yaml": "kind: harness\nopencode:\n  display_name: X\n" }, {}),
    '<tmp>/agents/x.yaml:2:1: opencode: Key "opencode" is a version-1 key; in version 3 the ' +
      "OpenCode settings live in the provider file (providers/<name>.yaml)",
  );
  assert.equal(
    await userError({}, { "openai.yaml": "upstreem: https://proxy.example.test\n" }),
    '<tmp>/providers/openai.yaml:1:1: upstreem: Unknown key "upstreem" (did you mean ' +
      '"upstream"?)',
  );
  assert.equal(
    await userError({}, { "anthropic.yaml": "auth:\n  oauth:\n    header: ~\n" }),
    "<tmp>/providers/anthropic.yaml:3:5: auth.oauth.header: Required key is missing",
  );
});

Deno.test("v3: binding rules and wire auth errors", async () => {
  assert.equal(
    await userError({ "x.yaml": "roster_version: 3\nprovider:\n  default: nope\n" }, {}),
    "<tmp>/agents/x.yaml:3:3: provider.default: Agent 'x' binds provider 'nope', which has " +
      "no providers/nope.yaml",
  );
  assert.equal(
    await userError({ "x.yaml": "provider:\n  default: anthropic\n" }, {}),
    "<tmp>/agents/x.yaml:2:3: provider.default: Provider 'anthropic' is bound by more than " +
      "one agent ('claude' and 'x'); a provider maps to exactly one vault route",
  );
  // The user's agent sorts first, so the built-in gh is the second binding: the user file is
  // still the one blamed.
  assert.equal(
    await userError({ "aaa.yaml": "kind: tool\nprovider:\n  default: github\n" }, {}),
    "<tmp>/agents/aaa.yaml:3:3: provider.default: Provider 'github' is bound by more than " +
      "one agent ('aaa' and 'gh'); a provider maps to exactly one vault route",
  );
  assert.equal(
    await userError({}, {
      "p.yaml": "upstream: https://p.example.test\nauth:\n  api_key:\n    header: A\n" +
        "  oauth:\n    header: A\n    prefix: 'Bearer '\n",
    }),
    "<tmp>/providers/p.yaml:2:1: auth: Provider 'p' declares oauth and api_key auth on the " +
      "same header ('A') but with a different prefix or extra_headers; routes.json carries " +
      "only one, so give the modes distinct headers or make them identical",
  );
  assert.equal(
    await userError({}, { "p.yaml": "upstream: https://p.example.test\nauth: {}\n" }),
    '<tmp>/providers/p.yaml:2:1: auth: The provider must declare at least one of "api_key" ' +
      'and "oauth"',
  );
});

Deno.test("v3: a provider file on a v1 roster, and a half v3 dir, are refused", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(`${dir}/p`, { "p.yaml": "upstream: https://p.example.test\n" });
    await assert.rejects(
      () => loadRoster({ rosterDir: V1_DEFAULT_DIR, userProvidersDir: `${dir}/p` }),
      (error: Error) =>
        error.message === `${dir}/p/p.yaml: A provider file (version 3) met a version-1 ` +
            "roster: the --roster directory holds agent files only; the two cannot be mixed",
    );
    await writeFiles(`${dir}/half/agents`, {});
    await assert.rejects(
      () => loadRoster({ rosterDir: `${dir}/half` }),
      (error: Error) =>
        error.message === `${dir}/half: A version-3 roster directory holds agents/ and ` +
            "providers/; this one has no providers/",
    );
  });
});
