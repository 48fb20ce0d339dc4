import assert from "node:assert/strict";
import { mergeDocuments } from "../../src/roster/_merge.ts";
import { loadRoster } from "../../src/roster/mod.ts";
import { DEFAULT_ROSTER_V3 } from "../../src/roster/v3/_default_roster.ts";
import { configOf, loadError, loadFrom, withTempDir, writeFiles } from "./_helpers.ts";

const BASE = {
  "agent.yaml": `kind: native
label: Base label
binary: agent
auth:
  host_dir: _agent-config
  container_mount: /home/dev/.agent
  extra_run_args: [--one, --two]
  modes: [oauth]
vault:
  route_prefix: agent
  upstream: https://api.example.test
  credential_file: token.json
  phantom_env:
    AGENT_KEY: true
  shared_config_patch:
    file: config.toml
    set:
      first: "1"
      second: "2"
`,
};

Deno.test("merge: mappings merge recursively and keys only in the base are kept", async () => {
  const { roster } = await loadFrom(BASE, {
    "agent.yaml": "vault:\n  upstream: https://other.example.test\n",
  });
  const config = configOf(roster, "agent");
  assert.equal(config.vault?.upstream, "https://other.example.test");
  assert.equal(config.vault?.route_prefix, "agent");
  assert.equal(config.vault?.credential_file, "token.json");
  assert.deepEqual(config.vault?.phantom_env, { AGENT_KEY: true });
  assert.equal(config.label, "Base label");
  assert.deepEqual(roster.entries.map((entry) => entry.files.map((f) => f.split("/").pop())), [
    ["agent.yaml", "agent.yaml"],
  ]);
});

Deno.test("merge: null deletes the key", async () => {
  const { roster } = await loadFrom(BASE, {
    "agent.yaml": "label: ~\nvault:\n  phantom_env: null\n",
  });
  const config = configOf(roster, "agent");
  assert.equal("label" in config, false);
  assert.deepEqual(config.vault?.phantom_env, {}, "deleted, so the default applies");
});

Deno.test("merge: the string _inherit keeps the base value", async () => {
  const { roster } = await loadFrom(BASE, {
    "agent.yaml": "label: _inherit\nbinary: other\nauth: _inherit\n",
  });
  const config = configOf(roster, "agent");
  assert.equal(config.label, "Base label");
  assert.equal(config.binary, "other");
  assert.deepEqual(config.auth?.extra_run_args, ["--one", "--two"]);
});

Deno.test("merge: _inherit for a key the base lacks leaves it out", async () => {
  const { roster } = await loadFrom(BASE, { "agent.yaml": "web_ingress: _inherit\n" });
  assert.equal(configOf(roster, "agent").web_ingress, false);
});

Deno.test("merge: a list replaces the base list", async () => {
  const { roster } = await loadFrom(BASE, {
    "agent.yaml": "auth:\n  extra_run_args: [--three]\n",
  });
  assert.deepEqual(configOf(roster, "agent").auth?.extra_run_args, ["--three"]);
});

Deno.test("merge: _inherit in a list splices the base items at its position", async () => {
  const cases: [string, string[]][] = [
    ["[_inherit, --three]", ["--one", "--two", "--three"]],
    ["[--zero, _inherit]", ["--zero", "--one", "--two"]],
    ["[--zero, _inherit, --three]", ["--zero", "--one", "--two", "--three"]],
    ["[_inherit]", ["--one", "--two"]],
  ];
  for (const [list, expected] of cases) {
    const { roster } = await loadFrom(BASE, {
      "agent.yaml": `auth:\n  extra_run_args: ${list}\n`,
    });
    assert.deepEqual(configOf(roster, "agent").auth?.extra_run_args, expected, list);
  }
});

Deno.test("merge: _inherit in a list with no base list splices nothing", async () => {
  const { roster } = await loadFrom(BASE, {
    "agent.yaml": "wrapper:\n  refuse_subcommands: [_inherit, login]\n",
  });
  assert.deepEqual(configOf(roster, "agent").wrapper?.refuse_subcommands, ["login"]);
});

Deno.test("merge: a mapping with _inherit: true keeps the base keys, the marker dropped", async () => {
  const { roster } = await loadFrom(BASE, {
    "agent.yaml": "vault:\n  _inherit: true\n  auth_prefix: 'token '\n",
  });
  const vault = configOf(roster, "agent").vault;
  assert.equal(vault?.auth_prefix, "token ");
  assert.equal(vault?.route_prefix, "agent");
  assert.equal(vault?.credential_file, "token.json");
});

Deno.test("merge: _inherit in a mapping must be true", async () => {
  const { message } = await loadError(BASE, {
    "agent.yaml": "vault:\n  _inherit: false\n",
  });
  assert.equal(
    message,
    '<tmp>/user/agent.yaml:2:3: vault._inherit: The key "_inherit" of a mapping must be true ' +
      "(or be left out)",
  );
});

Deno.test("merge: key order is the base's keys, then new keys in override order", () => {
  const base = { b: 1, a: { y: 1, x: 2 }, c: 3 };
  const override = { z: 1, a: { w: 1, x: 5 }, b: 2, y: 0 };
  const { document } = mergeDocuments(base, override);
  assert.deepEqual(Object.keys(document), ["b", "a", "c", "z", "y"]);
  assert.deepEqual(Object.keys(document.a as object), ["y", "x", "w"]);
  assert.deepEqual(document, { b: 2, a: { y: 1, x: 5, w: 1 }, c: 3, z: 1, y: 0 });
});

Deno.test("merge: free-form mappings merge too, in base-then-new order", async () => {
  const { roster } = await loadFrom(BASE, {
    "agent.yaml": "vault:\n  shared_config_patch:\n    set:\n      third: '3'\n      first: one\n",
  });
  const patch = configOf(roster, "agent").vault?.shared_config_patch;
  assert.deepEqual(patch, { file: "config.toml", set: { first: "one", second: "2", third: "3" } });
  assert.deepEqual(Object.keys((patch as { set: object }).set), ["first", "second", "third"]);
});

Deno.test("merge: a scalar override replaces a base mapping and vice versa", () => {
  const { document } = mergeDocuments({ a: { x: 1 }, b: "text" }, { a: "flat", b: { y: 2 } });
  assert.deepEqual(document, { a: "flat", b: { y: 2 } });
});

Deno.test("merge: inputs are never modified", () => {
  const base = { a: { x: 1 }, l: [1, 2] };
  const override = { a: { x: null, y: 2 }, l: ["_inherit", 3] };
  const snapshot = structuredClone({ base, override });
  mergeDocuments(base, override);
  assert.deepEqual({ base, override }, snapshot);
});

Deno.test("merge: a user file with a new name is a new entry, markers taken literally", async () => {
  const { roster } = await loadFrom(BASE, {
    "zed.yaml": "kind: tool\nlabel: _inherit\n",
  });
  assert.deepEqual(roster.entries.map((entry) => entry.name), ["agent", "zed"]);
  assert.equal(configOf(roster, "zed").label, "_inherit");
  assert.equal(roster.entries[1]?.files.length, 1);
});

Deno.test("merge: overriding a built-in provider leaves the built-in data untouched", async () => {
  const before = structuredClone(DEFAULT_ROSTER_V3);
  const provider = async () => {
    const roster = await withTempDir(async (dir) => {
      await writeFiles(`${dir}/providers`, {
        "anthropic.yaml": "upstream: https://proxy.example.test\nauth:\n  oauth:\n" +
          "    extra_headers: ~\n",
      });
      return await loadRoster({ userProvidersDir: `${dir}/providers` });
    });
    return roster.version === 3 ? roster.providers[0]?.config : undefined;
  };
  const anthropic = await provider();
  assert.equal(anthropic?.upstream, "https://proxy.example.test");
  assert.deepEqual(anthropic?.auth.oauth, {
    header: "Authorization",
    prefix: "Bearer ",
    extra_headers: {},
  });
  assert.deepEqual(structuredClone(DEFAULT_ROSTER_V3), before);
  const again = await loadRoster();
  assert.equal(
    again.version === 3 && again.providers[0]?.config.upstream,
    "https://api.anthropic.com",
  );
});

Deno.test("merge: a base file that contributes nothing makes the user file a new entry", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(`${dir}/base`, { "agent.yaml": "roster_version: 1\n" });
    await writeFiles(`${dir}/user`, { "agent.yaml": "kind: tool\n" });
    const roster = await loadRoster({ rosterDir: `${dir}/base`, userDir: `${dir}/user` });
    assert.deepEqual(roster.version === 1 && roster.entries[0]?.files, [`${dir}/user/agent.yaml`]);
  });
});
