/**
 * Help and usage texts.
 *
 * @module
 */

import type { CommandName } from "./types.ts";

const ROSTER_HELP = `Roster options:
  --roster DIR      use DIR instead of the built-in roster: a version-3 roster holding
                    agents/ and providers/, or a version-1 directory of agent *.yaml
  --user-dir DIR    user agent override directory (default: /etc/terok/agent/agents as
                    root, else $XDG_CONFIG_HOME/terok/agent/agents or
                    ~/.config/terok/agent/agents)
  --user-providers DIR
                    user provider override directory (version 3; default: the providers
                    directory beside the agents one)
  --no-user         ignore user overrides (agents and providers)`;

const ACCEPT_HELP = `Accepted findings (docs/accepted.md):
  --allow-file FILE   the allowlist of accepted findings instead of the default
                      (/etc/terok/vault-allow.yaml as root, else
                      $XDG_CONFIG_HOME/terok/vault-allow.yaml or ~/.config/terok/vault-allow.yaml)
  --baseline REPORT   an earlier scan --json report: what it holds is reported as known
  Accepted and known items stay listed, marked, and do not count for the exit code.`;

const USAGE: Record<CommandName, string> = {
  routes: "terok-vault routes [-o PATH | -o -] [--check] [ROSTER OPTIONS]",
  scan:
    "terok-vault scan [--mounts-dir DIR] [--deep] [--json | --format text|json|sarif] [--allow-file FILE] [--baseline REPORT] [--unsafe-open-by-name] [ROSTER OPTIONS]",
  clean:
    "terok-vault clean [--mounts-dir DIR] [--dry-run] [--delete | --strip] [--json] [--allow-file FILE] [--baseline REPORT] [--unsafe-open-by-name] [ROSTER OPTIONS]",
  watch:
    "terok-vault watch [--mounts-dir DIR] [--clean [--strip]] [--deep] [--json] [--interval SECONDS] [--allow-file FILE] [--baseline REPORT] [--unsafe-open-by-name] [ROSTER OPTIONS]",
  quarantine:
    "terok-vault quarantine list [--json] | restore ID [--to DIR] | purge ID | purge --older-than DAYS  [--mounts-dir DIR]",
  schema: "terok-vault schema [roster|allowlist]",
  completions: "terok-vault completions bash|zsh|fish",
};

const COMMAND_HELP: Record<CommandName, string> = {
  routes: `Write the vault's routes.json from the agent roster.

Options:
  -o, --output PATH   where to write (default: $TEROK_VAULT_DIR/routes.json, else
                      <terok root>/vault/routes.json); "-" prints the JSON to stdout
  --check             write nothing; exit 0 if PATH already holds exactly this, else 1

${ROSTER_HELP}

Exit codes: 0 written or --check matches, 1 --check differs, 2 bad usage, roster error
or write failure.`,
  scan: `Find real credential files leaked into the shared mounts.

Options:
  --mounts-dir DIR    the shared mounts (default: $TEROK_SANDBOX_LIVE_DIR/mounts, else
                      paths.sandbox_live_dir/mounts from terok's config.yml, else
                      <terok root>/sandbox-live/mounts)
  --deep              also read every file in the mounts dir (bounded; never follows
                      symlinks) and report secrets found outside the credential paths
  --json              one JSON object on stdout (short for --format json)
  --format FORMAT     what stdout gets: text (default), json, or sarif (a SARIF 2.1.0
                      log for code-scanning dashboards; never the secret)
  --unsafe-open-by-name
                      where a file cannot be hard-linked into the private directory,
                      open it by its name in the mount (not open-safe: a swap at that
                      instant can open a host FIFO or device; reported open_unsafe).
                      Without it such a file is left unread (exit 3)

${ACCEPT_HELP}

${ROSTER_HELP}

Exit codes: 0 no leaks and every provider checked, 1 leaks (or, with --deep, findings)
found, 2 bad usage or roster error, 3 none found but some provider was skipped or
unchecked, or the deep scan reached a bound.`,
  clean: `Move real credential files leaked into the shared mounts (only those) out of the
containers' reach, into your quarantine (<mounts>/.terok-vault-<uid>/quarantine/<id>/): a hard
link is kept there first, then the name in the mount is removed. A file that cannot be kept
is not removed. A config that can hold a secret (Claude Code's .claude.json) is stripped of
its secrets, never removed. The secrets should still be rotated.

Options:
  --mounts-dir DIR    the shared mounts (default as for scan)
  --dry-run           report what would be removed and change nothing
  --delete            unlink the leaks and keep nothing
  --strip             rewrite a JSON or dotenv leak with exactly its secret-bearing values
                      removed (the rest byte for byte), after keeping the original
  --json              one JSON object on stdout
  --unsafe-open-by-name
                      where a file cannot be hard-linked into the private directory,
                      open it by its name in the mount (not open-safe: a swap at that
                      instant can open a host FIFO or device; reported open_unsafe).
                      Without it such a file is left unread (exit 3)

${ACCEPT_HELP}
  clean leaves an accepted leak in place (a known one is removed as any other).

${ROSTER_HELP}

Exit codes: 0 every leak removed or stripped (or none), 1 a leak could not be removed
(with --dry-run: leaks found), 2 bad usage or roster error, 3 nothing left to remove but
some provider was skipped or unchecked.`,
  watch: `Guard the shared mounts continuously: one full scan, then a fresh look (lstat, five
times a second) at each credential path, re-inspecting what changed; until SIGINT or SIGTERM
(then exit 0).

Options:
  --mounts-dir DIR      the shared mounts (default as for scan)
  --clean               remove each leak as clean does (kept in the quarantine)
  --strip               with --clean: strip JSON and dotenv leaks as clean --strip does
  --deep                each full rescan also reports secrets in any file of the mounts
                        (findings; never removed)
  --json                one JSON object per event and line on stdout
  --interval SECONDS    full rescan period, the safety net (default 300)
  --unsafe-open-by-name as for scan (not open-safe)

${ACCEPT_HELP}

${ROSTER_HELP}

Exit codes: 0 stopped by SIGINT or SIGTERM, 2 bad usage or roster error.`,
  quarantine: `What clean kept: list it, put a file back, or remove it for good.

Actions:
  list                list the entries (id, time, provider, original path, evidence)
  restore ID          put the file back where it was, with its mode, only where nothing
                      exists there now; the entry is then removed
  purge ID            remove one entry for good
  purge --older-than DAYS
                      remove every entry kept more than DAYS days ago

Options:
  --mounts-dir DIR    the shared mounts clean ran on (default as for scan)
  --json              (list) one JSON object on stdout
  --to DIR            (restore) restore as DIR/<credential file> instead, outside the mounts

An entry's directory has terok's layout (<id>/<host dir>/<credential file>), so terok's
own auth import can read it.

Exit codes: 0 done, 1 nothing restored or purged (the reason is printed), 2 bad usage.`,
  schema: `Print a JSON Schema (draft 2020-12), for editors: of one roster file (the default,
or "roster"), or of the allowlist of accepted findings ("allowlist", vault-allow.yaml).
The roster schema's root accepts a version-1 agent file, or a version-3 agent or provider
file; each alone is under $defs: agent_v1, agent_v3 (agents/<name>.yaml), provider_v3
(providers/<name>.yaml).`,
  completions: `Print a completion script for bash, zsh or fish (commands and options).

Install it, for example:
  bash:  terok-vault completions bash > ~/.local/share/bash-completion/completions/terok-vault
  zsh:   terok-vault completions zsh > ~/.zfunc/_terok-vault   (with ~/.zfunc in fpath)
  fish:  terok-vault completions fish > ~/.config/fish/completions/terok-vault.fish`,
};

/** One line per command for the program's help and for shell completions. */
export const COMMAND_SUMMARIES: Readonly<Record<CommandName, string>> = {
  routes: "write the vault's routes.json from the agent roster",
  scan: "find real credential files leaked into the shared mounts",
  clean: "remove the leaked credential files (only those)",
  watch: "guard the shared mounts continuously, reporting (or removing) leaks as they appear",
  quarantine: "list, restore or purge the files clean kept",
  schema: "print the JSON Schema of a roster file or of the allowlist",
  completions: "print a shell completion script (bash, zsh, fish)",
};

function commandList(): string {
  return Object.entries(COMMAND_SUMMARIES)
    .map(([name, summary]) => `  ${name.padEnd(14)}${summary}`)
    .join("\n");
}

/**
 * The help text of the program or of one command.
 *
 * @param topic The command, or undefined for the program.
 * @returns Text ending in a newline.
 *
 * @example Program help
 * ```ts
 * import { helpText } from "./help.ts";
 * helpText().startsWith("terok-vault"); // true
 * ```
 */
export function helpText(topic?: CommandName): string {
  if (topic !== undefined) return `Usage: ${USAGE[topic]}\n\n${COMMAND_HELP[topic]}\n`;
  return `terok-vault: host-side chores for the terok credential vault

Usage:
  ${USAGE.routes}
  ${USAGE.scan}
  ${USAGE.clean}
  ${USAGE.watch}
  ${USAGE.quarantine}
  ${USAGE.schema}
  ${USAGE.completions}
  terok-vault --help | --version | <command> --help

Commands:
${commandList()}

Environment: TEROK_ROOT, TEROK_CONFIG_FILE, TEROK_SANDBOX_LIVE_DIR, TEROK_VAULT_DIR,
XDG_DATA_HOME, XDG_CONFIG_HOME, HOME set the default locations; NO_COLOR turns colour off.
`;
}

/**
 * The one-line usage of the program or of a command, for error messages.
 *
 * @param topic The command, or undefined for the program.
 * @returns The usage line without a newline.
 *
 * @example
 * ```ts
 * import { usageLine } from "./help.ts";
 * usageLine("schema"); // "Usage: terok-vault schema"
 * ```
 */
export function usageLine(topic?: CommandName): string {
  return topic === undefined
    ? "Usage: terok-vault <routes|scan|clean|watch|quarantine|schema|completions> [options]   (terok-vault --help for more)"
    : `Usage: ${USAGE[topic]}`;
}
