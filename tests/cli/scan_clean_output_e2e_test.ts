/**
 * Exact output of `deno task vault scan|clean` on the built-in roster: text, JSON, dry run,
 * exit codes, and colour only on a terminal without NO_COLOR.
 */
import assert from "node:assert/strict";
import { PROJECT_DIR, runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";

const FAKE = "FAKE-TEST-SECRET-not-real";
const CLAUDE_PHANTOM = JSON.stringify({
  claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
});
const CODEX_PHANTOM = JSON.stringify({
  tokens: {
    access_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
    refresh_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
  },
});

/**
 * The eight default credential files: four leaks, two phantoms, one empty, one FIFO (an
 * observation; a symlink out of its host dir would be an escape, see symlinked_credential_e2e_test.ts).
 */
async function mountsWithLeaks(base: string): Promise<{ mounts: string; outside: string }> {
  const mounts = `${base}/mounts`;
  const outside = `${base}/outside.txt`;
  await Deno.writeTextFile(outside, `outside ${FAKE}\n`);
  const files: Record<string, string> = {
    "_blablador-config/config.json": `{"api_key": "${FAKE}"}`,
    "_claude-config/.credentials.json": CLAUDE_PHANTOM,
    "_codex-config/auth.json": CODEX_PHANTOM,
    "_gh-config/hosts.yml": `github.com:\n  oauth_token: ${FAKE}\n`,
    "_kisski-config/config.json": "",
    "_openrouter-config/config.json": `{"key": "${FAKE}"}`,
    "_vibe-config/.env": `MISTRAL_API_KEY=${FAKE}\n`,
  };
  for (const [path, content] of Object.entries(files)) {
    await Deno.mkdir(`${mounts}/${path.split("/")[0]}`, { recursive: true });
    await Deno.writeTextFile(`${mounts}/${path}`, content);
  }
  await Deno.mkdir(`${mounts}/_glab-config`);
  const fifo = await new Deno.Command("mkfifo", { args: [`${mounts}/_glab-config/config.yml`] })
    .output();
  assert.equal(fifo.code, 0);
  return { mounts, outside };
}

async function withMounts(fn: (mounts: string, outside: string) => Promise<void>) {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-scan-" }));
  try {
    const { mounts, outside } = await mountsWithLeaks(base);
    await fn(mounts, outside);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
}

const UNRECOGNIZED_DESCRIPTION =
  "Content in no known format and not a phantom (a credential file is judged fail-closed)";
const UNRECOGNIZED = `unrecognized-content: ${UNRECOGNIZED_DESCRIPTION}`;
const LEAKS = ["blablador", "gh", "openrouter", "vibe"];
const PATHS: Record<string, string> = {
  blablador: "_blablador-config/config.json",
  gh: "_gh-config/hosts.yml",
  openrouter: "_openrouter-config/config.json",
  vibe: "_vibe-config/.env",
};
/** The evidence line under each leak of {@linkcode mountsWithLeaks}. */
const EVIDENCE: Record<string, string> = {
  blablador: UNRECOGNIZED,
  gh: "secret-value at github.com.oauth_token: …real",
  openrouter: UNRECOGNIZED,
  vibe: "secret-value at MISTRAL_API_KEY: …real",
};

/** A value of no token shape may be a password: it has no fingerprint a wordlist could match. */
const FINGERPRINT = null;

/** The JSON evidence of each leak of {@linkcode mountsWithLeaks}. */
function evidenceJson(provider: string) {
  const unrecognized = {
    rule: "unrecognized-content",
    description: UNRECOGNIZED_DESCRIPTION,
    key_path: null,
    line: null,
    redacted: "…",
    fingerprint: null,
  };
  const value = (description: string, key_path: string, line: number) => ({
    rule: "secret-value",
    description,
    key_path,
    line,
    redacted: "…real",
    fingerprint: FINGERPRINT,
  });
  if (provider === "gh") {
    return [value("Secret-bearing value of a gh hosts file", "github.com.oauth_token", 2)];
  }
  if (provider === "vibe") {
    return [value("Secret-bearing value of a dotenv file", "MISTRAL_API_KEY", 1)];
  }
  return [unrecognized];
}
const leakLines = (mounts: string, verb = " ", names = LEAKS) =>
  names.map((name) => `${verb} ${name}: ${mounts}/${PATHS[name]}\n    ${EVIDENCE[name]}\n`).join(
    "",
  );
const fifoNotice = (mounts: string) =>
  `terok-vault: note: 'glab' the credential file is a FIFO; not opened: ` +
  `${mounts}/_glab-config/config.yml\n`;

/** The last line of a clean that kept something. */
const RESTORE_HINT = "Put a file back with 'terok-vault quarantine restore ID' (or import the " +
  "entry's directory with terok's auth); the secrets should be rotated all the same.\n";

Deno.test("scan lists each leak under a heading, observations on stderr, exit 1", async () => {
  await withMounts(async (mounts) => {
    const run = await runVault(["scan", "--mounts-dir", mounts, "--no-user"]);
    assert.deepEqual(run, {
      code: 1,
      stdout: `Leaked credential files in ${mounts}:\n` + leakLines(mounts),
      stderr: fifoNotice(mounts),
    });
  });
});

Deno.test("scan --json prints one object with leaks, skips and observations", async () => {
  await withMounts(async (mounts) => {
    const run = await runVault(["scan", "--mounts-dir", mounts, "--no-user", "--json"]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, fifoNotice(mounts));
    assert.ok(!run.stdout.includes(FAKE));
    assert.deepEqual(JSON.parse(run.stdout), {
      mounts_dir: mounts,
      mounts_dir_exists: true,
      // The 8 credential files of the built-in roster, and Claude Code's .claude.json.
      inspected: 9,
      leaks: LEAKS.map((provider) => ({
        provider,
        path: `${mounts}/${PATHS[provider]}`,
        evidence: evidenceJson(provider),
      })),
      // Files terok's config.yml exposes on purpose: none without that setting.
      exposed: [],
      skipped: [],
      observations: [{
        provider: "glab",
        kind: "not_regular",
        path: `${mounts}/_glab-config/config.yml`,
        detail: "the credential file is a FIFO; not opened",
      }],
    });
  });
});

Deno.test("clean --dry-run reports what it would remove and changes nothing", async () => {
  await withMounts(async (mounts) => {
    const run = await runVault(["clean", "--dry-run", "--mounts-dir", mounts, "--no-user"]);
    assert.deepEqual(run, {
      code: 1,
      stdout: leakLines(mounts, "Would remove"),
      stderr: fifoNotice(mounts),
    });
    for (const name of LEAKS) await Deno.lstat(`${mounts}/${PATHS[name]}`);
    const json = await runVault([
      "clean",
      "--dry-run",
      "--json",
      "--mounts-dir",
      mounts,
      "--no-user",
    ]);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout);
    assert.equal(report.dry_run, true);
    assert.deepEqual(report.removed, []);
    assert.deepEqual(
      report.would_remove,
      LEAKS.map((provider) => ({
        provider,
        path: `${mounts}/${PATHS[provider]}`,
        evidence: evidenceJson(provider),
      })),
    );
    for (const name of LEAKS) await Deno.lstat(`${mounts}/${PATHS[name]}`);
  });
});

Deno.test("clean removes exactly the leaks; a second scan is clean", async () => {
  await withMounts(async (mounts, outside) => {
    const run = await runVault(["clean", "--mounts-dir", mounts, "--no-user", "--json"]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.dry_run, false);
    assert.deepEqual(report.failed, []);
    assert.deepEqual(
      report.removed.map(({ provider, path, other_links }: Record<string, unknown>) => ({
        provider,
        path,
        other_links,
      })),
      LEAKS.map((provider) => ({ provider, path: `${mounts}/${PATHS[provider]}`, other_links: 0 })),
    );
    assert.deepEqual(report.would_remove, []);
    for (const name of LEAKS) {
      await assert.rejects(Deno.lstat(`${mounts}/${PATHS[name]}`), Deno.errors.NotFound);
    }
    assert.equal(
      await Deno.readTextFile(`${mounts}/_claude-config/.credentials.json`),
      CLAUDE_PHANTOM,
    );
    assert.equal(await Deno.readTextFile(`${mounts}/_kisski-config/config.json`), "");
    assert.ok((await Deno.lstat(`${mounts}/_glab-config/config.yml`)).isFifo);
    assert.equal(await Deno.readTextFile(outside), `outside ${FAKE}\n`);
    const again = await runVault(["clean", "--mounts-dir", mounts, "--no-user"]);
    assert.deepEqual(again, {
      code: 0,
      stdout: "No leaked credential files found.\n",
      stderr: fifoNotice(mounts),
    });
  });
});

Deno.test("scan of a missing default mounts dir: nothing is shared, exit 0", async () => {
  // A missing dir named by --mounts-dir is an error (messages_e2e_test.ts); a default is empty.
  const missing = `/tmp/terok-vault-no-such-dir-${crypto.randomUUID()}`;
  const env = { TEROK_SANDBOX_LIVE_DIR: missing };
  const run = await runVault(["scan", "--no-user"], { env });
  assert.deepEqual(run, {
    code: 0,
    stdout: "No leaked credential files found.\n",
    stderr: `terok-vault: note: mounts dir '${missing}/mounts' does not exist: nothing is shared\n`,
  });
});

Deno.test("deno task scan on a fresh machine's default locations reports no leaks", async () => {
  const home = await Deno.makeTempDir({ prefix: "terok-vault-home-" });
  try {
    const env = { HOME: home, TEROK_ROOT: `${home}/terok` };
    await Deno.mkdir(`${home}/no-overrides`); // a directory named by option must exist
    const args = Deno.uid() === 0 ? ["scan", "--user-dir", `${home}/no-overrides`] : ["scan"];
    const run = await runVault(args, { env });
    assert.deepEqual(run, {
      code: 0,
      stdout: "No leaked credential files found.\n",
      stderr: `terok-vault: note: mounts dir '${home}/terok/sandbox-live/mounts' does not exist: ` +
        "nothing is shared\n",
    });
  } finally {
    await Deno.remove(home, { recursive: true });
  }
});

/** Only what deno needs: no NO_COLOR from the CI environment. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "DENO_DIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Runs the CLI under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
async function runOnTerminal(args: string[], env: Record<string, string>) {
  const command = [
    Deno.execPath(),
    "task",
    "--quiet",
    `--config=${PROJECT_DIR}/deno.json`,
    "vault",
    ...args,
  ]
    .map((word) => `'${word.replaceAll("'", "'\\''")}'`).join(" ");
  const output = await new Deno.Command("script", {
    args: ["-qec", command, "/dev/null"],
    clearEnv: true,
    env: { ...cleanEnv(), ...env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: output.code, text: new TextDecoder().decode(output.stdout) };
}

Deno.test("colour only on a terminal, and never with NO_COLOR", async () => {
  await withMounts(async (mounts) => {
    const args = ["scan", "--mounts-dir", mounts, "--no-user"];
    const tty = await runOnTerminal(args, {});
    assert.equal(tty.code, 1);
    assert.ok(tty.text.includes(`\x1b[1mLeaked credential files in ${mounts}:\x1b[0m`), tty.text);
    const noColor = await runOnTerminal(args, { NO_COLOR: "1" });
    assert.equal(noColor.code, 1);
    assert.ok(noColor.text.includes(`Leaked credential files in ${mounts}:`));
    assert.ok(!noColor.text.includes("\x1b["), noColor.text);
    const emptyNoColor = await runOnTerminal(args, { NO_COLOR: "" });
    assert.ok(emptyNoColor.text.includes("\x1b[1m"), "an empty NO_COLOR does not count");
    const piped = await runVault(args, { env: { NO_COLOR: "" } });
    assert.ok(!piped.stdout.includes("\x1b[") && !piped.stderr.includes("\x1b["));
  });
});

Deno.test("a relative mounts dir through a symlinked parent is resolved once and works", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-link-" }));
  try {
    const real = `${base}/real/mounts`;
    await Deno.mkdir(`${real}/_vibe-config`, { recursive: true });
    await Deno.mkdir(`${real}/_codex-config/`, { recursive: true });
    await Deno.writeTextFile(`${real}/_vibe-config/.env`, `MISTRAL_API_KEY=${FAKE}\n`);
    await Deno.symlink(`${base}/real`, `${base}/link`);
    const args = ["--mounts-dir", "link/mounts", "--no-user"];
    const scan = await runVault(["scan", ...args], { cwd: base });
    assert.deepEqual(scan, {
      code: 1,
      stdout: `Leaked credential files in ${real}:\n  vibe: ${real}/_vibe-config/.env\n` +
        `    ${EVIDENCE.vibe}\n`,
      stderr: "",
    });
    const clean = await runVault(["clean", ...args], { cwd: base });
    const id = /quarantine (\d{8}T\d{6}Z-[0-9a-f]{6}):/.exec(clean.stdout)?.[1];
    const kept = `${real}/.terok-vault-${Deno.uid()}/quarantine/${id}/_vibe-config/.env`;
    assert.deepEqual(clean, {
      code: 0,
      stdout: `Moved vibe: ${real}/_vibe-config/.env to quarantine ${id}: ${kept}\n` +
        `    ${EVIDENCE.vibe}\n${RESTORE_HINT}`,
      stderr: "",
    });
    assert.equal(await Deno.readTextFile(kept), `MISTRAL_API_KEY=${FAKE}\n`);
    await assert.rejects(Deno.lstat(`${real}/_vibe-config/.env`), Deno.errors.NotFound);
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("a provider that cannot be checked: warning, the others scanned, exit 3", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-skip-" }));
  try {
    const mounts = `${base}/mounts`;
    await Deno.mkdir(mounts);
    await Deno.writeTextFile(`${mounts}/_claude-config`, "a file where a directory should be\n");
    await Deno.mkdir(`${mounts}/_codex-config`);
    await Deno.writeTextFile(`${mounts}/_codex-config/auth.json`, CODEX_PHANTOM);
    const run = await runVault(["scan", "--mounts-dir", mounts, "--no-user"]);
    assert.deepEqual(run, {
      code: 3,
      stdout: "No leaked credential files found.\n",
      stderr:
        `terok-vault: warning: credential leak scan skipped 'claude': '${mounts}/_claude-config' ` +
        "is not a directory\n" +
        "terok-vault: warning: 1 provider(s) could not be checked, so the mounts are not known to be " +
        "clean\n",
    });
    // clean tells the same, and exits 3 too.
    const clean = await runVault(["clean", "--mounts-dir", mounts, "--no-user"]);
    assert.deepEqual(clean, run);
    await Deno.writeTextFile(`${mounts}/_codex-config/auth.json`, `{"key": "${FAKE}"}`);
    const leak = await runVault(["scan", "--mounts-dir", mounts, "--no-user"]);
    assert.equal(leak.code, 1);
    assert.equal(
      leak.stdout,
      `Leaked credential files in ${mounts}:\n  codex: ${mounts}/_codex-config/auth.json\n` +
        `    ${UNRECOGNIZED}\n`,
    );
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("clean keeps benign vendor configs and removes a real token beside a phantom", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-evidence-" }));
  try {
    const mounts = `${base}/mounts`;
    const mcpAccess = fakeToken("claude-oauth-access-token");
    const mcpRefresh = fakeToken("claude-oauth-refresh-token");
    const files: Record<string, string> = {
      // glab's default config: a host with an empty token.
      "_glab-config/config.yml": "git_protocol: ssh\nhosts:\n  gitlab.com:\n    token:\n" +
        "    api_host: gitlab.com\n",
      // gh with the token in a keyring: no oauth_token.
      "_gh-config/hosts.yml": "github.com:\n  git_protocol: https\n  user: octo-fake\n",
      // The vault's phantom, and real MCP OAuth tokens beside it.
      "_claude-config/.credentials.json": JSON.stringify({
        claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
        mcpOAuth: { "srv|1": { accessToken: mcpAccess, refreshToken: mcpRefresh } },
      }),
    };
    for (const [path, content] of Object.entries(files)) {
      await Deno.mkdir(`${mounts}/${path.split("/")[0]}`, { recursive: true });
      await Deno.writeTextFile(`${mounts}/${path}`, content);
    }
    const scan = await runVault(["scan", "--mounts-dir", mounts, "--no-user", "--json"]);
    const clean = await runVault(["clean", "--mounts-dir", mounts, "--no-user"]);
    for (const run of [scan, clean]) {
      assertNoSecretLeak(run.stdout + run.stderr, [mcpAccess, mcpRefresh]);
    }
    assert.equal(scan.code, 1, scan.stderr);
    const report = JSON.parse(scan.stdout);
    assert.deepEqual(
      report.leaks.map((leak: { provider: string; evidence: { rule: string }[] }) => [
        leak.provider,
        leak.evidence.map((e) => e.rule),
      ]),
      [["claude", ["claude-oauth-access-token", "claude-oauth-refresh-token"]]],
    );
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(
      clean.stdout.split("\n")[0]!,
      new RegExp(
        `^Moved claude: ${mounts}/_claude-config/\\.credentials\\.json to quarantine \\d{8}T\\d{6}Z-`,
      ),
    );
    assert.equal(
      await Deno.readTextFile(`${mounts}/_glab-config/config.yml`),
      files["_glab-config/config.yml"],
    );
    assert.equal(
      await Deno.readTextFile(`${mounts}/_gh-config/hosts.yml`),
      files["_gh-config/hosts.yml"],
    );
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("scan --deep shows progress only on a terminal and never with --json", async () => {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-vault-progress-" }));
  try {
    const mounts = `${base}/mounts`;
    await Deno.mkdir(`${mounts}/_tool-config`, { recursive: true });
    for (let i = 0; i < 600; i++) {
      await Deno.writeTextFile(`${mounts}/_tool-config/note-${i}.txt`, `note ${i}\n`);
    }
    const args = ["scan", "--deep", "--mounts-dir", mounts, "--no-user"];
    const progress = "terok-vault: note: deep scan: 500 files, 0.0 MiB read";
    const tty = await runOnTerminal(args, { NO_COLOR: "1" });
    assert.equal(tty.code, 0, tty.text);
    assert.ok(tty.text.includes(progress), tty.text);
    const ttyJson = await runOnTerminal([...args, "--json"], { NO_COLOR: "1" });
    assert.equal(ttyJson.code, 0, ttyJson.text);
    assert.ok(
      !ttyJson.text.includes("deep scan:") && !ttyJson.text.includes("\x1b["),
      ttyJson.text,
    );
    const piped = await runVault(args);
    assert.deepEqual(piped, {
      code: 0,
      stdout: "No leaked credential files found.\nNo secrets found elsewhere in the mounts.\n" +
        "Deep scan: 600 file(s), 5290 bytes read, 0 binary skipped.\n",
      stderr: "",
    });
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});
