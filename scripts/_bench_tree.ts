/**
 * Generates the deep-scan benchmark tree: about 20,000 files and 130 MB under a mounts dir,
 * shaped like agents' shared config dirs (session logs, settings, caches, a few binaries),
 * with one fake token of every rule planted at a known file and line in small files, and
 * again inside large session logs (read in chunks by the scanner).
 *
 * @module
 */

import { RULES } from "../src/detect/rules.ts";
import { fakeToken, secretOf } from "../tests/_secrets.ts";

/** One planted token: where it is and what should be reported. */
export interface Planted {
  readonly rule: string;
  /** Path relative to the mounts dir. */
  readonly path: string;
  readonly line: number;
  readonly token: string;
  /** First 16 hex digits of SHA-256 (computed by crypto.subtle, independently). */
  readonly fingerprint: string;
}

/** What was written. */
export interface BenchTree {
  readonly files: number;
  readonly bytes: number;
  readonly binaries: number;
  readonly planted: Planted[];
}

let seed = 0x7e40c;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
function pick<T>(items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

const WORDS = ("the a key token secret sky they eyes ghost sk learn api file test build run " +
  "config settings project session assistant user model claude codex gemini refactor " +
  "function import export return const let value error warning note path src lib docs " +
  "yaml json toml env mount vault proxy phantom oauth bearer header request response").split(" ");

function sentence(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(WORDS));
  return out.join(" ");
}

function hex(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += "0123456789abcdef"[Math.floor(random() * 16)];
  return out;
}

function uuid(): string {
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

/** One line of a Claude-like session log. */
function sessionLine(): string {
  return JSON.stringify({
    type: pick(["user", "assistant", "tool_result"]),
    uuid: uuid(),
    timestamp: "2026-11-28T12:00:00.000Z",
    message: { role: "assistant", content: sentence(10 + Math.floor(random() * 60)) },
  });
}

function textFile(lines: number, line: () => string): string[] {
  return Array.from({ length: lines }, line);
}

/** Where a planted token sits on its line: a JWT needs a key naming a secret. */
function plantLine(rule: string, token: string): string {
  if (rule === "jwt") return `{"type":"tool_result","id_token":"${token}"}`;
  if (rule === "private-key") return JSON.stringify({ type: "tool_result", content: token });
  return `{"type":"tool_result","content":"export THE_KEY=${token} # from .env"}`;
}

async function fingerprintOf(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return Array.from(new Uint8Array(digest).subarray(0, 8), (b) => b.toString(16).padStart(2, "0"))
    .join("");
}

const HOST_DIRS = [
  "_claude-config",
  "_codex-config",
  "_gh-config",
  "_glab-config",
  "_vibe-config",
  "_opencode-config",
  "_opencode-data",
  "_toad-config",
  "_gemini-config", // in no roster entry
  "_some-new-tool-config", // in no roster entry
];

/**
 * Write the tree under `root` (which must not exist yet).
 *
 * @param root The mounts dir to create.
 * @param targetFiles About this many files.
 * @param targetBytes About this many bytes.
 */
export async function writeBenchTree(
  root: string,
  targetFiles = 20_000,
  targetBytes = 130_000_000,
): Promise<BenchTree> {
  await Deno.mkdir(root, { recursive: true });
  const encoder = new TextEncoder();
  const planted: Planted[] = [];
  let files = 0;
  let bytes = 0;
  let binaries = 0;
  const madeDirs = new Set<string>();
  async function write(path: string, data: Uint8Array): Promise<void> {
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (!madeDirs.has(dir)) {
      await Deno.mkdir(`${root}/${dir}`, { recursive: true });
      madeDirs.add(dir);
    }
    await Deno.writeFile(`${root}/${path}`, data);
    files++;
    bytes += data.length;
  }
  async function writeLines(path: string, lines: string[]): Promise<void> {
    await write(path, encoder.encode(`${lines.join("\n")}\n`));
  }
  async function plant(path: string, lines: string[], rule: string, wanted: number): Promise<void> {
    // With many rules a wanted line may lie past the file's end: the token goes last then.
    const at = Math.min(wanted, lines.length);
    const token = fakeToken(rule);
    lines.splice(at, 0, plantLine(rule, token));
    planted.push({
      rule,
      path,
      line: at + 1,
      token,
      fingerprint: await fingerprintOf(secretOf(rule, token)),
    });
  }

  // Phantom credential files, as the vault writes them: never findings.
  await writeLines("_claude-config/.credentials.json", [JSON.stringify({
    claudeAiOauth: {
      accessToken: "terok-proxy-phantom-token:vault-handles-real-auth",
      refreshToken: "",
      expiresAt: null,
    },
  })]);
  await writeLines("_codex-config/auth.json", [JSON.stringify({
    OPENAI_API_KEY: null,
    tokens: {
      access_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
      refresh_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
    },
  })]);

  // Every rule twice: in a small file of some host dir, and deep inside a large session log.
  const ruleIds = RULES.map((rule) => rule.id);
  for (const [i, rule] of ruleIds.entries()) {
    const host = HOST_DIRS[i % HOST_DIRS.length]!;
    const lines = textFile(40, sessionLine);
    await plant(`${host}/notes/deep/nested/plant-${rule}.txt`, lines, rule, 17);
    await writeLines(`${host}/notes/deep/nested/plant-${rule}.txt`, lines);
  }
  const bigLogs = 12;
  for (let i = 0; i < bigLogs; i++) {
    const path = `_claude-config/projects/-home-dev-big-${i}/${uuid()}.jsonl`;
    const lines = textFile(12_000 + Math.floor(random() * 8_000), sessionLine);
    // Increasing positions, so an insertion never moves a line already recorded.
    for (const [j, rule] of ruleIds.entries()) {
      if (j % bigLogs === i || (j + 5) % bigLogs === i) {
        await plant(path, lines, rule, 3_000 + j * 500);
      }
    }
    await writeLines(path, lines);
  }

  // The bulk: small and medium files until the targets are met.
  while (files < targetFiles) {
    const host = pick(HOST_DIRS);
    const remainingFiles = targetFiles - files;
    const average = Math.max(200, (targetBytes - bytes) / remainingFiles);
    const roll = random();
    if (roll < 0.02) {
      const data = new Uint8Array(Math.floor(average * 2 * random()) + 16);
      for (let k = 0; k < data.length; k += 97) data[k] = Math.floor(random() * 256);
      data[5] = 0;
      await write(`${host}/cache/${hex(2)}/${hex(16)}.bin`, data);
      binaries++;
    } else if (roll < 0.7) {
      const lines = Math.max(1, Math.round((average * 2 * random()) / 330));
      await writeLines(
        `${host}/projects/-home-dev-work-${hex(2)}/${uuid()}.jsonl`,
        textFile(lines, sessionLine),
      );
    } else {
      const lines = Math.max(1, Math.round((average * 2 * random()) / 60));
      await writeLines(
        `${host}/${pick(["todos", "shell-snapshots", "statsig", "logs"])}/${hex(12)}.txt`,
        textFile(lines, () => sentence(10)),
      );
    }
  }
  return { files, bytes, binaries, planted };
}
