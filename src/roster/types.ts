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
  readonly name?: string;
  readonly email?: string;
}

/** The `headless` section: how to run the agent without a terminal. */
export interface HeadlessConfig {
  readonly subcommand?: string;
  readonly prompt_flag: string;
  readonly model_flag?: string;
  readonly max_turns_flag?: string;
  readonly verbose_flag?: string;
  readonly output_format_flags: readonly string[];
}

/** The `auto_approve` section. */
export interface AutoApproveConfig {
  readonly env: Readonly<Record<string, string>>;
  readonly flags: readonly string[];
}

/** The `session` section. */
export interface SessionConfig {
  readonly supports_resume: boolean;
  readonly resume_flag?: string;
  readonly continue_flag?: string;
  readonly session_file?: string;
  readonly supports_hook: boolean;
}

/** The `capabilities` section. */
export interface CapabilitiesConfig {
  readonly agents_json: boolean;
  readonly add_dir: boolean;
  readonly log_format: "plain" | "claude-stream-json";
}

/** The `wrapper` section. */
export interface WrapperConfig {
  readonly refuse_subcommands: readonly string[];
}

/** The `opencode` section of an OpenAI-compatible provider run through OpenCode. */
export interface OpencodeConfig {
  readonly display_name: string;
  readonly base_url: string;
  readonly preferred_model: string;
  readonly fallback_model: string;
  readonly env_var_prefix: string;
  readonly config_dir: string;
  readonly auth_key_url: string;
  readonly api_key_hint?: string;
}

/** The `auth.auth_key` section. */
export interface AuthKeyConfig {
  readonly label?: string;
  readonly key_url: string;
  readonly env_var: string;
  readonly config_path: string;
  readonly printf_template: string;
  readonly tool_name?: string;
}

/** How an entry can authenticate. */
export type AuthMode = "oauth" | "api_key";

/** The `auth` section. */
export interface AuthConfig {
  /** One path segment under the mounts dir, e.g. `_claude-config`. */
  readonly host_dir: string;
  readonly container_mount: string;
  readonly command?: readonly string[];
  readonly auth_key?: AuthKeyConfig;
  readonly banner_hint: string;
  readonly api_key_hint: string;
  readonly extra_run_args: readonly string[];
  readonly modes: readonly AuthMode[];
  /** File name -> free-form state mapping (`null` in the file reads as `{}`). */
  readonly post_capture_state: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** The kind of credential the vault holds for a route. */
export type CredentialType = "api_key" | "oauth" | "oauth_token" | "pat";

/** The `vault.oauth_refresh` section. */
export interface OAuthRefreshConfig {
  readonly token_url: string;
  readonly client_id: string;
  readonly scope?: string;
}

/** The `vault` section: the entry's vault route. */
export interface VaultConfig {
  readonly route_prefix: string;
  /** An http(s) URL. */
  readonly upstream: string;
  /** Path prefix -> http(s) URL. */
  readonly path_upstreams: Readonly<Record<string, string>>;
  readonly oauth_extra_headers: Readonly<Record<string, string>>;
  readonly auth_header: string;
  readonly auth_prefix: string;
  readonly credential_type: CredentialType;
  /** Relative to the auth mount; `""` means none. */
  readonly credential_file: string;
  readonly phantom_env: Readonly<Record<string, boolean>>;
  readonly oauth_phantom_env: Readonly<Record<string, boolean>>;
  readonly base_url_env: string;
  readonly socket_env: string;
  readonly shared_config_patch?: Readonly<Record<string, unknown>>;
  readonly oauth_refresh?: OAuthRefreshConfig;
}

/** The `sidecar` section. */
export interface SidecarConfig {
  readonly tool_name?: string;
  readonly env_map: Readonly<Record<string, string>>;
}

/** The `install` section (`depends_on` given as one string reads as a one-item list). */
export interface InstallConfig {
  readonly depends_on: readonly string[];
  readonly run_as_root: string;
  readonly run_as_dev: string;
}

/** The `help` section. */
export interface HelpConfig {
  readonly label: string;
  readonly section: "agent" | "dev_tool";
}

/** One item of `mounts`. */
export interface MountConfig {
  readonly host_dir: string;
  readonly container_path: string;
  readonly label?: string;
}

/** One validated roster file (after merging user overrides), defaults applied. */
export interface EntryConfig {
  readonly kind: EntryKind;
  readonly label?: string;
  readonly binary?: string;
  readonly git_identity?: GitIdentityConfig;
  readonly headless?: HeadlessConfig;
  readonly auto_approve?: AutoApproveConfig;
  readonly session?: SessionConfig;
  readonly capabilities?: CapabilitiesConfig;
  readonly wrapper?: WrapperConfig;
  readonly opencode?: OpencodeConfig;
  readonly auth?: AuthConfig;
  readonly vault?: VaultConfig;
  readonly sidecar?: SidecarConfig;
  readonly install?: InstallConfig;
  readonly help?: HelpConfig;
  readonly mounts: readonly MountConfig[];
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
  readonly config: EntryConfig;
  /** True for the kinds native, opencode and bridge. */
  readonly isAgent: boolean;
  readonly authProvider: AuthProvider | null;
  /** The `vault` section, or `null` when the entry has no route. */
  readonly vaultRoute: VaultConfig | null;
}

/** A loaded roster: its entries in name order. */
export interface Roster {
  readonly entries: readonly RosterEntry[];
}

/** A warning or information line from the loader, for the caller to print. */
export interface RosterNotice {
  readonly level: "warning" | "info";
  /** The file the notice is about, as shown to users. */
  readonly file: string;
  readonly message: string;
}

/** Where {@linkcode loadRoster} reads from. */
export interface LoadRosterOptions {
  /** A directory whose `*.yaml` replace the built-in roster; `undefined` = built-in. */
  rosterDir?: string | undefined;
  /** The user override directory; `null` or `undefined` = no overrides. A missing dir is empty. */
  userDir?: string | null | undefined;
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
}
