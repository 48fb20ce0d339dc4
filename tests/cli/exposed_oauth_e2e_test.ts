/**
 * End to end through `deno task`: with terok's config.yml (named by TEROK_CONFIG_FILE) saying
 * `experimental: true` and `agent.claude.expose_oauth_token: true`, the real Claude token in
 * the shared mount is reported apart as exposed (exit 0 for it), and neither `clean` (in any
 * mode) nor `watch --clean` touches it; other leaks are handled as ever. Without the setting
 * nothing changes.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { events, isEvent, startWatch } from "../mounts/_watch_cli.ts";

const EXPOSE_CLAUDE = "experimental: true\nagent:\n  claude:\n    expose_oauth_token: true\n";

interface Box {
  dir: string;
  mounts: string;
  /** The Claude credential file terok exposes. */
  claudeFile: string;
  claudeText: string;
  /** Codex's auth.json, a leak either way. */
  codexFile: string;
  access: string;
  refresh: string;
  openai: string;
  env: Record<string, string>;
}

async function withBox(config: string, body: (box: Box) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "terok-vault-exposed-" });
  try {
    const mounts = `${dir}/mounts`;
    await Deno.mkdir(`${mounts}/_claude-config`, { recursive: true });
    await Deno.mkdir(`${mounts}/_codex-config`, { recursive: true });
    const access = fakeToken("claude-oauth-access-token");
    const refresh = fakeToken("claude-oauth-refresh-token");
    const openai = fakeToken("openai-api-key");
    const claudeText = JSON.stringify({
      claudeAiOauth: { accessToken: access, refreshToken: refresh, expiresAt: 1 },
    });
    const claudeFile = `${mounts}/_claude-config/.credentials.json`;
    const codexFile = `${mounts}/_codex-config/auth.json`;
    await Deno.writeTextFile(claudeFile, claudeText, { mode: 0o600 });
    await Deno.writeTextFile(codexFile, JSON.stringify({ OPENAI_API_KEY: openai }), {
      mode: 0o600,
    });
    await Deno.writeTextFile(`${dir}/config.yml`, config);
    const env = { TEROK_CONFIG_FILE: `${dir}/config.yml`, HOME: dir };
    await body({
      dir,
      mounts,
      claudeFile,
      claudeText,
      codexFile,
      access,
      refresh,
      openai,
      env,
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const last4 = (token: string) => token.slice(-4);

function claudeEvidenceLines(box: Box): string[] {
  return [
    `    claude-oauth-access-token at claudeAiOauth.accessToken: sk-ant-oat01-…${
      last4(box.access)
    }`,
    `    claude-oauth-refresh-token at claudeAiOauth.refreshToken: sk-ant-ort01-…${
      last4(box.refresh)
    }`,
  ];
}

const EXPOSED_HEADING = "Credential files exposed on purpose (terok's config.yml: experimental " +
  "and agent.<name>.expose_oauth_token; readable by every container, never removed):";

Deno.test("e2e exposed: scan reports the exposed Claude file apart, not as a leak", async () => {
  await withBox(EXPOSE_CLAUDE, async (box) => {
    await Deno.remove(box.codexFile);
    const args = ["scan", "--no-user", "--mounts-dir", box.mounts];
    const text = await runVault(args, { env: box.env });
    assert.deepEqual(text, {
      code: 0,
      stdout: [
        "No leaked credential files found.",
        EXPOSED_HEADING,
        `  claude: ${box.claudeFile}`,
        ...claudeEvidenceLines(box),
        "",
      ].join("\n"),
      stderr: "",
    });
    const json = await runVault([...args, "--json"], { env: box.env });
    assert.equal(json.code, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.deepEqual(report.leaks, []);
    assert.equal(report.exposed.length, 1);
    assert.equal(report.exposed[0].provider, "claude");
    assert.equal(report.exposed[0].path, box.claudeFile);
    assert.deepEqual(
      report.exposed[0].evidence.map((e: { rule: string; redacted: string }) => e.redacted),
      [`sk-ant-oat01-…${last4(box.access)}`, `sk-ant-ort01-…${last4(box.refresh)}`],
    );
    for (const run of [text, json]) {
      assertNoSecretLeak(run.stdout + run.stderr, [box.access, box.refresh]);
    }
  });
});

Deno.test("e2e exposed: clean, clean --delete and clean --strip leave the exposed file as it is", async () => {
  for (const mode of [[], ["--delete"], ["--strip"]]) {
    await withBox(EXPOSE_CLAUDE, async (box) => {
      const claudeBefore = await Deno.lstat(box.claudeFile);
      const args = ["clean", "--no-user", "--mounts-dir", box.mounts, "--json", ...mode];
      const run = await runVault(args, { env: box.env });
      assert.equal(run.code, 0, `${mode}: ${run.stderr}`);
      const report = JSON.parse(run.stdout);
      // The codex leak is handled as ever; the exposed Claude file is only reported.
      assert.deepEqual(report.removed.map((r: { provider: string }) => r.provider), ["codex"]);
      assert.deepEqual(report.exposed.map((r: { path: string }) => r.path), [box.claudeFile]);
      assert.deepEqual(report.failed, []);
      assert.equal(await Deno.readTextFile(box.claudeFile), box.claudeText, String(mode));
      const claudeAfter = await Deno.lstat(box.claudeFile);
      assert.equal(claudeAfter.ino, claudeBefore.ino);
      assert.equal(claudeAfter.nlink, 1, "no quarantine link to the exposed file");
      assertNoSecretLeak(run.stdout + run.stderr, [box.access, box.refresh, box.openai]);
    });
  }
});

Deno.test("e2e exposed: Claude's .claude.json beside the exposed file is still a leak", async () => {
  await withBox(EXPOSE_CLAUDE, async (box) => {
    await Deno.remove(box.codexFile);
    const apiKey = fakeToken("anthropic-api-key");
    const config = `${box.mounts}/_claude-config/.claude.json`;
    await Deno.writeTextFile(config, JSON.stringify({ primaryApiKey: apiKey }));
    const run = await runVault(["scan", "--no-user", "--mounts-dir", box.mounts, "--json"], {
      env: box.env,
    });
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.leaks.map((l: { path: string }) => l.path), [config]);
    assert.deepEqual(report.exposed.map((l: { path: string }) => l.path), [box.claudeFile]);
  });
});

Deno.test("e2e exposed: without experimental: true nothing changes, and a note says why", async () => {
  const config = "agent:\n  claude:\n    expose_oauth_token: true\n";
  await withBox(config, async (box) => {
    const run = await runVault(["clean", "--no-user", "--mounts-dir", box.mounts, "--json"], {
      env: box.env,
    });
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.exposed, []);
    assert.deepEqual(report.removed.map((r: { provider: string }) => r.provider).sort(), [
      "claude",
      "codex",
    ]);
    await assert.rejects(() => Deno.lstat(box.claudeFile), Deno.errors.NotFound);
    assert.equal(
      run.stderr,
      `terok-vault: note: '${box.dir}/config.yml' sets agent.claude.expose_oauth_token but not ` +
        "experimental: true, so terok does not expose that token (unless run with " +
        "--experimental, which this program cannot see) and 'claude''s credential file is " +
        "judged like any other\n",
    );
  });
  // With no config file at all, the Claude file is a leak as ever.
  await withBox(EXPOSE_CLAUDE, async (box) => {
    await Deno.remove(`${box.dir}/config.yml`);
    const run = await runVault(["scan", "--no-user", "--mounts-dir", box.mounts, "--json"], {
      env: box.env,
    });
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.deepEqual(report.leaks.map((l: { provider: string }) => l.provider), [
      "claude",
      "codex",
    ]);
    assert.deepEqual(report.exposed, []);
  });
});

Deno.test("e2e exposed: an unreadable config.yml stops scan (it cannot tell what is exposed)", async () => {
  await withBox("experimental: [true\n", async (box) => {
    const run = await runVault(["scan", "--no-user", "--mounts-dir", box.mounts], {
      env: box.env,
    });
    assert.deepEqual(run, {
      code: 2,
      stdout: "",
      stderr: `terok-vault: error: ${box.dir}/config.yml:1:15: The list that starts here with ` +
        '"[" is never closed (a "]" is missing)\n',
    });
  });
});

Deno.test("e2e exposed: watch --clean tells the exposed file and never removes it", async () => {
  await withBox(EXPOSE_CLAUDE, async (box) => {
    const watch = startWatch(
      ["--no-user", "--mounts-dir", box.mounts, "--clean", "--json"],
      [],
      box.env,
    );
    try {
      await watch.waitFor(isEvent("rescan"));
      // A new token written into the exposed file is told again, and still left in place.
      const access = fakeToken("claude-oauth-access-token");
      const changed = box.claudeText.replace(box.access, access);
      await Deno.writeTextFile(`${box.claudeFile}.new`, changed);
      await Deno.rename(`${box.claudeFile}.new`, box.claudeFile);
      await watch.waitFor((line) => isEvent("exposed")(line) && line.includes(last4(access)));
      assert.equal(await watch.stop("SIGTERM"), 0, watch.stderr());
      const told = events(watch).filter((e) => e.event !== "rescan");
      assert.deepEqual(
        told.map((e) => [e.event, e.provider, e.path]),
        [
          ["exposed", "claude", box.claudeFile],
          ["removed", "codex", box.codexFile],
          ["exposed", "claude", box.claudeFile],
        ],
      );
      assert.equal(await Deno.readTextFile(box.claudeFile), changed);
      assertNoSecretLeak(watch.stdout() + watch.stderr(), [box.access, access, box.refresh]);
    } finally {
      await watch.stop().catch(() => {});
    }
  });
});
