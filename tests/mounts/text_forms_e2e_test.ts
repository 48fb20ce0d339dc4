// Copyright the terok-vault authors. MIT license.
/**
 * Text that hides a token from the shapes, found end to end by `scan --deep` through the real
 * CLI: ANSI colour codes (raw and `\u001b` in JSON), JSON `\/` escapes, UTF-16 with and
 * without a byte-order mark, a stray NUL byte, PEM blocks wrapped in base64 or cut into string
 * concatenation; small files and large ones read in chunks alike.
 */
import assert from "node:assert/strict";
import { runVault } from "../_run_vault.ts";
import { assertNoSecretLeak, fakeToken } from "../_secrets.ts";
import { makeSandbox, put, type Sandbox } from "./_helpers.ts";

const planted: string[] = [];
function token(ruleId: string): string {
  const value = fakeToken(ruleId);
  planted.push(value);
  return value;
}

type Row = [
  path: string,
  rule: string,
  keyPath: string | null,
  line: number | null,
  redacted: string,
];

async function deepRows(box: Sandbox): Promise<{ code: number; rows: Row[]; binary: number }> {
  const run = await runVault(["scan", "--deep", "--mounts-dir", box.mounts, "--no-user", "--json"]);
  assertNoSecretLeak(run.stdout + run.stderr, planted);
  const report = JSON.parse(run.stdout);
  const rows: Row[] = [];
  for (const item of report.findings) {
    for (const e of item.evidence) {
      rows.push([item.path.slice(box.mounts.length + 1), e.rule, e.key_path, e.line, e.redacted]);
    }
  }
  return { code: run.code, rows, binary: report.deep.binary_skipped };
}

/** UTF-16 bytes of a text, little or big endian, with or without a byte-order mark. */
function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = (bom ? "\uFEFF" : "") + text;
  const out = new Uint8Array(units.length * 2);
  const view = new DataView(out.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(2 * i, units.charCodeAt(i), littleEndian);
  return out;
}

/** Lines of filler so a file is read in several chunks (the scanner reads 1 MiB or so). */
const FILLER = "log line without anything secret in it, just words and numbers 0123\n".repeat(
  40_000,
);
const FILLER_LINES = 40_000;

const tail = (value: string) => value.slice(-4);

Deno.test("scan --deep reads through ANSI colour codes and JSON's \\/ escapes", async () => {
  await using box = await makeSandbox();
  const raw = token("github-token");
  const inJson = token("anthropic-api-key");
  const refresh = token("google-oauth-refresh-token");
  const late = token("npm-token");
  const dir = `${box.mounts}/_orphan`;
  await put(`${dir}/term.log`, `$ gh auth token\n\x1b[1;32m${raw}\x1b[0m\n`);
  const transcript = JSON.stringify({ type: "tool_result", text: `\u001b[33m${inJson}\u001b[39m` });
  await put(`${dir}/session.jsonl`, `{"type":"start"}\n${transcript}\n`);
  await put(`${dir}/creds-log.jsonl`, `{"refresh":"${refresh.replaceAll("/", "\\/")}"}\n`);
  await put(`${dir}/big.log`, `${FILLER}\x1b[31m${late}\x1b[0m\n`);
  const { code, rows } = await deepRows(box);
  assert.equal(code, 1);
  assert.deepEqual(rows, [
    ["_orphan/big.log", "npm-token", null, FILLER_LINES + 1, `npm_…${tail(late)}`],
    [
      "_orphan/creds-log.jsonl",
      "google-oauth-refresh-token",
      "refresh",
      1,
      `1//0…${tail(refresh)}`,
    ],
    ["_orphan/session.jsonl", "anthropic-api-key", null, 2, `sk-ant-api03-…${tail(inJson)}`],
    ["_orphan/term.log", "github-token", null, 2, `ghp_…${tail(raw)}`],
  ]);
});

Deno.test("scan --deep reads UTF-16 text with and without a BOM, and a log with a stray NUL", async () => {
  await using box = await makeSandbox();
  const le = token("github-token");
  const be = token("huggingface-token");
  const big = token("groq-api-key");
  const afterNul = token("openrouter-api-key");
  const dir = `${box.mounts}/_orphan`;
  await Deno.mkdir(dir, { recursive: true });
  await Deno.writeFile(`${dir}/ps-le.log`, utf16(`PS> echo\r\n${le}\r\n`, true, true));
  await Deno.writeFile(`${dir}/ps-be.log`, utf16(`first\n${be}\n`, false, false));
  await Deno.writeFile(`${dir}/ps-big.log`, utf16(`${FILLER}token ${big} end\n`, true, false));
  const log = new TextEncoder().encode(`started\n\0crashed here\nkey=${afterNul}\n`);
  await Deno.writeFile(`${dir}/crash.log`, log);
  // A real binary still is one: skipped and counted.
  const elf = new Uint8Array(4096);
  elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  await Deno.writeFile(`${dir}/tool.bin`, elf);
  const { code, rows, binary } = await deepRows(box);
  assert.equal(code, 1);
  assert.equal(binary, 1);
  assert.deepEqual(rows, [
    ["_orphan/crash.log", "openrouter-api-key", null, 3, `sk-or-v1-…${tail(afterNul)}`],
    ["_orphan/ps-be.log", "huggingface-token", null, 2, `hf_…${tail(be)}`],
    ["_orphan/ps-big.log", "groq-api-key", null, FILLER_LINES + 1, `gsk_…${tail(big)}`],
    ["_orphan/ps-le.log", "github-token", null, 2, `ghp_…${tail(le)}`],
  ]);
});

Deno.test("scan --deep finds PEM blocks wrapped in base64 and cut into string concatenation", async () => {
  await using box = await makeSandbox();
  const wrapped = token("private-key");
  const cut = token("private-key");
  const python = token("private-key");
  const dir = `${box.mounts}/_orphan`;
  const kubeconfig = [
    "apiVersion: v1",
    "users:",
    "- name: dev",
    "  user:",
    "    client-certificate-data: TFMwdExTMUNSVWRKVGlCRFJWSlVTVVpKUTBGVVJTMHRMUzB0Q2c9PQ==",
    `    client-key-data: ${btoa(wrapped)}`,
    "",
  ].join("\n");
  await put(`${dir}/.kube/config`, kubeconfig);
  const lines = cut.split("\n");
  const js = "// test fixture\nconst key =\n" +
    lines.map((line, i) => `  "${line}${i < lines.length - 1 ? "\\n" : ""}"`).join(" +\n") + ";\n";
  await put(`${dir}/fixture.js`, js);
  const py = "KEY = (\n" + python.split("\n").map((line) => `    '${line}\\n'`).join("\n") +
    "\n)\n";
  await put(`${dir}/fixture.py`, py);
  const { code, rows } = await deepRows(box);
  assert.equal(code, 1);
  const header = "-----BEGIN PRIVATE KEY-----…";
  assert.deepEqual(rows, [
    ["_orphan/.kube/config", "private-key", null, 6, header],
    ["_orphan/fixture.js", "private-key", null, 3, header],
    ["_orphan/fixture.py", "private-key", null, 2, header],
  ]);
});
