/**
 * What the default locations depend on: the variables the program may read and the path
 * context built from them. Its own module, so the path helpers (`_env_paths.ts`) and the
 * defaults (`paths.ts`) both depend on it and not on each other.
 *
 * @module
 */

/** The environment variables the program may read; the launcher grants exactly these. */
export const ENV_NAMES = [
  "TEROK_ROOT",
  "TEROK_CONFIG_FILE",
  "TEROK_SANDBOX_LIVE_DIR",
  "TEROK_VAULT_DIR",
  "XDG_DATA_HOME",
  "XDG_CONFIG_HOME",
  "HOME",
  "NO_COLOR",
] as const;

/** One of {@linkcode ENV_NAMES}. */
export type EnvName = typeof ENV_NAMES[number];

/** What the default locations depend on: a few variables, the uid, and terok's config.yml. */
export interface PathContext {
  /** Reads one of the named variables; an empty value counts as unset. */
  env(name: EnvName): string | undefined;
  /**
   * True when the uid is 0, taken as root (terok also asks for the initial user namespace,
   * which Deno cannot read without `-A`; see docs/locations.md).
   */
  isRoot: boolean;
  /** The system-wide config.yml; `/etc/terok/config.yml` unless a test puts it elsewhere. */
  systemConfigFile?: string;
  /**
   * `paths.root` from terok's config.yml, already read and checked (`readTerokConfig`), or
   * undefined for none. Asked only when ROOT is needed and `TEROK_ROOT` is unset; absent means
   * the config has not been read (the platform default then applies).
   */
  configRoot?: () => string | undefined;
  /**
   * `paths.sandbox_live_dir` from terok's config.yml, already read (`readTerokConfig`), or
   * undefined for none. Asked only for the mounts dir when `TEROK_SANDBOX_LIVE_DIR` is unset.
   */
  configSandboxLiveDir?: () => string | undefined;
}
