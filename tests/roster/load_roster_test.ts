import assert from "node:assert/strict";
import { loadRoster, RosterFileError } from "../../src/roster/mod.ts";
import type { RosterNotice } from "../../src/roster/mod.ts";
import {
  configOf,
  loadError,
  loadFrom,
  V1_DEFAULT_DIR,
  withTempDir,
  writeFiles,
} from "./_helpers.ts";

Deno.test("load: the built-in roster is version 3: providers and agents in name order", async () => {
  const roster = await loadRoster();
  assert.equal(roster.version, 3);
  if (roster.version !== 3) return;
  assert.deepEqual(roster.providers.map((provider) => provider.name), [
    "anthropic",
    "blablador",
    "coderabbit",
    "github",
    "gitlab",
    "kisski",
    "mistral",
    "openai",
    "openrouter",
    "sonarcloud",
  ]);
  assert.deepEqual(roster.agents.map((agent) => [agent.name, agent.config.kind]), [
    ["caddy", "infra"],
    ["claude", "native"],
    ["coderabbit", "tool"],
    ["codex", "native"],
    ["copilot", "native"],
    ["gh", "tool"],
    ["glab", "tool"],
    ["opencode", "harness"],
    ["pi", "harness"],
    ["sonar", "tool"],
    ["toad", "frontend"],
    ["vibe", "native"],
  ]);
  const claude = roster.agents.find((agent) => agent.name === "claude");
  assert.deepEqual(claude?.files, ["<built-in>/agents/claude.yaml"]);
  assert.equal(claude?.config.provider?.default, "anthropic");
  assert.deepEqual(roster.providers[0]?.files, ["<built-in>/providers/anthropic.yaml"]);
});

Deno.test("load: a version-1 --roster, entries in name order with derived facts", async () => {
  const roster = await loadRoster({ rosterDir: V1_DEFAULT_DIR });
  assert.equal(roster.version, 1);
  if (roster.version !== 1) return;
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
  assert.deepEqual(byName.get("claude")?.files, [`${V1_DEFAULT_DIR}/claude.yaml`]);
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
  const missing = await loadRoster({
    userDir: "/nonexistent/terok/agents",
    userProvidersDir: "/nonexistent/terok/providers",
  });
  const none = await loadRoster({ userDir: null, userProvidersDir: null });
  assert.equal(missing.version === 3 && missing.providers.length, 10);
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

Deno.test("load: roster_version is stripped; 0 and 1 read as version 1, non-integer warns", async () => {
  const { roster, notices } = await loadFrom({
    "a.yaml": "roster_version: 1\nkind: tool\n",
    "b.yaml": "roster_version: 0\nkind: tool\n",
    "d.yaml": "roster_version: one\nkind: tool\n",
    "e.yaml": "kind: tool\nroster_version: [1]\n",
  });
  assert.deepEqual(roster.entries.map((entry) => entry.name), ["a", "b", "d", "e"]);
  assert.deepEqual(configOf(roster, "a"), { kind: "tool", mounts: [], web_ingress: false });
  const shown = notices.map((notice) => ({ ...notice, file: notice.file.replace(/^.*\//, "") }));
  assert.deepEqual(shown, [
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

Deno.test("load: roster_version 2 or higher in a version-1 roster is a mix error", async () => {
  const mix = (version: number) =>
    `roster_version: Version ${version} met version 1: this is a providers-based file ` +
    "(version 2 or 3), but the --roster directory is version 1 (agents only); the two " +
    "cannot be mixed";
  assert.equal(
    (await loadError({ "c.yaml": "roster_version: 2\nkind: tool\n" })).message,
    `<tmp>/base/c.yaml:1:17: ${mix(2)}`,
  );
  assert.equal(
    (await loadError({ "a.yaml": "kind: tool\n" }, { "u.yaml": "kind: tool\nroster_version: 3\n" }))
      .message,
    `<tmp>/user/u.yaml:2:17: ${mix(3)}`,
  );
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

Deno.test("load: an empty user file does not disturb the base entry", async () => {
  const { roster } = await loadFrom(undefined, { "claude.yaml": "" });
  const claude = roster.entries.find((entry) => entry.name === "claude");
  assert.equal(claude?.files.length, 1);
  assert.match(claude?.files[0] ?? "", /\/base\/claude\.yaml$/);
  await withTempDir(async (dir) => {
    await writeFiles(`${dir}/agents`, { "claude.yaml": "" });
    await writeFiles(`${dir}/providers`, { "anthropic.yaml": "# nothing\n" });
    const v3 = await loadRoster({ userDir: `${dir}/agents`, userProvidersDir: `${dir}/providers` });
    assert.equal(v3.version, 3);
    if (v3.version !== 3) return;
    const agent = v3.agents.find((entry) => entry.name === "claude");
    assert.deepEqual(agent?.files, ["<built-in>/agents/claude.yaml"]);
    assert.deepEqual(v3.providers[0]?.files, ["<built-in>/providers/anthropic.yaml"]);
    assert.deepEqual(v3, await loadRoster());
  });
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
    assert.equal(roster.version, 1);
    if (roster.version !== 1) return;
    assert.deepEqual(roster.entries.map((entry) => [entry.name, entry.config.label, entry.files]), [
      ["a", "B", [`${dir}/base/a.yaml`, `${dir}/user/a.yaml`]],
      ["b", undefined, [`${dir}/user/b.yaml`]],
    ]);
  });
});

Deno.test("load: a newer roster_version (4) warns and drops keys version 3 does not know", async () => {
  await withTempDir(async (dir) => {
    await writeFiles(`${dir}/agents`, {
      "n.yaml": "roster_version: 4\nkind: tool\nfuture_section: {x: 1}\nhelp:\n  label: N\n" +
        "  future_flag: true\n",
    });
    const notices: RosterNotice[] = [];
    const roster = await loadRoster({
      userDir: `${dir}/agents`,
      onNotice: (notice) => notices.push(notice),
    });
    assert.equal(roster.version, 3);
    if (roster.version !== 3) return;
    assert.deepEqual(roster.agents.find((agent) => agent.name === "n")?.config, {
      kind: "tool",
      help: { label: "N", section: "agent" },
      mounts: [],
      web_ingress: false,
    });
    assert.deepEqual(notices, [{
      level: "warning",
      file: `${dir}/agents/n.yaml`,
      message: "roster_version 4 is newer than the supported version 3; fields may be ignored",
    }]);
  });
});
