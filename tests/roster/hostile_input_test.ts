import assert from "node:assert/strict";
import {
  loadRoster,
  RosterFileError,
  RosterSyntaxError,
  routesJson,
} from "../../src/roster/mod.ts";
import { mergeDocuments } from "../../src/roster/_merge.ts";
import { configOf, loadError, loadFrom, ROUTED, withTempDir, writeFiles } from "./_helpers.ts";

function assertPrototypesClean(): void {
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
  assert.equal(typeof ({}).constructor, "function");
}

Deno.test("hostile: an alias bomb is refused quickly by the expanded node count", async () => {
  const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (let level = 1; level < 9; level++) {
    const previous = String.fromCharCode(96 + level);
    const name = String.fromCharCode(97 + level);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
  }
  const { error, message } = await loadError({ "x.yaml": `${levels.join("\n")}\n` });
  assert.ok(error instanceof RosterSyntaxError);
  assert.equal(
    message,
    "<tmp>/base/x.yaml:6:12: The document has more than 100000 nodes once aliases are expanded; " +
      "refusing it",
  );
});

Deno.test("hostile: more than 1000 aliases are refused", async () => {
  const text = `label: &a x\nbinary: *a\nmounts: [${Array(1001).fill("*a").join(", ")}]\n`;
  const { error, message } = await loadError({ "x.yaml": text });
  assert.ok(error instanceof RosterSyntaxError);
  assert.match(message, /^<tmp>\/base\/x\.yaml:3:\d+: Aliases exceeded maxAliases \(1000\)$/);
});

Deno.test("hostile: a few aliases are fine", async () => {
  const { roster } = await loadFrom({ "x.yaml": "label: &name Tool\nbinary: *name\n" });
  assert.equal(configOf(roster, "x").binary, "Tool");
});

Deno.test("hostile: deep nesting is refused", async () => {
  const { error, message } = await loadError({
    "x.yaml": `label: ${"[".repeat(200)}${"]".repeat(200)}\n`,
  });
  assert.ok(error instanceof RosterSyntaxError);
  assert.equal(message, "<tmp>/base/x.yaml:1:71: Nesting exceeded maxDepth (64)");
});

Deno.test("hostile: a 10 MB file is refused before it is read", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/base`);
    const size = 10 * 1024 * 1024;
    const bytes = new Uint8Array(size).fill(0x78);
    bytes.set(new TextEncoder().encode("label: "));
    await Deno.writeFile(`${dir}/base/big.yaml`, bytes);
    await assert.rejects(
      () => loadRoster({ rosterDir: `${dir}/base` }),
      (error: unknown) => {
        assert.ok(error instanceof RosterFileError);
        assert.equal(
          error.message,
          `${dir}/base/big.yaml: Is too large (${size} bytes; a roster file may have at most 1048576)`,
        );
        return true;
      },
    );
  });
});

Deno.test("hostile: a file just at the size bound is read", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/base`);
    const head = "kind: tool\n";
    const text = head + "#".repeat(1024 * 1024 - head.length - 1) + "\n";
    await Deno.writeTextFile(`${dir}/base/edge.yaml`, text);
    const roster = await loadRoster({ rosterDir: `${dir}/base` });
    assert.equal(roster.version === 1 && roster.entries[0]?.config.kind, "tool");
  });
});

Deno.test("hostile: bytes that are not UTF-8 are refused", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/base`);
    await Deno.writeFile(
      `${dir}/base/x.yaml`,
      new Uint8Array([0x6c, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
    );
    await assert.rejects(
      () => loadRoster({ rosterDir: `${dir}/base` }),
      (error: unknown) =>
        error instanceof RosterFileError &&
        error.message === `${dir}/base/x.yaml: Is not valid UTF-8 text`,
    );
  });
});

Deno.test("hostile: a UTF-8 byte order mark is accepted", async () => {
  const { roster } = await loadFrom({ "x.yaml": "\uFEFFkind: tool\n" });
  assert.equal(configOf(roster, "x").kind, "tool");
});

Deno.test("hostile: a *.yaml that is a directory, a FIFO or a device is refused by name", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/a/x.yaml`, { recursive: true });
    await Deno.mkdir(`${dir}/b`);
    const fifo = await new Deno.Command("mkfifo", { args: [`${dir}/b/x.yaml`] }).output();
    assert.equal(fifo.code, 0);
    await Deno.mkdir(`${dir}/c`);
    await Deno.symlink("/dev/zero", `${dir}/c/x.yaml`);
    for (const sub of ["a", "b", "c"]) {
      await assert.rejects(
        () => loadRoster({ rosterDir: `${dir}/${sub}` }),
        (error: unknown) =>
          error instanceof RosterFileError &&
          error.message === `${dir}/${sub}/x.yaml: Is not a regular file`,
        sub,
      );
    }
  });
});

Deno.test("hostile: a dangling symlink named *.yaml is refused by name", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/user`);
    await Deno.symlink(`${dir}/nowhere`, `${dir}/user/x.yaml`);
    await assert.rejects(
      () => loadRoster({ userDir: `${dir}/user` }),
      (error: unknown) =>
        error instanceof RosterFileError &&
        error.message === `${dir}/user/x.yaml: Does not exist (any more)`,
    );
  });
});

Deno.test("hostile: prototype keys are refused anywhere in a file", async () => {
  for (const key of ["__proto__", "constructor", "prototype"]) {
    const texts = [
      `${key}:\n  polluted: true\n`,
      `vault:\n  ${key}: {polluted: true}\n`,
      `${ROUTED}  shared_config_patch:\n    a:\n      ${key}: {polluted: true}\n`,
      `kind: tool\nmounts:\n  - {"${key}": x}\n`,
    ];
    for (const text of texts) {
      const { error, message } = await loadError({ "x.yaml": text });
      assert.ok(error instanceof RosterSyntaxError, message);
      assert.match(message, new RegExp(`: The key "${key}" is not allowed$`));
    }
    const overridden = await loadError(undefined, { "claude.yaml": `${key}: {polluted: true}\n` });
    assert.match(overridden.message, /^<tmp>\/user\/claude\.yaml:1:1: The key/);
  }
  assertPrototypesClean();
});

Deno.test("hostile: entries named like prototype keys stay plain data", async () => {
  const { roster } = await loadFrom({
    "__proto__.yaml": ROUTED.replace("route_prefix: p", "route_prefix: a"),
    "constructor.yaml": ROUTED.replace("route_prefix: p", "route_prefix: b"),
    "hasOwnProperty.yaml": ROUTED.replace("route_prefix: p", "route_prefix: c"),
  });
  const text = routesJson(roster);
  assert.equal(
    text,
    '{\n  "__proto__": {\n    "upstream": "https://api.example.test",\n' +
      '    "auth_header": "Authorization",\n    "auth_prefix": "Bearer "\n  },\n' +
      '  "constructor": {\n    "upstream": "https://api.example.test",\n' +
      '    "auth_header": "Authorization",\n    "auth_prefix": "Bearer "\n  },\n' +
      '  "hasOwnProperty": {\n    "upstream": "https://api.example.test",\n' +
      '    "auth_header": "Authorization",\n    "auth_prefix": "Bearer "\n  }\n}\n',
  );
  const parsed = JSON.parse(text);
  assert.deepEqual(Object.keys(parsed), ["__proto__", "constructor", "hasOwnProperty"]);
  assertPrototypesClean();
});

Deno.test("hostile: a user file named constructor.yaml is a new entry, not a base lookup", async () => {
  const { roster } = await loadFrom(undefined, { "constructor.yaml": "kind: tool\n" });
  const entry = roster.entries.find((candidate) => candidate.name === "constructor");
  assert.equal(entry?.files.length, 1);
  assert.equal(entry?.config.kind, "tool");
});

Deno.test("hostile: merging data with own __proto__ keys never touches a prototype", () => {
  const base = JSON.parse('{"a": {"__proto__": {"polluted": 1}}, "b": 1}');
  const override = JSON.parse('{"__proto__": {"polluted": 2}, "a": {"__proto__": {"x": 1}}}');
  const { document } = mergeDocuments(base, override);
  assert.deepEqual(Object.keys(document), ["a", "b", "__proto__"]);
  assert.equal(Object.getPrototypeOf(document), Object.prototype);
  assert.equal(Object.getPrototypeOf(document.a), Object.prototype);
  assert.deepEqual(Object.getOwnPropertyDescriptor(document, "__proto__")?.value, { polluted: 2 });
  assertPrototypesClean();
});

Deno.test("hostile: a broken user file is an error, never skipped", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(`${dir}/user`, { "x.yaml": "kind: [\n" });
    await assert.rejects(() => loadRoster({ userDir: `${dir}/user` }), RosterSyntaxError);
  });
});

Deno.test("hostile: js-yaml's default mapTag keeps __proto__ as an own key (we refuse it)", async () => {
  // Why the loader installs its own mapping tag: the default is safe in itself but hands over
  // an own "__proto__" key, which any later copy by plain assignment would have to handle (Deno
  // happens to lack the Object.prototype.__proto__ accessor; other runtimes have it).
  const { load } = await import("js-yaml");
  const value = load("__proto__: {polluted: true}\n") as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ["__proto__"]);
  const { error } = await loadError({ "x.yaml": "__proto__: {polluted: true}\n" });
  assert.ok(error instanceof RosterSyntaxError);
  assertPrototypesClean();
});
