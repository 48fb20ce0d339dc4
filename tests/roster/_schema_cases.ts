/**
 * Roster files that break the schema, each with its exact error message; shared by the
 * schema error test and the JSON Schema agreement test.
 *
 * @module
 */

/** A valid vault section. */
export const VAULT = "vault:\n  route_prefix: p\n  upstream: https://api.example.test\n";
/** A valid auth section. */
export const AUTH = "auth:\n  host_dir: _x-config\n  container_mount: /home/dev/.x\n";

/** [what, file text, expected message after "<tmp>/base/x.yaml"]: each one schema violation. */
export const SINGLE_FILE_CASES: [string, string, string][] = [
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

/** Files the loader accepts on their own: [what, file text]. */
export const VALID_FILE_CASES: [string, string][] = [
  ["minimal", "kind: tool\n"],
  ["nulls for optional strings", `label: ~\nbinary: null\ngit_identity: {name: ~, email: e}\n`],
  [
    "everything",
    `roster_version: 1
kind: native
label: Everything
binary: every
git_identity: {name: Bot, email: bot@example.test}
headless:
  subcommand: run
  prompt_flag: --prompt
  model_flag: --model
  max_turns_flag: --max-turns
  verbose_flag: --verbose
  output_format_flags: [--json]
auto_approve: {env: {YOLO: "1"}, flags: [--yes]}
session:
  supports_resume: true
  resume_flag: --resume
  continue_flag: --continue
  session_file: session.json
  supports_hook: true
capabilities: {agents_json: true, add_dir: true, log_format: claude-stream-json}
wrapper: {refuse_subcommands: [login, logout]}
opencode:
  display_name: Every
  base_url: https://api.example.test/v1
  preferred_model: big
  fallback_model: small
  env_var_prefix: EVERY
  config_dir: .every
  auth_key_url: https://example.test/keys
  api_key_hint: Paste the key
${AUTH}  command: [every, login]
  auth_key:
    label: Key
    key_url: https://example.test/keys
    env_var: EVERY_KEY
    config_path: ~/.every/key
    printf_template: "%s"
    tool_name: every
  banner_hint: Log in first
  api_key_hint: A key
  extra_run_args: [--net]
  modes: [oauth, api_key]
  post_capture_state:
    state.json: {onboarded: true, nested: {list: [1, 2.5, x, null, {deep: true}]}}
    empty.json: ~
${VAULT}  path_upstreams: {/api/: "http://localhost:1234"}
  oauth_extra_headers: {x-extra: "1"}
  auth_header: dynamic
  auth_prefix: ""
  credential_type: oauth_token
  credential_file: sub/./file.json
  phantom_env: {EVERY_KEY: true}
  oauth_phantom_env: {EVERY_TOKEN: false}
  base_url_env: EVERY_BASE_URL
  socket_env: EVERY_SOCKET
  shared_config_patch: {file: config.toml, set: {base: "{base_url}"}}
  oauth_refresh: {token_url: https://auth.example.test, client_id: c, scope: ~}
sidecar: {tool_name: every, env_map: {EVERY_KEY: key}}
install: {depends_on: [opencode, node], run_as_root: "true", run_as_dev: "true"}
help: {label: Every, section: dev_tool}
mounts:
  - {host_dir: _every-data, container_path: /data, label: Data}
  - {host_dir: _every-cache, container_path: /cache, label: ~}
web_ingress: true
`,
  ],
  ["depends_on as one string", "install: {depends_on: opencode}\n"],
  ["shared_config_patch null", `${VAULT}  shared_config_patch: ~\n`],
  ["auth.command null", `${AUTH}  command: ~\n`],
  ["host_dir with dots inside", "auth: {host_dir: ...hidden, container_mount: /x}\n"],
  ["credential_file with three dots", `${VAULT}  credential_file: .../x\n`],
  ["upper-case URL scheme", "vault: {route_prefix: p, upstream: HTTP://EXAMPLE.TEST}\n"],
];
