// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { parseToml } from "../../src/detect/_toml.ts";

Deno.test("parseToml reads what Codex's config.toml holds", () => {
  const text = [
    "# Codex",
    'model = "gpt-5-codex"  # trailing comment',
    "model_reasoning_effort = 'high'",
    "max_tokens = 1_000",
    "ratio = 0.5",
    "enabled = true",
    "when = 2026-01-02T03:04:05Z",
    'notify = ["notify-send", "Codex"]',
    "",
    '[mcp_servers."my server"]',
    'command = "npx"',
    "args = [",
    '  "-y", # a comment in an array',
    '  "@scope/pkg",',
    "]",
    "env = { A_TOKEN = \"a\\u0041\\tb\", nested.key = 'v' }",
    "",
    "[[profiles.list]]",
    'name = "one"',
    "[[profiles.list]]",
    'name = """',
    "two\\",
    '   lines"""',
    "literal = '''raw \\n'''",
    "",
  ].join("\n");
  assert.deepEqual(parseToml(text), {
    model: "gpt-5-codex",
    model_reasoning_effort: "high",
    max_tokens: 1000,
    ratio: 0.5,
    enabled: true,
    when: "2026-01-02T03:04:05Z",
    notify: ["notify-send", "Codex"],
    mcp_servers: {
      "my server": {
        command: "npx",
        args: ["-y", "@scope/pkg"],
        env: { A_TOKEN: "aA\tb", nested: { key: "v" } },
      },
    },
    profiles: { list: [{ name: "one" }, { name: "twolines", literal: "raw \\n" }] },
  });
});

Deno.test("parseToml refuses what it cannot read, with a SyntaxError", () => {
  for (
    const text of [
      'a = "unterminated',
      "a = 1\na = 2",
      "[a]\nb = 1\n[a.b]",
      "a = [1, 2",
      "a = 1 b = 2",
      "= 1",
      'a = "\\q"',
      `a = ${"[".repeat(100)}`,
    ]
  ) {
    assert.throws(() => parseToml(text), SyntaxError, text.slice(0, 20));
  }
});

Deno.test("parseToml stays linear on a hostile file", () => {
  const started = performance.now();
  assert.throws(() => parseToml(`a = "${"x".repeat(4_000_000)}`), SyntaxError);
  assert.throws(() => parseToml(`a = ${"[".repeat(2_000_000)}`), SyntaxError);
  assert.ok(performance.now() - started < 5_000);
});
