/**
 * The shapes the command-line modules share: command names, parsed command lines, the
 * option table's rows. Kept apart so parsing, errors and help import them without a cycle.
 *
 * @module
 */

/** The commands the program has. */
export type CommandName =
  | "routes"
  | "scan"
  | "clean"
  | "watch"
  | "quarantine"
  | "schema"
  | "completions";

/** What `scan --format` writes on stdout. */
export type OutputFormat = "text" | "json" | "sarif";

/** The shells `completions` writes a script for. */
export type ShellName = "bash" | "zsh" | "fish";

/** Where the roster comes from. */
export interface RosterOptions {
  /** `--roster DIR`: replaces the built-in default roster. */
  rosterDir?: string;
  /** `--user-dir DIR`: the user override directory instead of the default one. */
  userDir?: string;
  /** `--user-providers DIR`: the user provider override directory instead of the default one. */
  userProvidersDir?: string;
  /** `--no-user`: ignore user overrides (agents and providers). */
  noUser: boolean;
}

/** What the operator accepts (docs/accepted.md): `scan`, `clean` and `watch` take them. */
export interface AcceptOptions {
  /** `--allow-file FILE`: the allowlist instead of the default `vault-allow.yaml`. */
  allowFile?: string;
  /** `--baseline REPORT`: an earlier `scan --json` report; what it holds is known. */
  baseline?: string;
}

/** A parsed command line. */
export type Invocation =
  | { command: "help"; topic?: CommandName }
  | { command: "version" }
  | {
    command: "schema";
    /** Which file's schema: a roster file (the default) or the allowlist (`schema allowlist`). */
    of?: "allowlist";
  }
  | { command: "completions"; shell: ShellName }
  | { command: "routes"; output?: string; check: boolean; roster: RosterOptions }
  | {
    command: "scan";
    mountsDir?: string;
    json: boolean;
    /** `--format`: text (the default), json (as `--json`) or sarif; absent means as `json` says. */
    format?: OutputFormat;
    deep?: boolean;
    /** `--unsafe-open-by-name`: open by name where a private link is refused (not open-safe). */
    unsafeOpenByName?: true;
    roster: RosterOptions;
  } & AcceptOptions
  | {
    command: "clean";
    mountsDir?: string;
    json: boolean;
    dryRun: boolean;
    /** `--delete`: unlink leaks and keep nothing (a config is still only stripped). */
    delete: boolean;
    /** `--strip`: rewrite JSON and dotenv leaks without their secrets, keeping the original. */
    strip: boolean;
    /** `--unsafe-open-by-name`: open by name where a private link is refused (not open-safe). */
    unsafeOpenByName?: true;
    roster: RosterOptions;
  } & AcceptOptions
  | {
    command: "watch";
    mountsDir?: string;
    json: boolean;
    clean: boolean;
    /** `--strip` (with `--clean`): strip as `clean --strip` does. */
    strip: boolean;
    deep: boolean;
    /** `--interval SECONDS`: the safety-net full rescan period, in seconds (default 300). */
    intervalSeconds: number;
    /** `--unsafe-open-by-name`: open by name where a private link is refused (not open-safe). */
    unsafeOpenByName?: true;
    roster: RosterOptions;
  } & AcceptOptions
  | {
    command: "quarantine";
    /** `list`, `restore ID` or `purge ID | --older-than DAYS`. */
    action: "list" | "restore" | "purge";
    /** The entry id of `restore` and `purge`. */
    id?: string;
    /** `restore --to DIR`: restore under DIR instead of the mount. */
    to?: string;
    /** `purge --older-than DAYS`. */
    olderThanDays?: number;
    mountsDir?: string;
    json: boolean;
    /** Never read: the quarantine needs no roster (always `{ noUser: true }`). */
    roster: RosterOptions;
  };

/** One row of the option table: what the parser accepts, and what completions offer. */
export interface OptionSpec {
  /** The long name without `--`. */
  long: string;
  /** The one-letter short name without `-`, if any. */
  short?: string;
  /** Whether the option takes a value (`--name VALUE` or `--name=VALUE`). */
  takesValue: boolean;
  /** What the value names, for completions: a directory, a file path, or anything else. */
  valueKind?: "dir" | "file";
}
