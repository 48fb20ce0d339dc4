import assert from "node:assert/strict";
import { loadRoster, RosterFileError } from "../../src/roster/mod.ts";
import type { RosterNotice } from "../../src/roster/mod.ts";
import { DEFAULT_ROSTER } from "../../src/roster/_default_roster.ts";
import { configOf, loadError, loadFrom, withTempDir, writeFiles } from "./_helpers.ts";

Deno.test("load: the built-in roster, entries in name order with derived facts", async () => {
  const roster = await loadRoster();
  const names = roster.entries.map((entry) => entry.name);
  assert.deepEqual(names, [
    "blablador",
    "caddy",
    "claude",
    "coderabbit",
    "codex",
    "copilot",
    "gh",
    "glab",
    "kisski",
    "opencode",
    "openrouter",
    "sonar",
    "toad",
    "vibe",
  ]);
  const byName = new Map(roster.entries.map((entry) => [entry.name, entry]));
  assert.deepEqual(byName.get("claude")?.files, ["<built-in>/claude.yaml"]);
  assert.deepEqual(byName.get("claude")?.authProvider, {
    hostDir: "_claude-config",
    containerMount: "/home/dev/.claude",
    derived: false,
  });
  assert.deepEqual(byName.get("kisski")?.authProvider, {
    hostDir: "_kisski-config",
    containerMount: null,
    derived: true,
  });
  assert.equal(byName.get("opencode")?.authProvider, null);
  assert.equal(byName.get("copilot")?.vaultRoute, null);
  assert.equal(byName.get("claude")?.vaultRoute, byName.get("claude")?.config.vault);
  const agents = roster.entries.filter((entry) => entry.isAgent).map((entry) => entry.name);
  assert.deepEqual(agents, [
    "blablador",
    "claude",
    "codex",
    "copilot",
    "kisski",
    "opencode",
    "openrouter",
    "vibe",
  ]);
});

Deno.test("load: a missing user dir is empty; userDir null means no overrides", async () => {
  const missing = await loadRoster({ userDir: "/nonexistent/terok/agents" });
  const none = await loadRoster({ userDir: null });
  assert.equal(missing.entries.length, DEFAULT_ROSTER.length);
  assert.deepEqual(missing, none);
});

Deno.test("load: --roster replaces the built-in roster; only *.yaml count, in name order", async () => {
  const { roster } = await loadFrom({
    "b.yaml": "kind: tool\n",
    "a.yaml": "kind: runtime\n",
    "c.yml": "kind: nonsense\n",
    "d.YAML": "kind: nonsense\n",
    "notes.txt": "not yaml",
    "B.yaml": "kind: bridge\n",
    "a.yaml.bak": "kind: nonsense\n",
  });
  assert.deepEqual(roster.entries.map((entry) => entry.name), ["B", "a", "b"]);
});

Deno.test("load: a missing --roster dir is an error naming it", async () => {
  await assert.rejects(
    () => loadRoster({ rosterDir: "/nonexistent/roster" }),
    (error: unknown) => {
      assert.ok(error instanceof RosterFileError);
      assert.equal(error.message, "/nonexistent/roster: The roster directory does not exist");
      return true;
    },
  );
});

Deno.test("load: a user dir that is a file is an error naming it", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/agents`, "");
    await assert.rejects(
      () => loadRoster({ userDir: `${dir}/agents` }),
      (error: unknown) =>
        error instanceof RosterFileError &&
        error.message === `${dir}/agents: Is not a directory`,
    );
  });
});

Deno.test("load: roster_version is stripped; newer warns, non-integer warns", async () => {
  const { roster, notices } = await loadFrom({
    "a.yaml": "roster_version: 1\nkind: tool\n",
    "b.yaml": "roster_version: 0\nkind: tool\n",
    "c.yaml": "roster_version: 2\nkind: tool\n",
    "d.yaml": "roster_version: one\nkind: tool\n",
    "e.yaml": "kind: tool\nroster_version: [1]\n",
  });
  assert.deepEqual(roster.entries.map((entry) => entry.name), ["a", "b", "c", "d", "e"]);
  assert.deepEqual(configOf(roster, "c"), { kind: "tool", mounts: [], web_ingress: false });
  const shown = notices.map((notice) => ({ ...notice, file: notice.file.replace(/^.*\//, "") }));
  assert.deepEqual(shown, [
    {
      level: "warning",
      file: "c.yaml",
      message: "roster_version 2 is newer than the supported version 1; fields may be ignored",
    },
    {
      level: "warning",
      file: "d.yaml",
      message: 'roster_version is "one", not an integer; reading the file as version 1',
    },
    {
      level: "warning",
      file: "e.yaml",
      message: "roster_version is a list, not an integer; reading the file as version 1",
    },
  ]);
});

Deno.test("load: empty files and files with only roster_version contribute nothing", async () => {
  const { roster, notices } = await loadFrom({
    "a.yaml": "",
    "b.yaml": "# only a comment\n",
    "c.yaml": "roster_version: 1\n",
    "d.yaml": "---\n",
    "e.yaml": "~\n",
    "f.yaml": "kind: tool\n",
  });
  assert.deepEqual(roster.entries.map((entry) => entry.name), ["f"]);
  const shown = notices.map((notice: RosterNotice) => [
    notice.level,
    notice.file.replace(/^.*\//, ""),
    notice.message,
  ]);
  assert.deepEqual(shown, [
    ["info", "a.yaml", "The file is empty; skipped"],
    ["info", "b.yaml", "The file is empty; skipped"],
    ["info", "c.yaml", "The file holds only roster_version; skipped"],
    ["info", "d.yaml", "The file is empty; skipped"],
    ["info", "e.yaml", "The file is empty; skipped"],
  ]);
});

Deno.test("load: an empty user file does not disturb the built-in entry", async () => {
  const { roster } = await loadFrom(undefined, { "claude.yaml": "" });
  const claude = roster.entries.find((entry) => entry.name === "claude");
  assert.deepEqual(claude?.files, ["<built-in>/claude.yaml"]);
});

Deno.test("load: an empty --roster dir gives an empty roster", async () => {
  const { roster } = await loadFrom({});
  assert.deepEqual(roster.entries, []);
});

Deno.test("load: a file named .yaml gives an empty entry name and is refused", async () => {
  const { message } = await loadError({ ".yaml": "kind: tool\n" });
  assert.equal(message, "<tmp>/base/.yaml: The file name gives an empty entry name");
});

Deno.test("load: the error reported for several bad files is the first by name", async () => {
  const { message } = await loadError({
    "b.yaml": "kind: x\n",
    "a.yaml": "label: [\n",
    "c.yaml": "nope: 1\n",
  });
  assert.match(message, /^<tmp>\/base\/a\.yaml:/);
});

Deno.test("load: user files with the same name as --roster files merge onto them", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(`${dir}/base`, { "a.yaml": "kind: tool\nlabel: A\n" });
    await writeFiles(`${dir}/user`, { "a.yaml": "label: B\n", "b.yaml": "kind: runtime\n" });
    const roster = await loadRoster({ rosterDir: `${dir}/base`, userDir: `${dir}/user` });
    assert.deepEqual(roster.entries.map((entry) => [entry.name, entry.config.label, entry.files]), [
      ["a", "B", [`${dir}/base/a.yaml`, `${dir}/user/a.yaml`]],
      ["b", undefined, [`${dir}/user/b.yaml`]],
    ]);
  });
});

Deno.test("load: a newer roster_version drops keys this version does not know", async () => {
  const { roster } = await loadFrom({
    "n.yaml": "roster_version: 2\nkind: tool\nfuture_section: {x: 1}\nhelp:\n  label: N\n" +
      "  future_flag: true\n",
  });
  assert.deepEqual(configOf(roster, "n"), {
    kind: "tool",
    help: { label: "N", section: "agent" },
    mounts: [],
    web_ingress: false,
  });
});

Deno.test("load: a newer override drops only its own unknown keys, not the base's typos", async () => {
  const { roster } = await loadFrom(undefined, {
    "claude.yaml": "roster_version: 2\nlabel: Claude (site)\nfuture_section: true\n",
  });
  assert.equal(configOf(roster, "claude").label, "Claude (site)");
  assert.ok(!("future_section" in configOf(roster, "claude")));
  const typo = await loadError({ "t.yaml": "roster_version: 1\nkind: tool\nlabl: T\n" });
  assert.match(typo.message, /t\.yaml:3:1: labl: Unknown key "labl" \(did you mean "label"\?\)$/);
  const rejected = await loadError({
    "s.yaml":
      "roster_version: 2\nvault:\n  route_prefix: s\n  upstream: https://s.example.invalid\n" +
      "  socket_path: /run/x.sock\n",
  });
  assert.match(rejected.message, /s\.yaml:5:3: vault\.socket_path: .*no longer configurable/);
});
