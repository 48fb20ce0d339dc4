/**
 * Types of the agent roster: one validated roster file per entry, with the schema's defaults
 * applied, plus the facts derived from it.
 *
 * Field names follow the roster YAML (snake_case) so a roster file and its typed form read
 * alike. Optional fields are absent (never `undefined`) when the file does not set them or
 * sets them to `null`.
 *
 * @module
 */

/** What an entry is: the first three are agents, `tool` and `runtime` are not. */
export type EntryKind = "native" | "opencode" | "bridge" | "tool" | "runtime";

/** The kinds that count as agents. */
export type AgentKind = "native" | "opencode" | "bridge";

/** The `git_identity` section. */
export interface GitIdentityConfig {
  /** The git author name. */
  readonly name?: string;
  /** The git author email. */
  readonly email?: string;
}

/** The `headless` section: how to run the agent without a terminal. */
export interface HeadlessConfig {
  /** The subcommand for headless runs. */
  readonly subcommand?: string;
  /** The flag that passes the prompt (default `-p`). */
  readonly prompt_flag: string;
  /** The flag that selects a model. */
  readonly model_flag?: string;
  /** The flag that limits the number of turns. */
  readonly max_turns_flag?: string;
  /** The flag that turns on verbose output. */
  readonly verbose_flag?: string;
  /** Flags that select the output format (default none). */
  readonly output_format_flags: readonly string[];
}

/** The `auto_approve` section. */
export interface AutoApproveConfig {
  /** Environment variables that turn on auto-approval. */
  readonly env: Readonly<Record<string, string>>;
  /** Flags that turn on auto-approval (default none). */
  readonly flags: readonly string[];
}

/** The `session` section. */
export interface SessionConfig {
  /** Whether sessions can be resumed (default false). */
  readonly supports_resume: boolean;
  /** The flag that resumes a session. */
  readonly resume_flag?: string;
  /** The flag that continues the last session. */
  readonly continue_flag?: string;
  /** Where the agent keeps its session. */
  readonly session_file?: string;
  /** Whether the agent supports hooks (default false). */
  readonly supports_hook: boolean;
}

/** The `capabilities` section. */
export interface CapabilitiesConfig {
  /** Whether the agent reads an agents JSON file (default false). */
  readonly agents_json: boolean;
  /** Whether the agent accepts extra directories (default false). */
  readonly add_dir: boolean;
  /** The agent's log format (default `plain`). */
  readonly log_format: "plain" | "claude-stream-json";
}

/** The `wrapper` section. */
export interface WrapperConfig {
  /** Subcommands the wrapper refuses (default none). */
  readonly refuse_subcommands: readonly string[];
}

/** The `opencode` section of an OpenAI-compatible provider run through OpenCode. */
export interface OpencodeConfig {
  /** The provider's name as shown to users. */
  readonly display_name: string;
  /** The OpenAI-compatible base URL. */
  readonly base_url: string;
  /** The model used by default. */
  readonly preferred_model: string;
  /** The model used when the preferred one is unavailable. */
  readonly fallback_model: string;
  /** The prefix of the provider's variables. */
  readonly env_var_prefix: string;
  /** The config directory under the home directory. */
  readonly config_dir: string;
  /** Where users create an API key. */
  readonly auth_key_url: string;
  /** A hint shown when asking for an API key. */
  readonly api_key_hint?: string;
}

/** The `auth.auth_key` section. */
export interface AuthKeyConfig {
  /** A label shown to users. */
  readonly label?: string;
  /** Where users create the key. */
  readonly key_url: string;
  /** The variable the key is passed in. */
  readonly env_var: string;
  /** Where the key is stored. */
  readonly config_path: string;
  /** The printf template that writes the key. */
  readonly printf_template: string;
  /** The tool's name. */
  readonly tool_name?: string;
}

/** How an entry can authenticate. */
export type AuthMode = "oauth" | "api_key";

/** The `auth` section. */
export interface AuthConfig {
  /** One path segment under the mounts dir, e.g. `_claude-config`. */
  readonly host_dir: string;
  /** Where the container sees the auth directory. */
  readonly container_mount: string;
  /** The login command. */
  readonly command?: readonly string[];
  /** How to ask for and store an API key. */
  readonly auth_key?: AuthKeyConfig;
  /** A hint shown in the login banner (default empty). */
  readonly banner_hint: string;
  /** A hint shown when asking for an API key. */
  readonly api_key_hint: string;
  /** Extra container run arguments (default none). */
  readonly extra_run_args: readonly string[];
  /** How it can authenticate (default `[api_key]`). */
  readonly modes: readonly AuthMode[];
  /** File name -> free-form state mapping (`null` in the file reads as `{}`). */
  readonly post_capture_state: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** The kind of credential the vault holds for a route. */
export type CredentialType = "api_key" | "oauth" | "oauth_token" | "pat";

/** The `vault.oauth_refresh` section. */
export interface OAuthRefreshConfig {
  /** The OAuth token endpoint. */
  readonly token_url: string;
  /** The OAuth client id. */
  readonly client_id: string;
  /** The OAuth scope, when set. */
  readonly scope?: string;
}

/** The `vault` section: the entry's vault route. */
export interface VaultConfig {
  /** The prefix of the vault route; unique across the roster. */
  readonly route_prefix: string;
  /** An http(s) URL. */
  readonly upstream: string;
  /** Path prefix -> http(s) URL. */
  readonly path_upstreams: Readonly<Record<string, string>>;
  /** Header -> value, added to OAuth requests. */
  readonly oauth_extra_headers: Readonly<Record<string, string>>;
  /** The header carrying the credential (default `Authorization`; `dynamic` lets the vault choose). */
  readonly auth_header: string;
  /** The prefix before the credential in the header (default `"Bearer "`). */
  readonly auth_prefix: string;
  /** The kind of credential (default `api_key`). */
  readonly credential_type: CredentialType;
  /** Relative to the auth mount; `""` means none. */
  readonly credential_file: string;
  /** Variables that get a phantom API key. */
  readonly phantom_env: Readonly<Record<string, boolean>>;
  /** Variables that get a phantom OAuth token. */
  readonly oauth_phantom_env: Readonly<Record<string, boolean>>;
  /** Credential type (or `_default`) -> the variable that gets the phantom token. */
  readonly token_env: Readonly<Record<string, string>>;
  /** The variable that points the agent at the vault (default empty). */
  readonly base_url_env: string;
  /** The variable that points the agent at the vault socket (default empty). */
  readonly socket_env: string;
  /** The upstream's domain also carries non-API traffic (e.g. `git push`); default false. */
  readonly shared_domain: boolean;
  /** A free-form description of a config patch. */
  readonly shared_config_patch?: Readonly<Record<string, unknown>>;
  /** How the vault refreshes an OAuth token. */
  readonly oauth_refresh?: OAuthRefreshConfig;
}

/** The `sidecar` section. */
export interface SidecarConfig {
  /** The tool's name. */
  readonly tool_name?: string;
  /** Variable -> sidecar setting. */
  readonly env_map: Readonly<Record<string, string>>;
}

/** The `install` section (`depends_on` given as one string reads as a one-item list). */
export interface InstallConfig {
  /** Entries this one needs installed first (default none). */
  readonly depends_on: readonly string[];
  /** Shell commands run as root (default empty). */
  readonly run_as_root: string;
  /** Shell commands run as the dev user (default empty). */
  readonly run_as_dev: string;
}

/** The `help` section. */
export interface HelpConfig {
  /** A label shown to users. */
  readonly label: string;
  /** Where help lists it (default `agent`). */
  readonly section: "agent" | "dev_tool";
}

/** One item of `mounts`. */
export interface MountConfig {
  /** The directory under the mounts dir. */
  readonly host_dir: string;
  /** Where the container sees it. */
  readonly container_path: string;
  /** A label shown to users. */
  readonly label?: string;
}

/** One validated roster file (after merging user overrides), defaults applied. */
export interface EntryConfig {
  /** What the entry is (default `native`). */
  readonly kind: EntryKind;
  /** A label shown to users. */
  readonly label?: string;
  /** The executable name. */
  readonly binary?: string;
  /** The `git_identity` section. */
  readonly git_identity?: GitIdentityConfig;
  /** The `headless` section. */
  readonly headless?: HeadlessConfig;
  /** The `auto_approve` section. */
  readonly auto_approve?: AutoApproveConfig;
  /** The `session` section. */
  readonly session?: SessionConfig;
  /** The `capabilities` section. */
  readonly capabilities?: CapabilitiesConfig;
  /** The `wrapper` section. */
  readonly wrapper?: WrapperConfig;
  /** The `opencode` section. */
  readonly opencode?: OpencodeConfig;
  /** The `auth` section: where the entry's credentials live. */
  readonly auth?: AuthConfig;
  /** The `vault` section: the entry's route. */
  readonly vault?: VaultConfig;
  /** The `sidecar` section. */
  readonly sidecar?: SidecarConfig;
  /** The `install` section. */
  readonly install?: InstallConfig;
  /** The `help` section. */
  readonly help?: HelpConfig;
  /** Extra directories mounted into the container (default none). */
  readonly mounts: readonly MountConfig[];
  /** Whether the entry serves web traffic (default false). */
  readonly web_ingress: boolean;
}

/** Where an entry's credentials live: a directory under the mounts dir. */
export interface AuthProvider {
  /** One path segment under the mounts dir, e.g. `_claude-config`. */
  readonly hostDir: string;
  /** Where the container sees it; `null` for a derived provider. */
  readonly containerMount: string | null;
  /** True when derived from an `opencode` section (no `auth` section). */
  readonly derived: boolean;
}

/** One roster entry: its name, where it came from, its config and derived facts. */
export interface RosterEntry {
  /** The file stem (`claude.yaml` -> `claude`). */
  readonly name: string;
  /** The files it was built from, base first (`<built-in>/claude.yaml` for the built-in). */
  readonly files: readonly string[];
  /** The validated config, defaults applied. */
  readonly config: EntryConfig;
  /** True for the kinds native, opencode and bridge. */
  readonly isAgent: boolean;
  /** Where its credentials live, or `null`. */
  readonly authProvider: AuthProvider | null;
  /** The `vault` section, or `null` when the entry has no route. */
  readonly vaultRoute: VaultConfig | null;
}

/** A loaded version-1 roster (agents only): its entries in name order. */
export interface RosterV1 {
  /** The roster version: 1 (terok-executor up to 0.1.1a1). */
  readonly version: 1;
  /** The entries, sorted by name. */
  readonly entries: readonly RosterEntry[];
}

/** A loaded version-3 roster (providers and agents). */
export interface RosterV3 {
  /** The roster version: 3 (terok-executor 0.4.0a17 and later). */
  readonly version: 3;
  /** The providers in name order; each has a route in routes.json. */
  readonly providers: readonly ProviderEntry[];
  /** The agents (all kinds) in name order. */
  readonly agents: readonly AgentEntryV3[];
  /**
   * The shared mounts, deduplicated by host dir (the first in name order wins): each agent's
   * `auth` dir, its `mounts:`, then the auth dir terok derives for each provider with an
   * `opencode` section that no agent binds.
   */
  readonly mounts: readonly MountV3[];
}

/** A loaded roster: version 1 (agents with `vault` sections) or version 3 (providers). */
export type Roster = RosterV1 | RosterV3;

/** One `auth.api_key` / `auth.oauth` block of a provider. */
export interface ProviderAuthMode {
  /** The header carrying the credential. */
  readonly header: string;
  /** The prefix before the credential (default empty). */
  readonly prefix: string;
  /** Headers added for this mode only. */
  readonly extra_headers: Readonly<Record<string, string>>;
}

/** One validated provider file (`providers/<name>.yaml`), defaults applied. */
export interface ProviderConfig {
  /** An http(s) URL. */
  readonly upstream: string;
  /** At least one of the two modes. */
  readonly auth: { readonly api_key?: ProviderAuthMode; readonly oauth?: ProviderAuthMode };
  /** Path prefix -> http(s) URL. */
  readonly path_upstreams: Readonly<Record<string, string>>;
  /** How the vault refreshes an OAuth token. */
  readonly oauth_refresh?: OAuthRefreshConfig;
  /** The upstream's domain also carries non-API traffic. */
  readonly shared_domain: boolean;
  /** Extra hosts the provider's runtime reaches directly. */
  readonly egress?: { readonly allow: readonly string[] };
  /** Wire protocol -> base path. */
  readonly serves: Readonly<Record<string, string>>;
  /** The OpenCode settings of a harness-driven provider. */
  readonly opencode?: OpencodeConfig;
  /** The `install` section. */
  readonly install?: InstallConfig;
  /** The `help` section. */
  readonly help?: HelpConfig;
}

/** A provider of a version-3 roster. */
export interface ProviderEntry {
  /** The file stem (`anthropic.yaml` -> `anthropic`): the routes.json key. */
  readonly name: string;
  /** The files it was built from, base first. */
  readonly files: readonly string[];
  /** The validated config. */
  readonly config: ProviderConfig;
}

/** What a version-3 entry is. */
export type AgentKindV3 = "native" | "harness" | "frontend" | "tool" | "infra";

/** The `provider:` binding of a version-3 agent. */
export interface ProviderBindingConfig {
  /** The provider this agent routes to. */
  readonly default?: string;
  /** Credential type (or `_default`) -> the variable that gets the phantom token. */
  readonly token_env: Readonly<Record<string, string>>;
  /** The variable that points the agent at the vault (default empty). */
  readonly base_url_env: string;
  /** The variable that points the agent at the vault socket (default empty). */
  readonly socket_env: string;
  /** Relative to the auth mount; `""` means none. */
  readonly credential_file: string;
  /** The credential file is mounted writable. */
  readonly credential_file_writable: boolean;
  /** The kind of credential (default `api_key`). */
  readonly credential_type: CredentialType;
  /** A free-form description of a config patch. */
  readonly config_patch?: Readonly<Record<string, unknown>>;
}

/** The `auth` section of a version-3 agent. */
export interface AuthConfigV3 {
  /** One path segment under the mounts dir. */
  readonly host_dir: string;
  /** Where the container sees the auth directory. */
  readonly container_mount: string;
  /** The login command. */
  readonly command?: readonly string[];
  /** How to ask for and store an API key. */
  readonly auth_key?: AuthKeyConfig;
  /** A hint shown in the login banner. */
  readonly banner_hint: string;
  /** Extra container run arguments. */
  readonly extra_run_args: readonly string[];
  /** How it can authenticate. */
  readonly modes: readonly AuthMode[];
  /** The OAuth flow has a device-code variant. */
  readonly device_auth: boolean;
  /** A hint shown when asking for an API key. */
  readonly api_key_hint: string;
  /** File name -> free-form state mapping. */
  readonly post_capture_state: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One validated version-3 agent file (`agents/<name>.yaml`), defaults applied. */
export interface AgentConfigV3 {
  /** What the entry is (default `native`). */
  readonly kind: AgentKindV3;
  /** A label shown to users. */
  readonly label?: string;
  /** The executable name. */
  readonly binary?: string;
  /** The `git_identity` section. */
  readonly git_identity?: GitIdentityConfig;
  /** The `headless` section. */
  readonly headless?: HeadlessConfig;
  /** The `auto_approve` section. */
  readonly auto_approve?: AutoApproveConfig;
  /** The `session` section. */
  readonly session?: SessionConfig;
  /** The `capabilities` section. */
  readonly capabilities?: {
    readonly add_dir: boolean;
    readonly log_format: "plain" | "claude-stream-json";
  };
  /** The `wrapper` section. */
  readonly wrapper?: {
    readonly refuse_subcommands: readonly string[];
    readonly launcher?: { readonly script: string; readonly mode: "on_provider_select" | "always" };
  };
  /** The `auth` section: where the agent's credentials live. */
  readonly auth?: AuthConfigV3;
  /** The wire protocol the agent speaks. */
  readonly protocol?: string;
  /** The provider binding. */
  readonly provider?: ProviderBindingConfig;
  /** The `sidecar` section. */
  readonly sidecar?: SidecarConfig;
  /** The `install` section. */
  readonly install?: InstallConfig;
  /** The `help` section. */
  readonly help?: HelpConfig;
  /** Extra directories mounted into the container. */
  readonly mounts: readonly MountConfig[];
  /** Whether the entry serves web traffic. */
  readonly web_ingress: boolean;
}

/** An agent (any kind) of a version-3 roster. */
export interface AgentEntryV3 {
  /** The file stem. */
  readonly name: string;
  /** The files it was built from, base first. */
  readonly files: readonly string[];
  /** The validated config. */
  readonly config: AgentConfigV3;
}

/** A shared mount of a version-3 roster, as terok derives it. */
export interface MountV3 {
  /** One path segment under the mounts dir. */
  readonly hostDir: string;
  /** The agent (or, for a derived OpenCode dir, the provider) that names it. */
  readonly owner: string;
  /** Relative to the mount; `""` when it carries no credential file. */
  readonly credentialFile: string;
  /** The variables that get a phantom token (the binding's `token_env` values). */
  readonly phantomEnv: readonly string[];
}

/** A warning or information line from the loader, for the caller to print. */
export interface RosterNotice {
  /** `warning` for something the user should fix, `info` otherwise. */
  readonly level: "warning" | "info";
  /** The file the notice is about, as shown to users. */
  readonly file: string;
  /** The sentence to show. */
  readonly message: string;
}

/** Where {@linkcode loadRoster} reads from. */
export interface LoadRosterOptions {
  /** A directory whose `*.yaml` replace the built-in roster; `undefined` = built-in. */
  rosterDir?: string | undefined;
  /** The user override directory; `null` or `undefined` = no overrides. A missing dir is empty. */
  userDir?: string | null | undefined;
  /**
   * The user provider override directory (version 3 only); `null` or `undefined` = none. A
   * missing dir is empty.
   */
  userProvidersDir?: string | null | undefined;
  /** Receives warnings (e.g. a newer `roster_version`) and information lines. */
  onNotice?: ((notice: RosterNotice) => void) | undefined;
}

/** A credential file the leak scanner looks for: `<mounts>/<hostDir>/<credentialFile>`. */
export interface CredentialTarget {
  /** The roster entry name. */
  provider: string;
  /** One path segment under the mounts dir. */
  hostDir: string;
  /** Relative to `hostDir`, never empty, never absolute, no `..` or empty segments. */
  credentialFile: string;
  /**
   * The environment variables the entry proxies (`phantom_env` and `oauth_phantom_env` keys
   * set to true): in a dotenv credential file their values are secrets. Absent means none.
   */
  phantomEnv?: readonly string[];
  /**
   * A config that can hold a secret (Claude Code's `.claude.json`): a leak only where a
   * secret-bearing value holds a secret, and `clean` strips it, never removes it.
   */
  config?: boolean;
  /**
   * The format the file is judged by, from which vendor's file it is (`claude-credentials`,
   * `codex-auth`, `gh-hosts`, `dotenv`, ...); absent when the entry names no known format.
   */
  format?: string;
}
