import assert from "node:assert/strict";
import { RosterConflictError, RosterSchemaError, RosterSyntaxError } from "../../src/roster/mod.ts";
import { configOf, loadError, loadFrom } from "./_helpers.ts";

const VAULT = "vault:\n  route_prefix: p\n  upstream: https://api.example.test\n";
const AUTH = "auth:\n  host_dir: _x-config\n  container_mount: /home/dev/.x\n";

/** [what, file text, expected message after "<tmp>/base/x.yaml"] */
const SINGLE_FILE_CASES: [string, string, string][] = [
  ["unknown top-level key", "kind: tool\nnmae: x\n", ':2:1: nmae: Unknown key "nmae"'],
  ["unknown nested key", `${VAULT}  extra: 1\n`, ':4:3: vault.extra: Unknown key "extra"'],
  [
    "unknown key in a list item",
    "mounts:\n  - host_dir: a\n    container_path: /a\n    mode: ro\n",
    ':4:5: mounts[0].mode: Unknown key "mode"',
  ],
  ["wrong type: list for string", "label: [a]\n", ":1:8: label: Expected a string, got a list"],
  [
    "wrong type: YAML 1.2 yes is a string",
    "web_ingress: yes\n",
    ":1:14: web_ingress: Expected true or false, got a string",
  ],
  [
    "wrong type: integer for string",
    `${VAULT}  auth_header: 42\n`,
    ":4:16: vault.auth_header: Expected a string, got an integer",
  ],
  [
    "wrong type: section is not a mapping",
    "session: true\n",
    ":1:10: session: Expected a mapping, got a boolean",
  ],
  [
    "wrong type: required string is null",
    "auth:\n  host_dir: ~\n  container_mount: /x\n",
    ":2:13: auth.host_dir: Expected a string, got null",
  ],
  [
    "missing required key",
    "vault:\n  upstream: https://api.example.test\n",
    ":1:1: vault.route_prefix: Required key is missing",
  ],
  [
    "missing required key in a list item",
    "mounts:\n  - host_dir: a\n    container_path: /a\n  - container_path: /b\n",
    ":4:5: mounts[1].host_dir: Required key is missing",
  ],
  [
    "missing required key in opencode",
    "kind: opencode\nopencode:\n  display_name: X\n",
    ":2:1: opencode.base_url: Required key is missing",
  ],
  [
    "vault.socket_path",
    `${VAULT}  socket_path: /run/vault.sock\n`,
    ':4:3: vault.socket_path: Key "socket_path" is no longer configurable and must be removed',
  ],
  [
    "auth.host_dir with a slash",
    "auth:\n  host_dir: a/b\n  container_mount: /x\n",
    ':2:13: auth.host_dir: Expected a single path segment (not empty, no "/", not "." or ".."), ' +
    'got "a/b"',
  ],
  [
    "auth.host_dir ..",
    "auth:\n  host_dir: ..\n  container_mount: /x\n",
    ':2:13: auth.host_dir: Expected a single path segment (not empty, no "/", not "." or ".."), ' +
    'got ".."',
  ],
  [
    "auth.host_dir .",
    "auth:\n  host_dir: '.'\n  container_mount: /x\n",
    ':2:13: auth.host_dir: Expected a single path segment (not empty, no "/", not "." or ".."), ' +
    'got "."',
  ],
  [
    "auth.host_dir empty",
    'auth:\n  host_dir: ""\n  container_mount: /x\n',
    ':2:13: auth.host_dir: Expected a single path segment (not empty, no "/", not "." or ".."), ' +
    'got ""',
  ],
  [
    "credential_file absolute",
    `${VAULT}  credential_file: /etc/shadow\n`,
    ':4:20: vault.credential_file: Expected a relative path without ".." or empty segments, ' +
    'got "/etc/shadow"',
  ],
  [
    "credential_file with ..",
    `${VAULT}  credential_file: a/../../b\n`,
    ':4:20: vault.credential_file: Expected a relative path without ".." or empty segments, ' +
    'got "a/../../b"',
  ],
  [
    "credential_file with an empty segment",
    `${VAULT}  credential_file: a//b\n`,
    ':4:20: vault.credential_file: Expected a relative path without ".." or empty segments, ' +
    'got "a//b"',
  ],
  [
    "credential_file with a trailing slash",
    `${VAULT}  credential_file: dir/\n`,
    ':4:20: vault.credential_file: Expected a relative path without ".." or empty segments, ' +
    'got "dir/"',
  ],
  [
    "upstream not http(s)",
    "vault:\n  route_prefix: p\n  upstream: ftp://files.example.test\n",
    ':3:13: vault.upstream: Expected an http(s) URL, got "ftp://files.example.test"',
  ],
  [
    "upstream not a URL",
    "vault:\n  route_prefix: p\n  upstream: api.example.test\n",
    ':3:13: vault.upstream: Expected an http(s) URL, got "api.example.test"',
  ],
  [
    "upstream not a string",
    "vault:\n  route_prefix: p\n  upstream: 5\n",
    ":3:13: vault.upstream: Expected a string, got an integer",
  ],
  [
    "path_upstreams value not a URL",
    `${VAULT}  path_upstreams:\n    /api/: "javascript:alert(1)"\n`,
    ':5:12: vault.path_upstreams["/api/"]: Expected an http(s) URL, got "javascript:alert(1)"',
  ],
  [
    "bad enum value",
    "kind: agent\n",
    ':1:7: kind: Expected one of "native", "opencode", "bridge", "tool", "runtime", got "agent"',
  ],
  [
    "bad enum value in a list",
    `${AUTH}  modes: [oauth, password]\n`,
    ':4:18: auth.modes[1]: Expected one of "oauth", "api_key", got "password"',
  ],
  [
    "bad credential_type",
    `${VAULT}  credential_type: cookie\n`,
    ':4:20: vault.credential_type: Expected one of "api_key", "oauth", "oauth_token", "pat", ' +
    'got "cookie"',
  ],
  [
    "depends_on item not a string",
    "install:\n  depends_on: [a, 1]\n",
    ":2:19: install.depends_on[1]: Expected a string, got an integer",
  ],
  [
    "depends_on neither string nor list",
    "install:\n  depends_on: {a: b}\n",
    ":2:15: install.depends_on: Expected a string or a list of strings, got a mapping",
  ],
  [
    "phantom_env value not a boolean",
    `${VAULT}  phantom_env:\n    KEY: "true"\n`,
    ":5:10: vault.phantom_env.KEY: Expected true or false, got a string",
  ],
  [
    "oauth_refresh missing client_id",
    `${VAULT}  oauth_refresh:\n    token_url: https://auth.example.test/token\n`,
    ":4:3: vault.oauth_refresh.client_id: Required key is missing",
  ],
  [
    "long value is cut in the message",
    `${VAULT}  credential_type: ${"x".repeat(100)}\n`,
    ':4:20: vault.credential_type: Expected one of "api_key", "oauth", "oauth_token", "pat", ' +
    `got "${"x".repeat(80)}..."`,
  ],
  ["top level is a list", "- a\n- b\n", ":1:1: The top level must be a mapping, got a list"],
  ["top level is a scalar", "just text\n", ":1:1: The top level must be a mapping, got a string"],
];

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
    "<tmp>/base/b.yaml: vault.route_prefix: Duplicate route prefix 'p': providers 'a' and 'b'",
  );
});

Deno.test("schema: duplicate route prefix made by an override names the override", async () => {
  const { message } = await loadError(undefined, {
    "claude.yaml": "vault:\n  route_prefix: codex\n",
  });
  assert.equal(
    message,
    "<tmp>/user/claude.yaml: vault.route_prefix: Duplicate route prefix 'codex': providers " +
      "'claude' and 'codex'",
  );
  const added = await loadError(undefined, {
    "zz.yaml": "vault:\n  route_prefix: gh\n" +
      "  upstream: https://api.example.test\n",
  });
  assert.equal(
    added.message,
    "<tmp>/user/zz.yaml: vault.route_prefix: Duplicate route prefix 'gh': providers 'gh' and 'zz'",
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
  assert.equal(message, '<tmp>/user/a.yaml:3:3: auth.hostdir: Unknown key "hostdir"');
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

Deno.test("merged error: on the built-in roster the base is <built-in>/<name>.yaml", async () => {
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
    ["a: [1\n", ":2:1: Deficient indentation"],
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
