// Copyright the terok-vault authors. MIT license.
/**
 * `clean` keeps what it removes, `clean --strip` keeps the config, `quarantine list|restore|
 * purge`: through the real CLI on the built-in roster, with exact outcomes on disk.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { isEvent, startWatch } from "./_watch_cli.ts";

const ID = /\d{8}T\d{6}Z-[0-9a-f]{6}/;

async function withBase(fn: (base: string, mounts: string) => Promise<void>): Promise<void> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-quarantine-" }));
  try {
    await Deno.mkdir(`${base}/mounts`);
    await fn(base, `${base}/mounts`);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
}

async function put(path: string, text: string, mode: number): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, text);
  await Deno.chmod(path, mode);
}

const vault = (mounts: string, ...args: string[]) =>
  runVault([...args, "--mounts-dir", mounts, ...(args[0] === "quarantine" ? [] : ["--no-user"])]);

interface Listed {
  id: string;
  provider: string;
  original_path: string;
  mode: number;
  size: number;
  action: string;
  path: string;
  stripped?: string[];
  evidence: { fingerprint: string | null; redacted: string }[];
}

async function listed(mounts: string): Promise<Listed[]> {
  const run = await vault(mounts, "quarantine", "list", "--json");
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout).entries;
}

/** A `.claude.json` as Claude Code writes it after a Console login and `claude mcp add -e`. */
function claudeConfig(apiKey: string, mcpToken: string): string {
  return [
    "{",
    '  "numStartups": 12,',
    '  "installMethod": "native",',
    `  "primaryApiKey": "${apiKey}",`,
    '  "mcpServers": {',
    '    "sentry": {',
    '      "type": "stdio",',
    '      "command": "npx",',
    '      "args": ["-y", "@sentry/mcp-server"],',
    '      "env": {',
    `        "SENTRY_AUTH_TOKEN": "${mcpToken}",`,
    '        "SENTRY_HOST": "sentry.example.invalid"',
    "      }",
    "    }",
    "  },",
    '  "projects": {',
    '    "/home/dev/work": {',
    '      "allowedTools": [],',
    '      "mcpServers": {',
    `        "gh": {"command": "gh-mcp", "env": {"GITHUB_TOKEN": "${mcpToken}x"}}`,
    "      },",
    '      "hasTrustDialogAccepted": true',
    "    }",
    "  },",
    '  "hasCompletedOnboarding": true',
    "}",
    "",
  ].join("\n");
}

Deno.test("clean --strip takes exactly the secrets out of .claude.json and keeps the original", async () => {
  await withBase(async (_base, mounts) => {
    const apiKey = fakeToken("anthropic-api-key");
    const mcpToken = `FAKE-TEST-sentry-${"9".repeat(20)}`;
    const original = claudeConfig(apiKey, mcpToken);
    const path = `${mounts}/_claude-config/.claude.json`;
    await put(path, original, 0o640);
    const scan = await vault(mounts, "scan");
    assert.equal(scan.code, 1, scan.stderr);
    for (const strip of [["clean", "--strip"], ["clean"]]) {
      const run = await vault(mounts, ...strip);
      assertNoSecretLeak(run.stdout + run.stderr, [apiKey, mcpToken]);
      if (strip.length === 1) {
        // Already stripped: nothing left to do.
        assert.deepEqual(run, {
          code: 0,
          stdout: "No leaked credential files found.\n",
          stderr: "",
        });
        continue;
      }
      assert.equal(run.code, 0, run.stderr);
      const id = ID.exec(run.stdout)?.[0];
      const kept =
        `${mounts}/.terok-vault-${Deno.uid()}/quarantine/${id}/_claude-config/.claude.json`;
      assert.equal(
        run.stdout.split("\n")[0],
        `Stripped claude: ${path} (removed primaryApiKey, mcpServers.sentry.env.SENTRY_AUTH_TOKEN, ` +
          `projects./home/dev/work.mcpServers.gh.env.GITHUB_TOKEN); the original is in quarantine ` +
          `${id}: ${kept}`,
      );
      assert.equal(await Deno.readTextFile(kept), original);
      assert.equal((await Deno.lstat(kept)).mode! & 0o777, 0o600);
    }
    const stripped = await Deno.readTextFile(path);
    // Every other field as it was, byte for byte; no secret in it; its mode kept.
    const expected = original
      .replace(`  "primaryApiKey": "${apiKey}",\n`, "")
      .replace(`        "SENTRY_AUTH_TOKEN": "${mcpToken}",\n`, "")
      .replace(`, "env": {"GITHUB_TOKEN": "${mcpToken}x"}}`, ', "env": {}}');
    assert.equal(stripped, expected);
    assertNoSecretLeak(stripped, [apiKey, mcpToken]);
    assert.equal((await Deno.lstat(path)).mode! & 0o777, 0o640);
    const [entry] = await listed(mounts);
    assert.equal(entry?.action, "stripped");
    assert.deepEqual(entry?.stripped, [
      "primaryApiKey",
      "mcpServers.sentry.env.SENTRY_AUTH_TOKEN",
      "projects./home/dev/work.mcpServers.gh.env.GITHUB_TOKEN",
    ]);
    // Restoring where the stripped copy now is: refused, with one message.
    const refused = await vault(mounts, "quarantine", "restore", entry!.id);
    assert.deepEqual(refused, {
      code: 1,
      stdout: "",
      stderr: `terok-vault: error: '${path}' exists (the stripped copy clean left); nothing ` +
        "restored (move it away first, or restore with --to DIR)\n",
    });
  });
});

Deno.test(".claude.json without a secret is a config, not a leak, and clean leaves it alone", async () => {
  await withBase(async (_base, mounts) => {
    const path = `${mounts}/_claude-config/.claude.json`;
    const text = '{"numStartups": 3, "theme": "dark", "oauthAccount": {"emailAddress": "a@b.c"}}\n';
    await put(path, text, 0o600);
    for (const command of ["scan", "clean"]) {
      assert.deepEqual(await vault(mounts, command), {
        code: 0,
        stdout: "No leaked credential files found.\n",
        stderr: "",
      });
    }
    assert.equal(await Deno.readTextFile(path), text);
  });
});

/** One leak per credential file of the built-in roster, each in its own format and mode. */
const PLANTED: string[] = [];
function planted(ruleId: string): string {
  const token = fakeToken(ruleId);
  PLANTED.push(token);
  return token;
}

function leaksOfEveryFormat(): Record<string, [text: string, mode: number]> {
  return {
    "_blablador-config/config.json": [`{"api_key": "${planted("openai-api-key")}"}`, 0o600],
    "_claude-config/.credentials.json": [
      JSON.stringify({ claudeAiOauth: { accessToken: planted("claude-oauth-access-token") } }),
      0o600,
    ],
    "_codex-config/auth.json": [`{"OPENAI_API_KEY": "${planted("openai-api-key")}"}\n`, 0o640],
    "_gh-config/hosts.yml": [`github.com:\n  oauth_token: ${planted("github-token")}\n`, 0o644],
    "_glab-config/config.yml": [
      `hosts:\n  gitlab.com:\n    token: ${planted("gitlab-token")}\n`,
      0o400,
    ],
    "_kisski-config/config.json": [`{"key": "${planted("openai-api-key")}"}`, 0o604],
    "_openrouter-config/config.json": [`{"k": "${planted("openrouter-api-key")}"}`, 0o660],
    "_vibe-config/.env": [`MISTRAL_API_KEY=FAKE-TEST-mistral-value\n`, 0o600],
  };
}

Deno.test("clean then restore gives every credential format its bytes and mode back", async () => {
  await withBase(async (_base, mounts) => {
    const files = leaksOfEveryFormat();
    for (const [path, [text, mode]] of Object.entries(files)) {
      await put(`${mounts}/${path}`, text, mode);
    }
    const clean = await vault(mounts, "clean", "--json");
    assert.equal(clean.code, 0, clean.stderr);
    const report = JSON.parse(clean.stdout);
    assert.equal(report.removed.length, 8);
    for (const removed of report.removed) {
      assert.match(removed.quarantine.id, ID);
      assert.equal(
        await Deno.readTextFile(removed.quarantine.path),
        files[removed.path.slice(mounts.length + 1)]![0],
      );
    }
    for (const path of Object.keys(files)) {
      await assert.rejects(Deno.lstat(`${mounts}/${path}`), Deno.errors.NotFound);
    }
    // What the quarantine keeps is out of every container's reach, and out of the deep scan's.
    const deep = await vault(mounts, "scan", "--deep");
    assert.equal(deep.code, 0, deep.stdout + deep.stderr);
    const entries = await listed(mounts);
    assert.deepEqual(
      entries.map((e) => [e.original_path, e.mode, e.size, e.action]).sort(),
      Object.entries(files).map((
        [path, [text, mode]],
      ) => [`${mounts}/${path}`, mode, text.length, "removed"])
        .sort(),
    );
    // The list prints no secret, only the redacted forms.
    const text = await vault(mounts, "quarantine", "list");
    assert.equal(text.code, 0);
    assertNoSecretLeak(text.stdout, PLANTED);
    for (const entry of entries) {
      const run = await vault(mounts, "quarantine", "restore", entry.id);
      const mode = entry.mode.toString(8).padStart(4, "0");
      assert.deepEqual(run, {
        code: 0,
        stdout: `Restored ${entry.id} to ${entry.original_path} (mode ${mode}).\n`,
        stderr: "",
      });
    }
    for (const [path, [text, mode]] of Object.entries(files)) {
      assert.equal(await Deno.readTextFile(`${mounts}/${path}`), text, path);
      assert.equal((await Deno.lstat(`${mounts}/${path}`)).mode! & 0o7777, mode, path);
    }
    assert.deepEqual(await listed(mounts), []);
    assert.deepEqual(await vault(mounts, "quarantine", "list"), {
      code: 0,
      stdout: "The quarantine is empty.\n",
      stderr: "",
    });
  });
});

Deno.test("clean removes nothing it could not keep, unless --delete", async () => {
  await withBase(async (_base, mounts) => {
    const path = `${mounts}/_codex-config/auth.json`;
    const text = `{"OPENAI_API_KEY": "${fakeToken("openai-api-key")}"}`;
    await put(path, text, 0o600);
    // A quarantine open to other users is not used.
    await Deno.mkdir(`${mounts}/.terok-vault-${Deno.uid()}/quarantine`, {
      recursive: true,
      mode: 0o700,
    });
    await Deno.chmod(`${mounts}/.terok-vault-${Deno.uid()}/quarantine`, 0o755);
    await Deno.writeTextFile(`${mounts}/.terok-vault-${Deno.uid()}/quarantine/note`, "not ours\n");
    const run = await vault(mounts, "clean");
    assert.deepEqual(run, {
      code: 1,
      stdout: "",
      stderr: `terok-vault: error: could not remove 'codex' ${path}: the quarantine cannot be ` +
        `used: '${mounts}/.terok-vault-${Deno.uid()}/quarantine' is open to other users; not removed (nothing is ` +
        "removed that was not kept)\n",
    });
    assert.equal(await Deno.readTextFile(path), text);
    const deleted = await vault(mounts, "clean", "--delete");
    assert.equal(deleted.code, 0, deleted.stderr);
    assert.equal(deleted.stdout.split("\n")[0], `Removed codex: ${path}`);
    await assert.rejects(Deno.lstat(path), Deno.errors.NotFound);
  });
});

Deno.test("restore only where nothing exists, --to another dir, purge by id and by age", async () => {
  await withBase(async (base, mounts) => {
    const path = `${mounts}/_vibe-config/.env`;
    const text = "MISTRAL_API_KEY=FAKE-TEST-mistral-value\n";
    await put(path, text, 0o640);
    assert.equal((await vault(mounts, "clean")).code, 0);
    const [entry] = await listed(mounts);
    await put(path, "MISTRAL_API_KEY=\n", 0o600);
    assert.deepEqual(await vault(mounts, "quarantine", "restore", entry!.id), {
      code: 1,
      stdout: "",
      stderr: `terok-vault: error: '${path}' exists; nothing restored (move it away first, or ` +
        "restore with --to DIR)\n",
    });
    assert.equal(await Deno.readTextFile(path), "MISTRAL_API_KEY=\n");
    // A symlink in its place refuses too (it is never followed).
    await Deno.remove(path);
    await Deno.symlink(`${base}/elsewhere`, path);
    assert.equal((await vault(mounts, "quarantine", "restore", entry!.id)).code, 1);
    await assert.rejects(Deno.lstat(`${base}/elsewhere`), Deno.errors.NotFound);
    // --to inside the mounts is refused; outside it works.
    const inside = await vault(
      mounts,
      "quarantine",
      "restore",
      entry!.id,
      "--to",
      `${mounts}/_vibe-config`,
    );
    assert.equal(inside.code, 1);
    assert.match(
      inside.stderr,
      /lies in the mounts dir, where a container could redirect the restore/,
    );
    await Deno.mkdir(`${base}/backup`);
    const to = await vault(mounts, "quarantine", "restore", entry!.id, "--to", `${base}/backup`);
    assert.deepEqual(to, {
      code: 0,
      stdout: `Restored ${entry!.id} to ${base}/backup/.env (mode 0640).\n`,
      stderr: "",
    });
    assert.equal(await Deno.readTextFile(`${base}/backup/.env`), text);
    assert.deepEqual(await vault(mounts, "quarantine", "restore", entry!.id), {
      code: 1,
      stdout: "",
      stderr: `terok-vault: error: no quarantine entry "${
        entry!.id
      }" (quarantine list shows them)\n`,
    });
    // Purge: by id, and everything older than 0 days.
    await Deno.remove(path);
    await put(path, text, 0o600);
    assert.equal((await vault(mounts, "clean")).code, 0);
    await put(path, text, 0o600);
    assert.equal((await vault(mounts, "clean")).code, 0);
    const [first, second] = await listed(mounts);
    assert.deepEqual(await vault(mounts, "quarantine", "purge", first!.id), {
      code: 0,
      stdout: `Purged ${first!.id}.\n`,
      stderr: "",
    });
    assert.deepEqual(await vault(mounts, "quarantine", "purge", "--older-than", "1"), {
      code: 0,
      stdout: "Nothing to purge.\n",
      stderr: "",
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.deepEqual(await vault(mounts, "quarantine", "purge", "--older-than", "0"), {
      code: 0,
      stdout: `Purged ${second!.id}.\n`,
      stderr: "",
    });
    assert.deepEqual(await listed(mounts), []);
  });
});

Deno.test("clean --strip rewrites a JSON or dotenv credential file and moves a YAML one", async () => {
  await withBase(async (_base, mounts) => {
    const codex = `{\n  "auth_mode": "apikey",\n  "OPENAI_API_KEY": "${
      fakeToken("openai-api-key")
    }"\n}\n`;
    const gh = `github.com:\n  oauth_token: ${fakeToken("github-token")}\n`;
    const env = "EDITOR=vi\nMISTRAL_API_KEY=FAKE-TEST-mistral-value\n";
    await put(`${mounts}/_codex-config/auth.json`, codex, 0o600);
    await put(`${mounts}/_gh-config/hosts.yml`, gh, 0o600);
    await put(`${mounts}/_vibe-config/.env`, env, 0o600);
    const run = await vault(mounts, "clean", "--strip", "--json");
    assert.equal(run.code, 0, run.stderr);
    const removed = JSON.parse(run.stdout).removed as { provider: string; stripped?: string[] }[];
    assert.deepEqual(removed.map((r) => [r.provider, r.stripped ?? null]), [
      ["codex", ["OPENAI_API_KEY"]],
      ["gh", null],
      ["vibe", ["MISTRAL_API_KEY"]],
    ]);
    assert.equal(
      await Deno.readTextFile(`${mounts}/_codex-config/auth.json`),
      '{\n  "auth_mode": "apikey"\n}\n',
    );
    assert.equal(await Deno.readTextFile(`${mounts}/_vibe-config/.env`), "EDITOR=vi\n");
    await assert.rejects(Deno.lstat(`${mounts}/_gh-config/hosts.yml`), Deno.errors.NotFound);
    assert.equal((await listed(mounts)).length, 3);
  });
});

Deno.test("watch --clean --strip strips a .claude.json as it appears and says which entry keeps it", async () => {
  await withBase(async (_base, mounts) => {
    const apiKey = fakeToken("anthropic-api-key");
    const path = `${mounts}/_claude-config/.claude.json`;
    await Deno.mkdir(`${mounts}/_claude-config`);
    const watch = startWatch(["--mounts-dir", mounts, "--no-user", "--clean", "--strip", "--json"]);
    let line: string;
    try {
      await watch.waitFor(isEvent("rescan"));
      await put(path, `{\n  "theme": "dark",\n  "primaryApiKey": "${apiKey}"\n}\n`, 0o600);
      line = await watch.waitFor(isEvent("removed", path));
    } finally {
      assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
    }
    assertNoSecretLeak(watch.stdout() + watch.stderr(), [apiKey]);
    const event = JSON.parse(line);
    assert.match(event.quarantine, ID);
    assert.equal(await Deno.readTextFile(path), '{\n  "theme": "dark"\n}\n');
    const kept =
      `${mounts}/.terok-vault-${Deno.uid()}/quarantine/${event.quarantine}/_claude-config/.claude.json`;
    assert.equal(
      await Deno.readTextFile(kept),
      `{\n  "theme": "dark",\n  "primaryApiKey": "${apiKey}"\n}\n`,
    );
  });
});
