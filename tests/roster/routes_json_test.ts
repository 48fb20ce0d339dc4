import assert from "node:assert/strict";
import { loadRoster, RosterConflictError, routesJson } from "../../src/roster/mod.ts";
import type { Roster, RosterEntry } from "../../src/roster/mod.ts";
import { loadFrom } from "./_helpers.ts";
import { fileUrlPath } from "../../scripts/_file_url_path.ts";

const TESTDATA = new URL("../testdata/roster/", import.meta.url);

Deno.test("routesJson: the built-in roster matches upstream's golden byte for byte", async () => {
  const golden = await Deno.readFile(new URL("v3_default_routes.json", TESTDATA));
  const text = routesJson(await loadRoster());
  assert.deepEqual(new TextEncoder().encode(text), golden);
});

Deno.test("routesJson: --roster on the version-1 default YAML gives the hand-written golden", async () => {
  const golden = await Deno.readTextFile(new URL("v1_default_routes.json", TESTDATA));
  const rosterDir = fileUrlPath(
    new URL("../../tests/testdata/roster/v1_default/", import.meta.url),
  );
  assert.equal(routesJson(await loadRoster({ rosterDir })), golden);
});

Deno.test("routesJson: ordering, omission and UTF-8 rules match the hand-written golden", async () => {
  const golden = await Deno.readFile(new URL("golden_routes.json", TESTDATA));
  const rosterDir = fileUrlPath(new URL("golden_roster/", TESTDATA));
  const text = routesJson(await loadRoster({ rosterDir }));
  assert.equal(text, new TextDecoder().decode(golden));
  assert.deepEqual(new TextEncoder().encode(text), golden);
  assert.equal(text.includes("\\u"), false, "non-ASCII is never escaped");
});

Deno.test("routesJson: an empty roster is {} and a newline", () => {
  assert.equal(routesJson({ version: 1, entries: [] }), "{}\n");
});

Deno.test("routesJson: a roster with only tools and runtimes is {} and a newline", async () => {
  const { roster } = await loadFrom({
    "caddy.yaml": "kind: runtime\n",
    "linter.yaml": "kind: tool\nlabel: Linter\n",
  });
  assert.equal(roster.entries.length, 2);
  assert.equal(routesJson(roster), "{}\n");
});

function routed(name: string, prefix: string): RosterEntry {
  const vault = {
    route_prefix: prefix,
    upstream: `https://${name}.example.test`,
    path_upstreams: {},
    oauth_extra_headers: {},
    auth_header: "Authorization",
    auth_prefix: "Bearer ",
    credential_type: "api_key" as const,
    credential_file: "",
    phantom_env: {},
    oauth_phantom_env: {},
    base_url_env: "",
    socket_env: "",
    token_env: {},
    shared_domain: false,
  };
  return {
    name,
    files: [`${name}.yaml`],
    config: { kind: "tool", vault, mounts: [], web_ingress: false },
    isAgent: false,
    authProvider: null,
    vaultRoute: vault,
  };
}

Deno.test("routesJson: entries given out of order are written in name order", () => {
  const roster: Roster = { version: 1, entries: [routed("b", "b"), routed("a", "a")] };
  assert.deepEqual(Object.keys(JSON.parse(routesJson(roster))), ["a", "b"]);
});

Deno.test("routesJson: a duplicate route prefix throws, naming the prefix and both entries", () => {
  const roster: Roster = {
    version: 1,
    entries: [routed("zed", "shared"), routed("alpha", "shared")],
  };
  assert.throws(() => routesJson(roster), (error: unknown) => {
    assert.ok(error instanceof RosterConflictError);
    assert.equal(
      error.message,
      "zed.yaml: vault.route_prefix: Duplicate route prefix 'shared': providers 'alpha' and 'zed'",
    );
    assert.equal(error.keyPath, "vault.route_prefix");
    return true;
  });
});
