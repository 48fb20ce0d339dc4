// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { credentialFormat } from "../../src/detect/credential_format.ts";

Deno.test("credentialFormat names the vendor's format from the entry, not from content", () => {
  const cases: [string, string, string, string | undefined][] = [
    ["claude", "native", ".credentials.json", "claude-credentials"],
    ["codex", "native", "auth.json", "codex-auth"],
    ["gh", "tool", "hosts.yml", "gh-hosts"],
    ["glab", "tool", "config.yml", "glab-config"],
    ["vibe", "native", ".env", "dotenv"],
    ["mine", "native", "sub/.env.local", "dotenv"],
    ["claude", "native", ".claude.json", "claude-config"],
    // Names several vendors use: only the vendor's own entry names a format.
    ["openrouter", "opencode", "config.json", undefined],
    ["mine", "native", "auth.json", undefined],
    ["mine", "native", "config.yml", undefined],
    ["mine", "native", "creds.json", undefined],
  ];
  for (const [name, kind, credentialFile, expected] of cases) {
    assert.equal(
      credentialFormat({ name, kind, credentialFile }),
      expected,
      `${name}/${credentialFile}`,
    );
  }
});
