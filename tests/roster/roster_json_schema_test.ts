import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { loadRoster, rosterJsonSchema, RosterSchemaError } from "../../src/roster/mod.ts";
import { parseRosterYaml } from "../../src/roster/_parse_yaml.ts";
import { SINGLE_FILE_CASES, VALID_FILE_CASES } from "./_schema_cases.ts";
import { withTempDir, writeFiles } from "./_helpers.ts";

const V1_YAML_DIR = new URL("../../tests/testdata/roster/v1_default/", import.meta.url);
const V3_YAML_DIR = new URL("../../src/roster/v3/default_roster/", import.meta.url);

type Def = "agent_v1" | "agent_v3" | "provider_v3";

/** The schema, or the part of it for one kind of file (`$defs/<def>`). */
function compileSchema(def?: Def) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const schema = rosterJsonSchema();
  if (def === undefined) return ajv.compile(schema);
  const part: Record<string, unknown> = { $ref: `#/$defs/${def}`, $defs: schema.$defs };
  return ajv.compile({ ...part, $schema: String(schema.$schema) });
}

/** The loader's verdict on one standalone version-1 file: accepted, or refused by the schema. */
async function loaderAccepts(text: string): Promise<boolean> {
  return await withTempDir(async (dir) => {
    await writeFiles(dir, { "x.yaml": text });
    try {
      await loadRoster({ rosterDir: dir });
      return true;
    } catch (error) {
      if (error instanceof RosterSchemaError) return false;
      throw error;
    }
  });
}

Deno.test("rosterJsonSchema: a draft 2020-12 schema that ajv compiles in strict mode", () => {
  const schema = rosterJsonSchema();
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(schema.type, "object");
  assert.deepEqual(schema.anyOf, [
    { $ref: "#/$defs/agent_v1" },
    { $ref: "#/$defs/agent_v3" },
    { $ref: "#/$defs/provider_v3" },
  ]);
  const defs = schema.$defs as Record<string, Record<string, Record<string, unknown>>>;
  assert.deepEqual(defs.agent_v1?.properties?.roster_version, { type: "integer", maximum: 1 });
  assert.deepEqual(defs.agent_v3?.properties?.roster_version, { type: "integer", minimum: 2 });
  assert.equal(defs.provider_v3?.properties?.roster_version, undefined);
  for (const def of ["agent_v1", "agent_v3", "provider_v3"] as const) {
    assert.equal(defs[def]?.additionalProperties, false);
    assert.equal(typeof compileSchema(def), "function");
  }
  assert.equal(typeof compileSchema(), "function");
});

Deno.test("rosterJsonSchema: returns a fresh copy each time", () => {
  const first = rosterJsonSchema();
  first.type = "changed";
  assert.equal(rosterJsonSchema().type, "object");
});

/** Each `*.yaml` of `dir` checked with `validate`; returns how many there were. */
async function validateDir(dir: URL, validate: ReturnType<typeof compileSchema>) {
  let count = 0;
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.name.endsWith(".yaml")) continue;
    const text = await Deno.readTextFile(new URL(entry.name, dir));
    const { document } = parseRosterYaml(text, entry.name);
    assert.equal(validate(document), true, `${entry.name}: ${JSON.stringify(validate.errors)}`);
    count++;
  }
  return count;
}

Deno.test("rosterJsonSchema: every file of the v1 fixture and the built-in v3 roster is valid", async () => {
  assert.equal(await validateDir(V1_YAML_DIR, compileSchema("agent_v1")), 14);
  assert.equal(await validateDir(new URL("agents/", V3_YAML_DIR), compileSchema("agent_v3")), 12);
  const providers = new URL("providers/", V3_YAML_DIR);
  assert.equal(await validateDir(providers, compileSchema("provider_v3")), 10);
  const any = compileSchema();
  assert.equal(await validateDir(V1_YAML_DIR, any), 14);
  assert.equal(await validateDir(new URL("agents/", V3_YAML_DIR), any), 12);
  assert.equal(await validateDir(providers, any), 10);
  // A provider is neither kind of agent file, and an agent is not a provider.
  const { document } = parseRosterYaml(
    await Deno.readTextFile(new URL("anthropic.yaml", providers)),
    "anthropic.yaml",
  );
  assert.equal(compileSchema("agent_v1")(document), false);
  assert.equal(compileSchema("agent_v3")(document), false);
});

Deno.test("rosterJsonSchema: agrees with the loader on valid files", async () => {
  const validate = compileSchema("agent_v1");
  for (const [what, text] of VALID_FILE_CASES) {
    assert.equal(await loaderAccepts(text), true, what);
    const { document } = parseRosterYaml(text, "x.yaml");
    assert.equal(validate(document), true, `${what}: ${JSON.stringify(validate.errors)}`);
  }
});

Deno.test("rosterJsonSchema: agrees with the loader on every schema violation", async () => {
  // Not compared, because JSON Schema cannot express them or they are not schema errors:
  // - a roster_version that is not an integer (the loader warns and reads on; the schema says
  //   integer), empty files (the loader skips them; JSON null is not an object);
  // - duplicate route prefixes (a check across files);
  // - URL strings that match `^https?://\S+$` but that URL parsing rejects (e.g.
  //   "http://[::1"); the cases below avoid them;
  // - YAML-level refusals (syntax, duplicate or prototype keys), which happen before either.
  const validate = compileSchema("agent_v1");
  for (const [what, text] of SINGLE_FILE_CASES) {
    assert.equal(await loaderAccepts(text), false, what);
    const { document } = parseRosterYaml(text, "x.yaml");
    assert.equal(validate(document), false, `${what}: the JSON Schema accepts it`);
  }
});

Deno.test("rosterJsonSchema: the known gap, URL parsing, is only in the loader", async () => {
  const text = "vault: {route_prefix: p, upstream: 'http://[::1'}\n";
  assert.equal(await loaderAccepts(text), false);
  assert.equal(compileSchema("agent_v1")(parseRosterYaml(text, "x.yaml").document), true);
});

/** [kind, what, file text, the loader's message after "<tmp>/<kind>s/x.yaml"]. */
const V3_CASES: ["agent" | "provider", string, string, string][] = [
  [
    "provider",
    "no auth mode",
    "upstream: https://p.example.test\nauth: {api_key: ~}\n",
    ':2:1: auth: The provider must declare at least one of "api_key" and "oauth"',
  ],
  [
    "provider",
    "auth mode without a header",
    "upstream: https://p.example.test\nauth:\n  oauth: {prefix: x}\n",
    ":3:3: auth.oauth.header: Required key is missing",
  ],
  [
    "provider",
    "roster_version in a provider file",
    "roster_version: 3\nupstream: https://p.example.test\nauth: {api_key: {header: K}}\n",
    ':1:1: roster_version: Unknown key "roster_version"',
  ],
  [
    "provider",
    "upstream not http(s)",
    "upstream: ftp://p.example.test\nauth: {api_key: {header: K}}\n",
    ':1:11: upstream: Expected an http(s) URL, got "ftp://p.example.test"',
  ],
  [
    "agent",
    "a version-1 vault section",
    "vault: {route_prefix: x}\n",
    ':1:1: vault: Key "vault" is a version-1 key; a version-3 agent names its provider with ' +
    "`provider:` and the endpoint lives in providers/<name>.yaml",
  ],
  [
    "agent",
    "roster_version 1 in a version-3 roster",
    "roster_version: 1\nkind: tool\n",
    ":1:17: roster_version: Version 1 met version 3: this is an agents-only file (version 1), " +
    "but the --roster directory is version 3 (agents/ and providers/); the two cannot be mixed",
  ],
  [
    "agent",
    "a version-1 kind",
    "kind: bridge\n",
    ':1:7: kind: Expected one of "native", "harness", "frontend", "tool", "infra", got "bridge"',
  ],
  [
    "agent",
    "an unknown binding key",
    "provider: {defualt: x}\n",
    ':1:12: provider.defualt: Unknown key "defualt" (did you mean "default"?)',
  ],
];

Deno.test("rosterJsonSchema: agrees with the v3 loader on agent and provider violations", async () => {
  for (const [kind, what, text, message] of V3_CASES) {
    const got = await withTempDir(async (dir) => {
      await writeFiles(`${dir}/agents`, kind === "agent" ? { "x.yaml": text } : {});
      await writeFiles(`${dir}/providers`, kind === "provider" ? { "x.yaml": text } : {});
      try {
        await loadRoster({ rosterDir: dir });
      } catch (error) {
        if (!(error instanceof RosterSchemaError)) throw error;
        return error.message.replaceAll(dir, "<tmp>");
      }
      return "accepted";
    });
    assert.equal(got, `<tmp>/${kind}s/x.yaml${message}`, what);
    const { document } = parseRosterYaml(text, "x.yaml");
    const validate = compileSchema(kind === "agent" ? "agent_v3" : "provider_v3");
    assert.equal(validate(document), false, `${what}: the JSON Schema accepts it`);
  }
});
