// Copyright the terok-vault authors. MIT license.
/**
 * Knowledge of the credential file formats agents and tools write: how to recognise each,
 * and which of its values hold secrets.
 *
 * @module
 */
import { CORE_SCHEMA, load } from "../_js_yaml.ts";
import { holdsPhantomMarker } from "./_markers.ts";
import { isPlaceholder } from "./_placeholder.ts";
import { LineCounter } from "./_lines.ts";

/** A value a known format names secret-bearing, and that holds a secret. */
export interface SecretValue {
  /** The format's label, for the evidence description. */
  readonly label: string;
  readonly keyPath: string;
  readonly value: string;
  readonly line: number | null;
}

/** What the formats make of a file's text. */
export interface FormatReading {
  /** Id of the first known format recognised, or `null`. */
  readonly format: string | null;
  /** The secret-bearing values that hold a secret. */
  readonly values: SecretValue[];
}

type Json = Record<string, unknown>;

const NOTHING: FormatReading = { format: null, values: [] };
/** At most this many secret values per document (the evidence per file is capped the same). */
const MAX_VALUES = 100;
/** Parse at most this much text as a document; larger files get the token rules only. */
const MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
/**
 * Dotenv (and settings `env`) keys whose values are secrets even when the roster does not name
 * them; AWS's secret key is named too, as Claude Code on Bedrock is configured through it.
 */
const SECRET_ENV_KEY = /(?:_API_KEY|_TOKEN|_SECRET|_PASSWORD|^AWS_SECRET_ACCESS_KEY)$/;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function own(object: Json, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Whether a value a format names secret-bearing holds a secret: a non-empty string that is
 * not a phantom marker, not a placeholder, and not the unsigned JWT the vault writes as
 * Codex's `id_token` (its header says `"alg":"none"`: it authenticates nothing).
 */
export function holdsSecret(value: unknown): value is string {
  if (typeof value !== "string" || value.trim() === "") return false;
  if (holdsPhantomMarker(value) || isPlaceholder(value)) return false;
  return !isUnsignedJwt(value);
}

function isUnsignedJwt(value: string): boolean {
  const parts = value.split(".");
  if (parts.length !== 3) return false;
  try {
    const header = JSON.parse(atob(parts[0]!.replace(/-/g, "+").replace(/_/g, "/")));
    return isObject(header) && own(header, "alg") === "none";
  } catch {
    return false;
  }
}

/** Collects secret-bearing values of one document. */
class Collector {
  readonly values: SecretValue[] = [];
  readonly formats: string[] = [];
  /** Where to look for the next occurrence of a value: the same value under two keys. */
  readonly #searchFrom = new Map<string, number>();
  constructor(readonly text: string, readonly escape: (value: string) => string) {}

  format(id: string): void {
    this.formats.push(id);
  }

  take(label: string, path: readonly string[], value: unknown): void {
    // Bounded: a hostile document with 100,000 keys must not make the line search quadratic.
    if (this.values.length >= MAX_VALUES) return;
    const text = typeof value === "number" ? String(value) : value;
    if (!holdsSecret(text)) return;
    const keyPath = path.join(".");
    if (this.values.some((item) => item.keyPath === keyPath)) return;
    this.values.push({ label, keyPath, value: text, line: this.#lineOf(this.escape(text)) });
  }

  #lineOf(needle: string): number | null {
    const at = this.text.indexOf(needle, this.#searchFrom.get(needle) ?? 0);
    if (at === -1) return null;
    this.#searchFrom.set(needle, at + needle.length);
    return new LineCounter(this.text).lineAt(at);
  }

  takeKeys(label: string, base: readonly string[], object: Json, keys: readonly string[]): void {
    for (const key of keys) this.take(label, [...base, key], own(object, key));
  }

  reading(): FormatReading {
    return { format: this.formats[0] ?? null, values: this.values };
  }
}

function readClaudeCredentials(doc: Json, out: Collector): void {
  if (!Object.hasOwn(doc, "claudeAiOauth") && !Object.hasOwn(doc, "mcpOAuth")) return;
  out.format("claude-credentials");
  const label = "Claude credentials";
  const oauth = own(doc, "claudeAiOauth");
  if (isObject(oauth)) {
    out.takeKeys(label, ["claudeAiOauth"], oauth, ["accessToken", "refreshToken"]);
  }
  const mcp = own(doc, "mcpOAuth");
  if (!isObject(mcp)) return;
  for (const [server, entry] of Object.entries(mcp)) {
    if (!isObject(entry)) continue;
    out.takeKeys(label, ["mcpOAuth", server], entry, [
      "accessToken",
      "refreshToken",
      "clientSecret",
    ]);
  }
}

function readClaudeConfig(doc: Json, out: Collector): void {
  if (!Object.hasOwn(doc, "primaryApiKey")) return;
  out.format("claude-config");
  out.take("Claude config", ["primaryApiKey"], own(doc, "primaryApiKey"));
}

/** Files that configure MCP servers, whose `env` blocks carry the servers' tokens. */
const MCP_FILES = [".claude.json", ".mcp.json", "claude_desktop_config.json"];

/**
 * MCP server definitions (`mcpServers.<name>.env`, also per project in `~/.claude.json`):
 * secret-named variables there hold the servers' tokens.
 */
function readMcpServers(doc: Json, out: Collector, phantomEnv: readonly string[]): void {
  const read = (servers: unknown, base: readonly string[]) => {
    if (!isObject(servers)) return;
    for (const [name, server] of Object.entries(servers)) {
      const env = isObject(server) ? own(server, "env") : undefined;
      if (!isObject(env)) continue;
      for (const [key, value] of Object.entries(env)) {
        if (isSecretEnvKey(key, phantomEnv)) {
          out.take("MCP server env", [...base, name, "env", key], value);
        }
      }
    }
  };
  read(own(doc, "mcpServers"), ["mcpServers"]);
  const projects = own(doc, "projects");
  if (!isObject(projects)) return;
  for (const [project, settings] of Object.entries(projects)) {
    if (isObject(settings)) read(own(settings, "mcpServers"), ["projects", project, "mcpServers"]);
  }
}

const CODEX_KEYS = ["OPENAI_API_KEY", "personal_access_token", "agent_identity"];
const CODEX_TOKEN_KEYS = [
  "access_token",
  "refresh_token",
  "id_token",
  "personal_access_token",
  "agent_identity",
];

function readCodexAuth(doc: Json, out: Collector): void {
  const tokens = own(doc, "tokens");
  if (!Object.hasOwn(doc, "OPENAI_API_KEY") && !isObject(tokens)) return;
  out.format("codex-auth");
  out.takeKeys("Codex auth", [], doc, CODEX_KEYS);
  if (isObject(tokens)) out.takeKeys("Codex auth", ["tokens"], tokens, CODEX_TOKEN_KEYS);
}

function readGoogleOAuth(doc: Json, out: Collector): void {
  const hasToken = Object.hasOwn(doc, "refresh_token") || Object.hasOwn(doc, "access_token");
  if (!hasToken || !(Object.hasOwn(doc, "token_type") || Object.hasOwn(doc, "scope"))) return;
  out.format("google-oauth");
  out.takeKeys("Google OAuth", [], doc, ["access_token", "refresh_token", "client_secret"]);
}

function readOpencodeAuth(doc: Json, out: Collector): void {
  const providers = Object.values(doc);
  if (!providers.every((entry) => isObject(entry) && typeof own(entry, "type") === "string")) {
    return;
  }
  out.format("opencode-auth");
  for (const [provider, entry] of Object.entries(doc)) {
    out.takeKeys("opencode auth", [provider], entry as Json, ["key", "access", "refresh", "token"]);
  }
}

/** Claude Code `settings.json`: an `env` block of environment variables. */
function readSettingsEnv(doc: Json, out: Collector, phantomEnv: readonly string[]): void {
  const env = own(doc, "env");
  if (!isObject(env)) return;
  out.format("claude-settings");
  for (const [key, value] of Object.entries(env)) {
    if (isSecretEnvKey(key, phantomEnv)) out.take("settings env", ["env", key], value);
  }
}

function isSecretEnvKey(key: string, phantomEnv: readonly string[]): boolean {
  return phantomEnv.includes(key) || SECRET_ENV_KEY.test(key);
}

function readJson(text: string, fileName: string, phantomEnv: readonly string[]): FormatReading {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return NOTHING;
  }
  if (!isObject(doc)) return NOTHING;
  const out = new Collector(text, (value) => JSON.stringify(value).slice(1, -1));
  readClaudeCredentials(doc, out);
  readClaudeConfig(doc, out);
  readCodexAuth(doc, out);
  readGoogleOAuth(doc, out);
  // These two shapes are too generic to recognise in any file: a user-defined provider's
  // `{"k": {"type": "bearer", "secret": "…"}}` must stay unknown (fail closed), not clean.
  if (/^settings(?:\.local)?\.json$/.test(fileName)) readSettingsEnv(doc, out, phantomEnv);
  if (MCP_FILES.includes(fileName)) readMcpServers(doc, out, phantomEnv);
  if (out.formats.length === 0 && fileName === "auth.json") readOpencodeAuth(doc, out);
  return out.reading();
}

function loadYaml(text: string): unknown {
  try {
    // No aliases (neither tool writes them; they could blow up a walk), shallow nesting.
    return load(text, { schema: CORE_SCHEMA, maxAliases: 0, maxDepth: 16 });
  } catch {
    return undefined;
  }
}

function readYaml(text: string, fileName: string): FormatReading {
  const doc = loadYaml(text);
  if (!isObject(doc)) return NOTHING;
  const out = new Collector(text, (value) => value);
  const hosts = own(doc, "hosts");
  if (isObject(hosts) && Object.values(hosts).every((host) => host === null || isObject(host))) {
    out.format("glab-config");
    for (const [host, entry] of Object.entries(hosts)) {
      if (!isObject(entry)) continue;
      const keys = ["token", "oauth2_refresh_token", "oauth2_code_verifier"];
      out.takeKeys("glab config", ["hosts", host], entry, keys);
    }
    return out.reading();
  }
  // Any mapping of mappings would fit gh's shape: only gh's own file name is read as one.
  if (!/^hosts\.ya?ml$/.test(fileName)) return NOTHING;
  if (!Object.values(doc).every((host) => host === null || isObject(host))) return NOTHING;
  out.format("gh-hosts");
  for (const [host, entry] of Object.entries(doc)) {
    if (!isObject(entry)) continue;
    // In document order, so a token gh writes twice gets the line of each place.
    for (const [key, value] of Object.entries(entry)) {
      if (key === "oauth_token") out.take("gh hosts", [host, key], value);
      if (key !== "users" || !isObject(value)) continue;
      for (const [user, account] of Object.entries(value)) {
        if (!isObject(account)) continue;
        out.take("gh hosts", [host, "users", user, "oauth_token"], own(account, "oauth_token"));
      }
    }
  }
  return out.reading();
}

const DOTENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/;

/** The value of a dotenv line's right-hand side, or `undefined` when it is malformed. */
function dotenvValue(raw: string): string | undefined {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    let close = 1;
    while (
      close < raw.length && (raw[close] !== quote || (quote === '"' && raw[close - 1] === "\\"))
    ) {
      close++;
    }
    if (close >= raw.length) return undefined;
    const rest = raw.slice(close + 1).trim();
    if (rest !== "" && !rest.startsWith("#")) return undefined;
    return raw.slice(1, close);
  }
  return raw.replace(/\s+#.*$/, "").trim();
}

function readDotenv(text: string, phantomEnv: readonly string[]): FormatReading {
  const values: SecretValue[] = [];
  const lines = text.split("\n");
  for (const [i, line] of lines.entries()) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const parsed = DOTENV_LINE.exec(line.replace(/\r$/, ""));
    if (parsed === null) return NOTHING;
    const value = dotenvValue(parsed[2]!);
    if (value === undefined) return NOTHING;
    const key = parsed[1]!;
    // A reference to another variable (`$OTHER`, `${OTHER}`) is not a value.
    if (!isSecretEnvKey(key, phantomEnv) || /^\$\{?[A-Za-z_]/.test(value)) continue;
    if (holdsSecret(value) && values.length < MAX_VALUES) {
      values.push({ label: "dotenv", keyPath: key, value, line: i + 1 });
    }
  }
  return { format: "dotenv", values };
}

function readGitCredentials(text: string): FormatReading {
  const values: SecretValue[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return NOTHING;
    }
    let password: string;
    try {
      password = decodeURIComponent(url.password);
    } catch {
      password = url.password;
    }
    if (holdsSecret(password) && values.length < MAX_VALUES) {
      values.push({
        label: "git credentials",
        keyPath: `${url.host}.password`,
        value: password,
        line: i + 1,
      });
    }
  }
  return { format: "git-credentials", values };
}

/** True for the file names read as dotenv (`.env`, `.env.*`, `*.env`). */
export function isDotenvName(name: string): boolean {
  return name === ".env" || name.startsWith(".env.") || name.endsWith(".env");
}

/**
 * Reads `text` as the known format its name or content suggests. A BOM, a parse error or an
 * unknown shape gives no format (the caller then falls back to the token rules).
 */
export function readFormat(
  text: string,
  fileName: string,
  phantomEnv: readonly string[],
): FormatReading {
  if (text.length > MAX_DOCUMENT_CHARS || text.startsWith("\uFEFF")) return NOTHING;
  if (/\.ya?ml$/i.test(fileName)) return readYaml(text, fileName);
  if (/^\s*\{/.test(text)) return readJson(text, fileName, phantomEnv);
  if (isDotenvName(fileName)) return readDotenv(text, phantomEnv);
  if (fileName === ".git-credentials") return readGitCredentials(text);
  return NOTHING;
}
