/**
 * The loader reads roster files the way terok's own YAML reader does: optional sections set to
 * null, merge keys, and integer-like keys in document order.
 */
import assert from "node:assert/strict";
import { RosterSchemaError, RosterSyntaxError, routesJson } from "../../src/roster/mod.ts";
import { MAX_EXPANDED_NODES } from "../../src/roster/_parse_yaml.ts";
import { configOf, loadError, loadFrom, ROUTED } from "./_helpers.ts";

const NULLABLE_SECTIONS = [
  "git_identity",
  "headless",
  "auto_approve",
  "session",
  "capabilities",
  "wrapper",
  "opencode",
  "auth",
  "vault",
  "sidecar",
  "install",
  "help",
];

Deno.test("null sections: every optional section set to null reads as absent", async () => {
  for (const spelling of ["null", "~", "Null", ""]) {
    const text = NULLABLE_SECTIONS.map((key) => `${key}: ${spelling}\n`).join("");
    const { roster } = await loadFrom({ "x.yaml": text });
    const config = configOf(roster, "x");
    for (const key of NULLABLE_SECTIONS) {
      assert.equal(Object.hasOwn(config, key), false, `${key}: ${spelling}`);
    }
    assert.equal(roster.entries[0]?.vaultRoute, null);
  }
});

Deno.test("null sections: nested optional sections too (auth_key, oauth_refresh)", async () => {
  const { roster } = await loadFrom({
    "x.yaml": ROUTED + "  oauth_refresh: null\n" +
      "auth:\n  host_dir: _x\n  container_mount: /x\n  auth_key: ~\n",
  });
  const config = configOf(roster, "x");
  assert.equal(Object.hasOwn(config.vault ?? {}, "oauth_refresh"), false);
  assert.equal(Object.hasOwn(config.auth ?? {}, "auth_key"), false);
  assert.equal(
    routesJson(roster),
    '{\n  "x": {\n    "upstream": "https://api.example.test",\n' +
      '    "auth_header": "Authorization",\n    "auth_prefix": "Bearer "\n  }\n}\n',
  );
});

Deno.test("null sections: required mappings and lists still refuse null", async () => {
  const { error, message } = await loadError({
    "x.yaml": "vault:\n  route_prefix: p\n  upstream: null\n",
  });
  assert.ok(error instanceof RosterSchemaError);
  assert.equal(
    message,
    "<tmp>/base/x.yaml:3:13: vault.upstream: Expected a string, got null",
  );
});

Deno.test("merge keys: keys written in the mapping first, then merged ones, first source wins", async () => {
  const real = await loadFrom({
    "x.yaml": "vault:\n" +
      "  <<: &base\n" +
      "    route_prefix: p\n" +
      "    upstream: https://base.example.test\n" +
      "    auth_header: X-Base\n" +
      "  upstream: https://own.example.test\n" +
      "  oauth_extra_headers:\n" +
      "    <<: [{ b: from-first, c: c }, { b: from-second, a: a }]\n" +
      "    z: z\n",
  });
  const vault = configOf(real.roster, "x").vault;
  assert.equal(vault?.upstream, "https://own.example.test");
  assert.equal(vault?.auth_header, "X-Base");
  assert.equal(
    routesJson(real.roster),
    '{\n  "x": {\n    "upstream": "https://own.example.test",\n' +
      '    "auth_header": "X-Base",\n    "auth_prefix": "Bearer ",\n' +
      '    "oauth_extra_headers": {\n      "z": "z",\n      "b": "from-first",\n' +
      '      "c": "c",\n      "a": "a"\n    }\n  }\n}\n',
  );
});

Deno.test("merge keys: an anchored mapping merged into two entries' sections", async () => {
  const { roster } = await loadFrom({
    "x.yaml": "label: &label X\nbinary: *label\n" +
      "vault:\n  <<: &v { route_prefix: p, upstream: https://x.example.test }\n" +
      "  auth_prefix: ''\n" +
      "  path_upstreams:\n    <<: { /a/: https://a.example.test }\n",
  });
  const vault = configOf(roster, "x").vault;
  assert.equal(vault?.route_prefix, "p");
  assert.deepEqual({ ...vault?.path_upstreams }, { "/a/": "https://a.example.test" });
});

Deno.test("merge keys: a quoted '<<' is an ordinary key", async () => {
  const { roster } = await loadFrom({
    "x.yaml": ROUTED + '  oauth_extra_headers:\n    "<<": literal\n',
  });
  assert.deepEqual({ ...configOf(roster, "x").vault?.oauth_extra_headers }, { "<<": "literal" });
});

Deno.test("merge keys: misuse is refused with the position of the merge key", async () => {
  const cases: [string, string][] = [
    [
      ROUTED + "  oauth_extra_headers:\n    <<: just-a-string\n",
      "<tmp>/base/x.yaml:5:5: A merge key (<<) takes a mapping or a list of mappings",
    ],
    [
      ROUTED + "  oauth_extra_headers:\n    <<: [{ a: b }, 3]\n",
      "<tmp>/base/x.yaml:5:5: A merge key (<<) takes a mapping or a list of mappings",
    ],
    [
      ROUTED + "  oauth_extra_headers:\n    <<: { a: b }\n    <<: { c: d }\n",
      "<tmp>/base/x.yaml:6:5: Duplicated mapping key",
    ],
    [
      "label: <<\n",
      "<tmp>/base/x.yaml:1:1: A plain << is a merge key and may only be used as a mapping key",
    ],
    [
      "mounts:\n  - <<\n",
      "<tmp>/base/x.yaml:2:5: A plain << is a merge key and may only be used as a mapping key",
    ],
  ];
  for (const [text, expected] of cases) {
    const { error, message } = await loadError({ "x.yaml": text });
    assert.ok(error instanceof RosterSyntaxError, `${error.name}: ${error.message}`);
    assert.equal(message, expected);
  }
});

Deno.test("merge keys: a schema error in a merged value points into the merged mapping", async () => {
  const anchored = await loadError({
    "x.yaml": "auth: &shared\n  host_dir: _x\n  container_mount: /x\n" +
      "sidecar:\n  <<: *shared\n",
  });
  assert.equal(anchored.message, '<tmp>/base/x.yaml:2:3: sidecar.host_dir: Unknown key "host_dir"');
  const inline = await loadError({
    "x.yaml": "vault:\n  route_prefix: p\n  <<:\n    - { upstream: ftp://bad.example.test }\n" +
      "    - { upstream: https://ignored.example.test }\n",
  });
  assert.equal(
    inline.message,
    "<tmp>/base/x.yaml:4:19: vault.upstream: Expected an http(s) URL, got " +
      '"ftp://bad.example.test"',
  );
});

Deno.test("merge keys: merging an alias bomb is refused by the same limits", async () => {
  const levels = ["a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x}"];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  levels.push("vault:\n  <<: *a");
  const { error, message } = await loadError({ "x.yaml": `${levels.join("\n")}\n` });
  assert.ok(error instanceof RosterSyntaxError);
  assert.match(
    message,
    new RegExp(`^<tmp>/base/x\\.yaml:\\d+:\\d+: The document has more than ${MAX_EXPANDED_NODES} `),
  );
});

Deno.test("key order: integer-like keys keep their YAML order in routes.json", async () => {
  const { roster } = await loadFrom({
    "x.yaml": ROUTED +
      '  path_upstreams:\n    "10": https://ten.example.test\n    "9": https://nine.example.test\n' +
      '    "0": https://zero.example.test\n  oauth_extra_headers:\n    "2": two\n    b: b\n    "1": one\n',
  });
  assert.equal(
    routesJson(roster),
    '{\n  "x": {\n    "upstream": "https://api.example.test",\n' +
      '    "auth_header": "Authorization",\n    "auth_prefix": "Bearer ",\n' +
      '    "path_upstreams": {\n      "10": "https://ten.example.test",\n' +
      '      "9": "https://nine.example.test",\n      "0": "https://zero.example.test"\n    },\n' +
      '    "oauth_extra_headers": {\n      "2": "two",\n      "b": "b",\n      "1": "one"\n' +
      "    }\n  }\n}\n",
  );
});

Deno.test("key order: an override keeps the base's order and appends its new keys", async () => {
  const { roster } = await loadFrom(
    {
      "x.yaml": ROUTED +
        '  path_upstreams:\n    "7": https://seven.example.test\n    /a/: https://a.example.test\n',
    },
    {
      "x.yaml":
        'vault:\n  path_upstreams:\n    "3": https://three.example.test\n    "7": https://new-seven.example.test\n',
    },
  );
  const text = routesJson(roster);
  const keys = [...text.matchAll(/^ {6}"([^"]+)":/gm)].map((match) => match[1]);
  assert.deepEqual(keys, ["7", "/a/", "3"]);
  assert.match(text, /"7": "https:\/\/new-seven\.example\.test"/);
});

Deno.test("roster v3: a providers-style file is refused as version 1, not misread", async () => {
  const { error, message } = await loadError({
    "opper.yaml": "upstream: https://api.example.test\n" +
      'auth:\n  api_key:\n    header: Authorization\n    prefix: "Bearer "\n' +
      "serves:\n  openai-chat: /v3/compat\n",
  });
  assert.ok(error instanceof RosterSchemaError);
  assert.equal(message, '<tmp>/base/opper.yaml:1:1: upstream: Unknown key "upstream"');
});
