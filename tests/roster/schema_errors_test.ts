import assert from "node:assert/strict";
import { RosterConflictError, RosterSchemaError, RosterSyntaxError } from "../../src/roster/mod.ts";
import { configOf, loadError, loadFrom } from "./_helpers.ts";
import { AUTH, SINGLE_FILE_CASES, VAULT } from "./_schema_cases.ts";

for (const [what, text, expected] of SINGLE_FILE_CASES) {
  Deno.test(`schema error: ${what}`, async () => {
    const { error, message } = await loadError({ "x.yaml": text });
    assert.ok(error instanceof RosterSchemaError, `${error.name}: ${error.message}`);
    assert.ok(error instanceof TypeError);
    assert.equal(message, `<tmp>/base/x.yaml${expected}`);
  });
}

Deno.test("schema error: fields of the error match the message", async () => {
  const { error } = await loadError({ "x.yaml": `${VAULT}  extra: 1\n` });
  assert.ok(error instanceof RosterSchemaError);
  assert.equal(error.keyPath, "vault.extra");
  assert.equal(error.line, 4);
  assert.equal(error.column, 3);
  assert.equal(error.reason, 'Unknown key "extra"');
  assert.match(error.file, /\/base\/x\.yaml$/);
});

Deno.test("schema: optional strings accept null, defaults apply", async () => {
  const { roster } = await loadFrom({
    "x.yaml": "label: ~\nbinary: null\n" + AUTH +
      "  command: ~\n  post_capture_state:\n    state.json: ~\n" + VAULT +
      "  oauth_refresh:\n    token_url: t\n    client_id: c\n    scope: ~\n" +
      "install:\n  depends_on: opencode\n",
  });
  const config = configOf(roster, "x");
  assert.deepEqual(config, {
    kind: "native",
    auth: {
      host_dir: "_x-config",
      container_mount: "/home/dev/.x",
      banner_hint: "",
      api_key_hint: "",
      extra_run_args: [],
      modes: ["api_key"],
      post_capture_state: { "state.json": {} },
    },
    vault: {
      route_prefix: "p",
      upstream: "https://api.example.test",
      path_upstreams: {},
      oauth_extra_headers: {},
      auth_header: "Authorization",
      auth_prefix: "Bearer ",
      credential_type: "api_key",
      credential_file: "",
      phantom_env: {},
      oauth_phantom_env: {},
      base_url_env: "",
      socket_env: "",
      token_env: {},
      shared_domain: false,
      oauth_refresh: { token_url: "t", client_id: "c" },
    },
    install: { depends_on: ["opencode"], run_as_root: "", run_as_dev: "" },
    mounts: [],
    web_ingress: false,
  });
});

Deno.test("schema: every section with its defaults", async () => {
  const { roster } = await loadFrom({
    "x.yaml": "git_identity: {}\nheadless: {}\nauto_approve: {}\nsession: {}\ncapabilities: {}\n" +
      "wrapper: {}\nsidecar: {}\ninstall: {}\nhelp: {}\n",
  });
  assert.deepEqual(configOf(roster, "x"), {
    kind: "native",
    git_identity: {},
    headless: { prompt_flag: "-p", output_format_flags: [] },
    auto_approve: { env: {}, flags: [] },
    session: { supports_resume: false, supports_hook: false },
    capabilities: { agents_json: false, add_dir: false, log_format: "plain" },
    wrapper: { refuse_subcommands: [] },
    sidecar: { env_map: {} },
    install: { depends_on: [], run_as_root: "", run_as_dev: "" },
    help: { label: "", section: "agent" },
    mounts: [],
    web_ingress: false,
  });
});

Deno.test("schema: duplicate route prefix across files", async () => {
  const { error, message } = await loadError({
    "a.yaml": VAULT,
    "b.yaml": "kind: tool\n" + VAULT,
  });
  assert.ok(error instanceof RosterConflictError);
  assert.equal(
    message,
    "<tmp>/base/b.yaml:3:17: vault.route_prefix: Duplicate route prefix 'p': providers 'a' and 'b'",
  );
});

Deno.test("schema: duplicate route prefix made by an override names the override", async () => {
  const { message } = await loadError(undefined, {
    "claude.yaml": "vault:\n  route_prefix: codex\n",
  });
  assert.equal(
    message,
    "<tmp>/user/claude.yaml:2:17: vault.route_prefix: Duplicate route prefix 'codex': providers " +
      "'claude' and 'codex'",
  );
  const added = await loadError(undefined, {
    "zz.yaml": "vault:\n  route_prefix: gh\n" +
      "  upstream: https://api.example.test\n",
  });
  assert.equal(
    added.message,
    "<tmp>/user/zz.yaml:2:17: vault.route_prefix: Duplicate route prefix 'gh': providers 'gh' and 'zz'",
  );
});

// Merged entries: the error names the file the bad part came from.
const BASE = {
  "a.yaml": "label: A\n" + AUTH + VAULT +
    "mounts:\n  - host_dir: one\n    container_path: /one\n  - host_dir: two\n" +
    "    container_path: /two\n",
};

Deno.test("merged error: a bad value from the user file names the user file", async () => {
  const { message } = await loadError(BASE, {
    "a.yaml": "# comment\nvault:\n  upstream: ftp://x.example.test\n",
  });
  assert.equal(
    message,
    '<tmp>/user/a.yaml:3:13: vault.upstream: Expected an http(s) URL, got "ftp://x.example.test"',
  );
});

Deno.test("merged error: a deletion of a required key names the user file", async () => {
  const { message } = await loadError(BASE, { "a.yaml": "vault:\n  route_prefix: ~\n" });
  assert.equal(message, "<tmp>/user/a.yaml:2:3: vault.route_prefix: Required key is missing");
});

Deno.test("merged error: a new section missing a key names the user file", async () => {
  const { message } = await loadError(BASE, {
    "a.yaml": "vault:\n  oauth_refresh:\n    token_url: https://auth.example.test\n",
  });
  assert.equal(
    message,
    "<tmp>/user/a.yaml:2:3: vault.oauth_refresh.client_id: Required key is missing",
  );
});

Deno.test("merged error: an unknown key from the user file names the user file", async () => {
  const { message } = await loadError(BASE, { "a.yaml": "\nauth:\n  hostdir: x\n" });
  assert.equal(
    message,
    '<tmp>/user/a.yaml:3:3: auth.hostdir: Unknown key "hostdir" (did you mean "host_dir"?)',
  );
});

Deno.test("merged error: a bad value from the base names the base file", async () => {
  const { message } = await loadError(
    { "a.yaml": "label: A\nweb_ingress: 'no'\n" },
    { "a.yaml": "label: B\n" },
  );
  assert.equal(
    message,
    "<tmp>/base/a.yaml:2:14: web_ingress: Expected true or false, got a string",
  );
});

Deno.test("merged error: a key missing in a mapping both have names the base file", async () => {
  const { message } = await loadError(
    { "a.yaml": "vault:\n  route_prefix: a\n" },
    { "a.yaml": "vault:\n  auth_prefix: ''\n" },
  );
  assert.equal(message, "<tmp>/base/a.yaml:1:1: vault.upstream: Required key is missing");
});

Deno.test("merged error: a spliced list names the user item by its own index", async () => {
  const { message } = await loadError(BASE, {
    "a.yaml": "mounts:\n  - _inherit\n  - container_path: /three\n",
  });
  assert.equal(message, "<tmp>/user/a.yaml:3:5: mounts[1].host_dir: Required key is missing");
});

Deno.test("merged error: a base item of a spliced list names the base file", async () => {
  const { message } = await loadError(
    { "a.yaml": "mounts:\n  - host_dir: one\n" },
    { "a.yaml": "mounts: [{host_dir: zero, container_path: /zero}, _inherit]\n" },
  );
  assert.equal(message, "<tmp>/base/a.yaml:2:5: mounts[0].container_path: Required key is missing");
});

Deno.test("merged error: over the built-in roster, errors from the override name the user file", async () => {
  const { message } = await loadError(undefined, {
    "claude.yaml": "vault:\n  _inherit: true\n  oauth_refresh:\n    client_id: ~\n",
  });
  assert.equal(
    message,
    "<tmp>/user/claude.yaml:4:5: vault.oauth_refresh.client_id: Required key is missing",
  );
  const fromBase = await loadError(undefined, { "claude.yaml": "vault:\n  extra: 1\n" });
  assert.equal(fromBase.message, '<tmp>/user/claude.yaml:2:3: vault.extra: Unknown key "extra"');
  const blamed = await loadError(undefined, { "claude.yaml": "kind: x\n" });
  assert.ok(blamed.error instanceof RosterSchemaError);
});

Deno.test("syntax errors are SyntaxErrors with a position", async () => {
  const cases: [string, string][] = [
    ["label: a\nlabel: b\n", ":2:1: Duplicated mapping key"],
    ["a: [1\n", ':1:4: The list that starts here with "[" is never closed (a "]" is missing)'],
    [
      "a: {b: 1\n",
      ':1:4: The mapping that starts here with "{" is never closed (a "}" is missing)',
    ],
    ["a:\n  b: 1\n c: 2\n", ":3:2: Bad indentation of a mapping entry"],
    ["label: a: b\n", ":1:9: Bad indentation of a mapping entry"],
    ["label: *nope\n", ':1:9: Unidentified alias "nope"'],
    ["auth:\n  __proto__: {}\n", ':2:3: The key "__proto__" is not allowed'],
    ["1: x\n", ":1:1: Mapping keys must be strings"],
    ["label: !!binary aGk=\n", ":1:8: Unknown scalar tag !<tag:yaml.org,2002:binary>"],
    ["label: a\n---\nlabel: b\n", ": A roster file holds one YAML document, found 2"],
  ];
  for (const [text, expected] of cases) {
    const { error, message } = await loadError({ "x.yaml": text });
    assert.ok(error instanceof RosterSyntaxError, `${JSON.stringify(text)}: ${error.message}`);
    assert.ok(error instanceof SyntaxError);
    assert.equal(message, `<tmp>/base/x.yaml${expected}`, JSON.stringify(text));
  }
});

Deno.test("merged error: a bad part from a built-in base names <built-in>/<name>.yaml", async () => {
  const { buildEntries } = await import("../../src/roster/v1/_load_v1.ts");
  const { parseRosterYaml } = await import("../../src/roster/_parse_yaml.ts");
  const base = {
    name: "a",
    display: "<built-in>/a.yaml",
    parsed: null,
    document: { vault: { route_prefix: "a" } },
  };
  const text = "vault:\n  auth_prefix: ''\n";
  const user = {
    name: "a",
    display: "/u/a.yaml",
    parsed: parseRosterYaml(text, "/u/a.yaml"),
    document: { vault: { auth_prefix: "" } },
  };
  assert.throws(() => buildEntries([base], [user]), (error: unknown) => {
    assert.ok(error instanceof RosterSchemaError);
    assert.equal(error.message, "<built-in>/a.yaml: vault.upstream: Required key is missing");
    assert.equal(error.line, undefined);
    return true;
  });
});
