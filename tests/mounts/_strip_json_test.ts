// Copyright the terok-vault authors. MIT license.
import assert from "node:assert/strict";
import { stripJson } from "../../src/mounts/_strip_json.ts";
import { stripSecrets } from "../../src/mounts/_strip_secrets.ts";
import { fakeToken } from "../_secrets.ts";

const none = { lines: new Set<number>(), isSecret: () => false };
const paths = (...keys: string[]) => ({ ...none, keyPaths: new Set(keys) });

Deno.test("stripJson() removes exactly the member and one separating comma, in every position", () => {
  const text = '{\n  "a": 1,\n  "b": "x",\n  "c": {"d": "y", "e": [1, 2]}\n}\n';
  assert.deepEqual(stripJson(text, paths("b")), {
    ok: true,
    text: '{\n  "a": 1,\n  "c": {"d": "y", "e": [1, 2]}\n}\n',
    removed: ["b"],
  });
  assert.deepEqual(stripJson(text, paths("a")), {
    ok: true,
    text: '{\n  "b": "x",\n  "c": {"d": "y", "e": [1, 2]}\n}\n',
    removed: ["a"],
  });
  assert.deepEqual(stripJson(text, paths("c.d")), {
    ok: true,
    text: '{\n  "a": 1,\n  "b": "x",\n  "c": {"e": [1, 2]}\n}\n',
    removed: ["c.d"],
  });
  // The last member goes with the comma before it; two in a row go together.
  assert.equal(
    (stripJson('{"a":"1","b":"2","c":"3"}', paths("b", "c")) as { text: string }).text,
    '{"a":"1"}',
  );
  // Every member: the braces are left empty.
  assert.equal((stripJson('{ "k": "v" }', paths("k")) as { text: string }).text, "{}");
  // Objects and literals are never removed (a secret is a string or a number).
  assert.equal(
    (stripJson('{"k": {"x": 1}, "t": true}', paths("k", "t")) as { text: string }).text,
    '{"k": {"x": 1}, "t": true}',
  );
  // Array elements' members by index.
  assert.equal(
    (stripJson('{"l": [{"s": "1", "n": 2}]}', paths("l.0.s")) as { text: string }).text,
    '{"l": [{"n": 2}]}',
  );
});

Deno.test("stripJson() keeps escapes, unicode and duplicate keys' other bytes intact", () => {
  const text = '{"e": "caf\\u00e9 \\"q\\"", "k": "s", "k": "t", "z": "ü"}';
  assert.deepEqual(stripJson(text, paths("k")), {
    ok: true,
    text: '{"e": "caf\\u00e9 \\"q\\"", "z": "ü"}',
    removed: ["k", "k"],
  });
});

Deno.test("stripJson() removes a string on an evidence line only when it holds a secret", () => {
  const text = '{\n  "note": "plain",\n  "other": "tok"\n}';
  const isSecret = (value: string) => value === "tok";
  const targets = { keyPaths: new Set<string>(), lines: new Set([2, 3]), isSecret };
  assert.deepEqual(stripJson(text, targets), {
    ok: true,
    text: '{\n  "note": "plain"\n}',
    removed: ["other"],
  });
});

Deno.test("stripJson() refuses what is not strict JSON, with the line", () => {
  const cases: [string, string][] = [
    ['{"a": 1,}', "not strict JSON at line 1: a key was expected"],
    ['{"a": 1}\n x', "not strict JSON at line 2: unexpected text after the document"],
    ['{\n"a": "\n"}', "not strict JSON at line 2: a control character in a string"],
    ['{"a": "x', "not strict JSON at line 1: an unterminated string"],
    ['{"a" 1}', 'not strict JSON at line 1: ":" was expected'],
    [`${"[".repeat(70)}${"]".repeat(70)}`, "not strict JSON at line 1: nested too deeply"],
  ];
  for (const [text, reason] of cases) {
    assert.deepEqual(stripJson(text, paths("a")), { ok: false, reason }, text);
  }
});

Deno.test("stripSecrets() strips JSON and dotenv, and refuses what it cannot rewrite", () => {
  const key = fakeToken("anthropic-api-key");
  const evidence = (keyPath: string | null, line: number | null, fingerprint: string | null) => ({
    rule: "r",
    description: "d",
    keyPath,
    line,
    redacted: "…",
    fingerprint,
  });
  const encode = (text: string) => new TextEncoder().encode(text);
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  const never = () => false;
  const env = `# comment\nEDITOR=vim\nexport ANTHROPIC_API_KEY=${key}\nOTHER=1\n`;
  const dotenv = stripSecrets(encode(env), ".env", [evidence("ANTHROPIC_API_KEY", 3, "f")], never);
  assert.ok(dotenv.ok);
  assert.equal(decode(dotenv.bytes), "# comment\nEDITOR=vim\nOTHER=1\n");
  assert.deepEqual(dotenv.removed, ["ANTHROPIC_API_KEY"]);
  // A token found by a rule on a line of no known key: the JSON string holding it goes.
  const json = `{"a": "keep", "b": "${key}"}`;
  const byLine = stripSecrets(encode(json), "x.json", [evidence(null, 1, "f")], never);
  assert.ok(byLine.ok);
  assert.equal(decode(byLine.bytes), '{"a": "keep"}');
  const refusals: [Uint8Array, string, ReturnType<typeof evidence>[], string][] = [
    [
      new Uint8Array([0xff]),
      "a.json",
      [evidence("a", 1, "f")],
      "it is not UTF-8 text, which a strip rewrites",
    ],
    [
      encode("{}"),
      "a.json",
      [{ ...evidence(null, null, null), rule: "unrecognized-content" }],
      "its evidence (unrecognized-content) names no value to remove",
    ],
    [
      encode("{}"),
      "a.json",
      [evidence(null, null, "f")],
      "a secret (r) has no place in it to remove",
    ],
    [
      encode("k: v\n"),
      "hosts.yml",
      [evidence("k", 1, "f")],
      "YAML is not rewritten by a strip (JSON and dotenv are)",
    ],
    [
      encode("u=1\n"),
      "config.toml",
      [evidence("u", 1, "f")],
      "its format is not one a strip rewrites (JSON and dotenv are)",
    ],
    [
      encode(json),
      "x.json",
      [evidence("a", 1, "f")],
      "a secret would remain after the strip; not rewritten",
    ],
  ];
  for (const [bytes, name, items, reason] of refusals) {
    const stillLeaks = (out: Uint8Array) => decode(out).includes(key);
    assert.deepEqual(stripSecrets(bytes, name, items, stillLeaks), { ok: false, reason }, name);
  }
});
