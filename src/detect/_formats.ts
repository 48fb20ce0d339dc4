// Copyright the terok-vault authors. MIT license.
/**
 * Knowledge of the credential file formats agents and tools write: how to read each, which of
 * its values hold secrets, and which are known not to. At a credential path a file is judged
 * by the format its roster entry names ({@linkcode readFormatAs}), where every value must be
 * known; anywhere else the formats are recognised by content and name ({@linkcode readFormat})
 * and only their secrets count.
 *
 * @module
 */
import { formatsForName } from "./_format_names.ts";
import { parseIni } from "./_ini.ts";
import { LineCounter } from "./_lines.ts";
import { holdsPhantomMarker } from "./_markers.ts";
import { isPlaceholder } from "./_placeholder.ts";
import { parseToml } from "./_toml.ts";
import { parseYaml } from "./_yaml.ts";
import { YamlParserNotLoadedError } from "./yaml_parser_not_loaded_error.ts";

/** A value a known format names secret-bearing, and that holds a secret. */
export interface SecretValue {
  /** The format's label, for the evidence description. */
  readonly label: string;
  readonly keyPath: string;
  readonly value: string;
  readonly line: number | null;
}

/** A value at a key its format does not know: at a credential path, a leak. */
export interface UnknownValue {
  readonly keyPath: string;
  readonly value: string;
  readonly line: number | null;
}

/** What the formats make of a file's text. */
export interface FormatReading {
  /** Id of the format read (the first recognised, when sniffed), or `null`. */
  readonly format: string | null;
  /** The secret-bearing values that hold a secret. */
  readonly values: SecretValue[];
  /** Values that are neither secret-bearing nor known (only for a closed format). */
  readonly unknown: UnknownValue[];
  /** The key path of the value a token was found in, or `null`. */
  readonly keyPathOf: (token: string) => string | null;
}

type Json = Record<string, unknown>;
type Path = readonly string[];
/** What a value at a path is: a secret, a header carrying one, known not to be one. */
type Role = "secret" | "header" | "public" | undefined;
type Syntax = "json" | "yaml" | "toml" | "ini" | "dotenv" | "git-credentials";

/** One known format. */
interface Format {
  readonly id: string;
  readonly label: string;
  readonly syntax: Syntax;
  /** Whether the parsed document is of this format (`fileName` for the deep scan's sniffing). */
  readonly fits: (doc: Json, fileName: string) => boolean;
  readonly role: (path: Path, phantomEnv: readonly string[]) => Role;
  /** A free-form file (`~/.claude.json`): values at keys it does not know are fine. */
  readonly open?: boolean;
}

const NO_KEY_PATH = () => null;
const NOTHING: FormatReading = { format: null, values: [], unknown: [], keyPathOf: NO_KEY_PATH };
/** At most this many values per document (the evidence per file is capped the same). */
const MAX_VALUES = 100;
/** At most this many string values are walked and kept for key paths. */
const MAX_LEAVES = 20_000;
const MAX_DEPTH = 32;
/** Parse at most this much text as a document; larger files get the token rules only. */
const MAX_DOCUMENT_CHARS = 4 * 1024 * 1024;
/**
 * Dotenv (and `env` block) keys whose values are secrets even when the roster does not name
 * them: a name with a part saying key, token, secret, password or credentials
 * (`MISTRAL_API_KEY`, `SENTRY_AUTH_TOKEN`, `DB_PASS`, `AWS_SECRET_ACCESS_KEY`).
 */
const SECRET_ENV_KEY =
  /(?:^|_)(?:API_?KEY|KEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|AUTH)(?:_|$)/i;
/** HTTP headers that carry credentials (`Authorization`, `X-API-Key`, `Private-Token`). */
const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie|auth|credential/i;
/** The scheme before a credential in a header value: the secret is what follows. */
const AUTH_SCHEME = /^(?:Bearer|Basic|token|Token|Bot)\s+/;

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

function isSecretEnvKey(key: string, phantomEnv: readonly string[]): boolean {
  return phantomEnv.includes(key) || SECRET_ENV_KEY.test(key);
}

/** Whether `path` matches a pattern's segments, `*` for any one segment. */
function matches(path: Path, parts: readonly string[]): boolean {
  return parts.length === path.length && parts.every((part, i) => part === "*" || part === path[i]);
}

/** A role function from lists of dotted patterns (`mcpOAuth.*.accessToken`). */
function byPatterns(secret: readonly string[], known: readonly string[]): Format["role"] {
  const secretParts = secret.map((pattern) => pattern.split("."));
  const knownParts = known.map((pattern) => pattern.split("."));
  return (path) => {
    if (secretParts.some((parts) => matches(path, parts))) return "secret";
    if (knownParts.some((parts) => matches(path, parts))) return "public";
    return undefined;
  };
}

/** `env.<KEY>` (by the key's name) and `headers.<Name>` below `base` (of any length). */
function serverRole(path: Path, at: number, phantomEnv: readonly string[]): Role {
  const block = path[at];
  const key = path[at + 1];
  if (key === undefined || path.length !== at + 2) return undefined;
  if (block === "env") return isSecretEnvKey(key, phantomEnv) ? "secret" : "public";
  if (block === "headers" || block === "http_headers") {
    return SECRET_HEADER.test(key) ? "header" : "public";
  }
  return undefined;
}

/** MCP server definitions: `mcpServers.<name>.…`, also per project in `~/.claude.json`. */
function mcpServerRole(path: Path, phantomEnv: readonly string[]): Role {
  if (path[0] === "mcpServers") return serverRole(path, 2, phantomEnv);
  if (path[0] === "projects" && path[2] === "mcpServers") return serverRole(path, 4, phantomEnv);
  return undefined;
}

const FORMATS: readonly Format[] = [
  {
    id: "claude-credentials",
    label: "Claude credentials",
    syntax: "json",
    fits: (doc) =>
      ["claudeAiOauth", "mcpOAuth", "mcpOAuthClientConfig"].some((key) => Object.hasOwn(doc, key)),
    role: byPatterns(
      [
        "claudeAiOauth.accessToken",
        "claudeAiOauth.refreshToken",
        "mcpOAuth.*.accessToken",
        "mcpOAuth.*.refreshToken",
        "mcpOAuth.*.clientSecret",
        "mcpOAuthClientConfig.*.clientSecret",
      ],
      [
        "claudeAiOauth.expiresAt",
        "claudeAiOauth.scopes.*",
        "claudeAiOauth.subscriptionType",
        "claudeAiOauth.rateLimitTier",
        "mcpOAuth.*.serverName",
        "mcpOAuth.*.serverUrl",
        "mcpOAuth.*.expiresAt",
        "mcpOAuth.*.clientId",
        "mcpOAuth.*.scope",
        "mcpOAuth.*.discoveryState.*",
        "mcpOAuthClientConfig.*.clientId",
      ],
    ),
  },
  {
    id: "codex-auth",
    label: "Codex auth",
    syntax: "json",
    fits: (doc) => Object.hasOwn(doc, "OPENAI_API_KEY") || isObject(own(doc, "tokens")),
    role: byPatterns(
      [
        "OPENAI_API_KEY",
        "personal_access_token",
        "agent_identity",
        "tokens.access_token",
        "tokens.refresh_token",
        "tokens.id_token",
        "tokens.personal_access_token",
        "tokens.agent_identity",
      ],
      ["auth_mode", "last_refresh", "tokens.account_id"],
    ),
  },
  {
    id: "google-oauth",
    label: "Google OAuth",
    syntax: "json",
    fits: (doc) =>
      (Object.hasOwn(doc, "refresh_token") || Object.hasOwn(doc, "access_token")) &&
      (Object.hasOwn(doc, "token_type") || Object.hasOwn(doc, "scope")),
    role: byPatterns(
      ["access_token", "refresh_token", "client_secret", "id_token"],
      [
        "token_type",
        "scope",
        "expiry_date",
        "expiry",
        "client_id",
        "token_uri",
        "universe_domain",
        "account",
        "quota_project_id",
        "type",
        "scopes.*",
      ],
    ),
  },
  {
    id: "claude-config",
    label: "Claude config",
    syntax: "json",
    fits: (doc, fileName) => Object.hasOwn(doc, "primaryApiKey") || fileName === ".claude.json",
    role: (path, phantomEnv) =>
      path.length === 1 && path[0] === "primaryApiKey" ? "secret" : mcpServerRole(path, phantomEnv),
    open: true,
  },
  {
    id: "mcp-config",
    label: "MCP server config",
    syntax: "json",
    fits: (doc, fileName) =>
      [".mcp.json", "claude_desktop_config.json"].includes(fileName) &&
      isObject(own(doc, "mcpServers")),
    role: mcpServerRole,
    open: true,
  },
  {
    id: "claude-settings",
    label: "settings env",
    syntax: "json",
    fits: (doc, fileName) =>
      /^settings(?:\.local)?\.json$/.test(fileName) && isObject(own(doc, "env")),
    role: (path, phantomEnv) =>
      path.length === 2 && path[0] === "env"
        ? (isSecretEnvKey(path[1]!, phantomEnv) ? "secret" : "public")
        : undefined,
    open: true,
  },
  {
    id: "registry-auth",
    label: "container registry auth",
    syntax: "json",
    fits: (doc) => isObject(own(doc, "auths")),
    role: byPatterns(
      ["auths.*.auth", "auths.*.identitytoken", "auths.*.registrytoken", "auths.*.password"],
      ["auths.*.email", "auths.*.username"],
    ),
    open: true,
  },
  {
    id: "opencode-auth",
    label: "opencode auth",
    syntax: "json",
    // Too generic to recognise in any file: a user-defined provider's
    // `{"k": {"type": "bearer", "secret": "…"}}` must stay unknown (fail closed), not clean.
    fits: (doc, fileName) =>
      fileName === "auth.json" &&
      Object.values(doc).every((entry) =>
        isObject(entry) && typeof own(entry, "type") === "string"
      ),
    role: byPatterns(
      ["*.key", "*.access", "*.refresh", "*.token"],
      ["*.type", "*.expires", "*.accountId", "*.enterpriseUrl"],
    ),
  },
  {
    id: "codex-config",
    label: "Codex config",
    syntax: "toml",
    fits: (doc) => isObject(own(doc, "mcp_servers")),
    role: (path, phantomEnv) => {
      if (path[0] !== "mcp_servers") return undefined;
      if (path.length === 3 && path[2] === "bearer_token") return "secret";
      return serverRole(path, 2, phantomEnv);
    },
    open: true,
  },
  {
    id: "gh-hosts",
    label: "gh hosts",
    syntax: "yaml",
    // Any mapping of mappings would fit gh's shape: only gh's own file name is read as one.
    fits: (doc, fileName) =>
      /^hosts\.ya?ml$/.test(fileName) &&
      Object.values(doc).every((host) => host === null || isObject(host)),
    role: byPatterns(
      ["*.oauth_token", "*.users.*.oauth_token"],
      ["*.user", "*.git_protocol", "*.users.*.git_protocol"],
    ),
  },
  {
    id: "glab-config",
    label: "glab config",
    syntax: "yaml",
    fits: (doc) => {
      const hosts = own(doc, "hosts");
      return isObject(hosts) &&
        Object.values(hosts).every((host) => host === null || isObject(host));
    },
    role: byPatterns(
      [
        "hosts.*.token",
        "hosts.*.oauth2_refresh_token",
        "hosts.*.oauth2_code_verifier",
        "hosts.*.job_token",
      ],
      [
        ...[
          "git_protocol",
          "editor",
          "browser",
          "glamour_style",
          "check_update",
          "last_update_check_timestamp",
          "display_hyperlinks",
          "host",
          "no_prompt",
          "telemetry",
          "visual",
          "remote_alias",
        ],
        ...[
          "api_protocol",
          "api_host",
          "git_protocol",
          "user",
          "container_registry_domains",
          "is_oauth2",
          "oauth2_expiry_date",
          "client_id",
          "skip_tls_verify",
          "ca_cert",
        ].map((key) => `hosts.*.${key}`),
        "aliases.*",
      ],
    ),
  },
  {
    id: "aws-credentials",
    label: "AWS credentials",
    syntax: "ini",
    fits: (doc) =>
      Object.values(doc).some((section) =>
        isObject(section) &&
        ["aws_access_key_id", "aws_secret_access_key", "aws_session_token"].some((key) =>
          Object.hasOwn(section, key)
        )
      ),
    role: byPatterns(
      ["*.aws_secret_access_key", "*.aws_session_token", "*.aws_security_token"],
      [],
    ),
    open: true,
  },
  {
    id: "npmrc",
    label: "npmrc",
    syntax: "ini",
    fits: (_doc, fileName) => fileName === ".npmrc",
    role: (path) =>
      /(?:^|:)_(?:authToken|auth|password)$/.test(path[path.length - 1] ?? "")
        ? "secret"
        : undefined,
    open: true,
  },
  {
    id: "dotenv",
    label: "dotenv",
    syntax: "dotenv",
    fits: (_doc, fileName) => isDotenvName(fileName),
    // Every variable is known: its name says whether it holds a secret.
    role: (path, phantomEnv) => isSecretEnvKey(path[0]!, phantomEnv) ? "secret" : "public",
  },
  {
    id: "git-credentials",
    label: "git credentials",
    syntax: "git-credentials",
    fits: (_doc, fileName) => fileName === ".git-credentials",
    role: (path) => path[1] === "password" ? "secret" : "public",
  },
];

const BY_ID = new Map(FORMATS.map((format) => [format.id, format]));

/** True for the file names read as dotenv (`.env`, `.env.*`, `*.env`). */
export function isDotenvName(name: string): boolean {
  return formatsForName(name)[0] === "dotenv";
}

/** Every format's id: the ones a roster entry may name. */
export const FORMAT_IDS: readonly string[] = FORMATS.map((format) => format.id);

// --- Parsing ---------------------------------------------------------------------------------

/** A parsed document: its tree, and how to find where a value is written. */
interface Parsed {
  readonly doc: Json;
  /** The line of a value (its `occurrence`-th appearance in the text), or `null`. */
  readonly lineOf: (path: Path, value: string) => number | null;
}

/** Finds values in the text in document order: the same value twice gets each place. */
function searchingLines(text: string, escape: (value: string) => string): Parsed["lineOf"] {
  const from = new Map<string, number>();
  return (_path, value) => {
    const needle = escape(value);
    const at = text.indexOf(needle, from.get(needle) ?? 0);
    if (at === -1) return null;
    from.set(needle, at + needle.length);
    return new LineCounter(text).lineAt(at);
  };
}

/** Line-based syntaxes know each value's line: keyed by path. */
function knownLines(lines: Map<string, number>): Parsed["lineOf"] {
  return (path) => lines.get(path.join("\u0000")) ?? null;
}

/** Something other than JSON's whitespace. */
const NOT_JSON_SPACE = /[^ \t\n\r]/g;

/**
 * Whether `text` is JSON Lines (a session log): its first line a whole JSON value and more
 * after it, so `JSON.parse` of the whole would throw. Told first because a throw costs as
 * much as parsing a large file, and most files in the mounts are such logs. Anything else
 * (a first line that does not end a value, or does not parse) is left to `JSON.parse`.
 */
function isJsonLines(text: string): boolean {
  const end = text.indexOf("\n");
  if (end === -1) return false;
  const first = text.slice(0, end).trimEnd();
  if (!first.endsWith("}")) return false;
  NOT_JSON_SPACE.lastIndex = end;
  if (!NOT_JSON_SPACE.test(text)) return false;
  try {
    JSON.parse(first);
    return true;
  } catch {
    return false;
  }
}

function parse(text: string, syntax: Syntax): Parsed | null {
  try {
    switch (syntax) {
      case "json": {
        if (isJsonLines(text)) return null;
        const doc = JSON.parse(text);
        return isObject(doc)
          ? { doc, lineOf: searchingLines(text, (v) => JSON.stringify(v).slice(1, -1)) }
          : null;
      }
      case "yaml": {
        const doc = parseYaml(text);
        return isObject(doc) ? { doc, lineOf: searchingLines(text, (v) => v) } : null;
      }
      case "toml":
        return { doc: parseToml(text), lineOf: searchingLines(text, (v) => v) };
      case "ini":
        return parseIniDoc(text);
      case "dotenv":
        return parseDotenv(text);
      case "git-credentials":
        return parseGitCredentials(text);
    }
  } catch (error) {
    // Not a parse error: the caller loads the parser and asks again.
    if (error instanceof YamlParserNotLoadedError) throw error;
    return null;
  }
}

function parseIniDoc(text: string): Parsed {
  const doc: Json = {};
  const lines = new Map<string, number>();
  for (const entry of parseIni(text)) {
    const path = entry.section === null ? [entry.key] : [entry.section, entry.key];
    let table = doc;
    if (entry.section !== null) {
      const section = own(doc, entry.section);
      table = isObject(section) ? section : (doc[entry.section] = {}) as Json;
    }
    table[entry.key] = withoutReferences(entry.value);
    lines.set(path.join("\u0000"), entry.line);
  }
  return { doc, lineOf: knownLines(lines) };
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
    const inner = raw.slice(1, close);
    // Single quotes expand nothing; in double quotes and bare values references expand.
    return quote === "'" ? inner : withoutReferences(inner);
  }
  return withoutReferences(raw.replace(/\s+#.*$/, "").trim());
}

/**
 * A value with its variable references (`$X`, `${X}`, `${X:-default}`) removed: loaders
 * expand them, and an unset or empty one (`${EMPTY}`) adds nothing, so what is left is what
 * the value holds for sure (`${EMPTY}<key>` holds the key).
 */
function withoutReferences(value: string): string {
  return value.replace(
    /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=+?][^}]{0,200})?\}|\$[A-Za-z_][A-Za-z0-9_]*/g,
    "",
  );
}

function parseDotenv(text: string): Parsed | null {
  const doc: Json = {};
  const lines = new Map<string, number>();
  for (const [i, line] of text.split("\n").entries()) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const parsed = DOTENV_LINE.exec(line.replace(/\r$/, ""));
    if (parsed === null) return null;
    const value = dotenvValue(parsed[2]!);
    if (value === undefined) return null;
    doc[parsed[1]!] = value;
    lines.set(parsed[1]!, i + 1);
  }
  return { doc, lineOf: knownLines(lines) };
}

function parseGitCredentials(text: string): Parsed | null {
  const doc: Json = {};
  const lines = new Map<string, number>();
  for (const [i, line] of text.split("\n").entries()) {
    const trimmed = line.trim();
    if (trimmed === "") continue;
    let url: URL;
    try {
      url = new URL(trimmed);
    } catch {
      return null;
    }
    let password: string;
    try {
      password = decodeURIComponent(url.password);
    } catch {
      password = url.password;
    }
    if (Object.hasOwn(doc, url.host)) continue; // git uses the first line for a host
    doc[url.host] = { username: url.username, password };
    lines.set([url.host, "password"].join("\u0000"), i + 1);
    lines.set([url.host, "username"].join("\u0000"), i + 1);
  }
  return { doc, lineOf: knownLines(lines) };
}

// --- Reading ---------------------------------------------------------------------------------

interface Leaf {
  readonly path: string[];
  readonly value: string;
}

/** The string (and number) values of a document, in document order, bounded. */
function leavesOf(doc: unknown): Leaf[] {
  const out: Leaf[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (out.length >= MAX_LEAVES || path.length > MAX_DEPTH) return;
    if (typeof value === "string") out.push({ path, value });
    else if (typeof value === "number") out.push({ path, value: String(value) });
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, String(i)]));
    else if (isObject(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(doc, []);
  return out;
}

class Collector {
  readonly values: SecretValue[] = [];
  readonly unknown: UnknownValue[] = [];

  take(format: Format, parsed: Parsed, leaves: readonly Leaf[], phantomEnv: readonly string[]) {
    for (const { path, value } of leaves) {
      const role = format.role(path, phantomEnv);
      if (role === "public") continue;
      const keyPath = path.join(".");
      if (role === "secret" || role === "header") {
        const secret = role === "header" ? value.replace(AUTH_SCHEME, "") : value;
        if (this.values.length >= MAX_VALUES || !holdsSecret(secret)) continue;
        if (this.values.some((item) => item.keyPath === keyPath)) continue;
        this.values.push({
          label: format.label,
          keyPath,
          value: secret,
          line: parsed.lineOf(path, value),
        });
        continue;
      }
      if (format.open || typeof value !== "string" || value.trim() === "") continue;
      if (holdsPhantomMarker(value) || this.unknown.length >= MAX_VALUES) continue;
      this.unknown.push({ keyPath, value, line: parsed.lineOf(path, value) });
    }
  }
}

function keyPathFinder(leavesOf: () => readonly Leaf[]): FormatReading["keyPathOf"] {
  let leaves: readonly Leaf[] | undefined;
  return (token) => {
    leaves ??= leavesOf();
    const unescaped = token.replace(/\\r/g, "\r").replace(/\\n/g, "\n");
    const leaf = leaves.find((item) =>
      item.value.includes(token) || item.value.includes(unescaped)
    );
    return leaf === undefined ? null : leaf.path.join(".");
  };
}

function tooLarge(text: string): boolean {
  return text.length > MAX_DOCUMENT_CHARS || text.startsWith("\uFEFF");
}

/**
 * Reads `text` as the format a roster entry names: every value is a secret, known, or
 * unknown. `null` when the text is not in that format (it does not parse, or does not fit).
 */
export function readFormatAs(
  text: string,
  formatId: string,
  phantomEnv: readonly string[],
): FormatReading | null {
  const format = BY_ID.get(formatId);
  if (format === undefined || tooLarge(text)) return null;
  const parsed = parse(text, format.syntax);
  if (parsed === null || !format.fits(parsed.doc, fileNameFitting(format))) return null;
  const leaves = leavesOf(parsed.doc);
  const out = new Collector();
  out.take(format, parsed, leaves, phantomEnv);
  return {
    format: format.id,
    values: out.values,
    unknown: out.unknown,
    keyPathOf: keyPathFinder(() => leaves),
  };
}

/** A file name that fits the formats tied to names, when the roster names the format. */
function fileNameFitting(format: Format): string {
  const names: Record<string, string> = {
    "gh-hosts": "hosts.yml",
    "opencode-auth": "auth.json",
    "claude-settings": "settings.json",
    "claude-config": ".claude.json",
    "mcp-config": ".mcp.json",
    npmrc: ".npmrc",
    dotenv: ".env",
    "git-credentials": ".git-credentials",
  };
  return names[format.id] ?? "";
}

/** Syntaxes a file name and text suggest, in the order to try them. */
function syntaxesOf(text: string, fileName: string): Syntax[] {
  if (/\.ya?ml$/i.test(fileName)) return ["yaml"];
  if (/\.toml$/i.test(fileName)) return ["toml"];
  if (/^\s*\{/.test(text)) return ["json"];
  if (isDotenvName(fileName)) return ["dotenv"];
  if (fileName === ".git-credentials") return ["git-credentials"];
  if (fileName === ".npmrc" || fileName === "credentials" || fileName === "config") return ["ini"];
  return [];
}

/**
 * Reads `text` as every known format its name and content fit (the deep scan's view): the
 * secrets of all of them. A BOM, a parse error or an unknown shape gives no format (the
 * caller then falls back to the token rules).
 */
export function readFormat(
  text: string,
  fileName: string,
  phantomEnv: readonly string[],
): FormatReading {
  if (tooLarge(text)) return NOTHING;
  const out = new Collector();
  let first: string | null = null;
  let doc: Json | undefined;
  let leaves: Leaf[] | undefined;
  for (const syntax of syntaxesOf(text, fileName)) {
    const parsed = parse(text, syntax);
    if (parsed === null) continue;
    doc = parsed.doc;
    for (const format of FORMATS) {
      if (format.syntax !== syntax || !format.fits(parsed.doc, fileName)) continue;
      first ??= format.id;
      leaves ??= leavesOf(parsed.doc);
      out.take({ ...format, open: true }, parsed, leaves, phantomEnv);
    }
  }
  if (doc === undefined) return NOTHING;
  const parsedDoc = doc;
  const keyPathOf = keyPathFinder(() => leaves ?? leavesOf(parsedDoc));
  return { format: first, values: out.values, unknown: [], keyPathOf };
}

/**
 * The format a file name alone names, for a credential path whose roster entry names none:
 * the first format the tools writing that name use whose shape the text fits (`auth.json`:
 * Codex's, opencode's or a container registry's), else the first of them; `null` for a name
 * no format is tied to.
 */
export function formatForName(text: string, fileName: string): string | null {
  const candidates = formatsForName(fileName);
  for (const id of candidates) {
    const format = BY_ID.get(id)!;
    const parsed = tooLarge(text) ? null : parse(text, format.syntax);
    if (parsed !== null && format.fits(parsed.doc, fileName)) return id;
  }
  return candidates[0] ?? null;
}
