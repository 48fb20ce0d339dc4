/**
 * Command-line parsing for every command (docs/cli.md, "Commands" and "Options").
 *
 * @module
 */

import { closestName } from "../_closest_name.ts";
import type {
  CommandName,
  Invocation,
  OptionSpec,
  OutputFormat,
  RosterOptions,
  ShellName,
} from "./types.ts";
import { UsageError } from "./usage_error.ts";

export type { CommandName, Invocation, RosterOptions } from "./types.ts";

const ROSTER_OPTIONS: OptionSpec[] = [
  { long: "roster", takesValue: true, valueKind: "dir" },
  { long: "user-dir", takesValue: true, valueKind: "dir" },
  { long: "user-providers", takesValue: true, valueKind: "dir" },
  { long: "no-user", takesValue: false },
];

const HELP: OptionSpec = { long: "help", short: "h", takesValue: false };

/** Open by name where a private link is refused (not open-safe; docs/security.md). */
const UNSAFE_OPEN: OptionSpec = { long: "unsafe-open-by-name", takesValue: false };
/** The allowlist and the baseline (docs/accepted.md). */
const ACCEPT_OPTIONS: OptionSpec[] = [
  { long: "allow-file", takesValue: true, valueKind: "file" },
  { long: "baseline", takesValue: true, valueKind: "file" },
];

/** The shells `completions` knows, in the order its usage names them. */
export const SHELLS: readonly ShellName[] = ["bash", "zsh", "fish"];

/** Every command's options: the one table parsing, help and shell completions follow. */
export const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly OptionSpec[]>> = {
  routes: [
    { long: "output", short: "o", takesValue: true, valueKind: "file" },
    { long: "check", takesValue: false },
    ...ROSTER_OPTIONS,
    HELP,
  ],
  scan: [
    { long: "mounts-dir", takesValue: true, valueKind: "dir" },
    { long: "deep", takesValue: false },
    { long: "json", takesValue: false },
    { long: "format", takesValue: true },
    UNSAFE_OPEN,
    ...ACCEPT_OPTIONS,
    ...ROSTER_OPTIONS,
    HELP,
  ],
  clean: [
    { long: "mounts-dir", takesValue: true, valueKind: "dir" },
    { long: "dry-run", takesValue: false },
    { long: "delete", takesValue: false },
    { long: "strip", takesValue: false },
    { long: "json", takesValue: false },
    UNSAFE_OPEN,
    ...ACCEPT_OPTIONS,
    ...ROSTER_OPTIONS,
    HELP,
  ],
  watch: [
    { long: "mounts-dir", takesValue: true, valueKind: "dir" },
    { long: "clean", takesValue: false },
    { long: "strip", takesValue: false },
    { long: "deep", takesValue: false },
    { long: "json", takesValue: false },
    { long: "interval", takesValue: true },
    UNSAFE_OPEN,
    ...ACCEPT_OPTIONS,
    ...ROSTER_OPTIONS,
    HELP,
  ],
  quarantine: [
    { long: "mounts-dir", takesValue: true, valueKind: "dir" },
    { long: "json", takesValue: false },
    { long: "to", takesValue: true, valueKind: "dir" },
    { long: "older-than", takesValue: true },
    HELP,
  ],
  schema: [HELP],
  completions: [HELP],
};

/** The actions of `quarantine`, in the order its usage names them. */
export const QUARANTINE_ACTIONS = ["list", "restore", "purge"] as const;

/** The program's own options, before any command. */
const PROGRAM_OPTIONS = ["--help", "-h", "--version", "-V"];

/** The safety-net rescan period of `watch` when `--interval` is not given, in seconds. */
export const DEFAULT_WATCH_INTERVAL_SECONDS = 300;

/**
 * Parses the program's arguments into an {@linkcode Invocation}.
 *
 * @param args The arguments after the program name.
 * @returns What to run.
 * @throws {UsageError} For an unknown command or option, a missing or extra value, an option
 * given twice, or options that contradict each other.
 *
 * @example Parse a routes command
 * ```ts
 * import { parseArgs } from "./parse_args.ts";
 * parseArgs(["routes", "-o", "-"]);
 * // { command: "routes", output: "-", check: false, roster: { noUser: false } }
 * ```
 */
export function parseArgs(args: readonly string[]): Invocation {
  const [first, ...rest] = args;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    const topic = first === "help" ? rest[0] : undefined;
    if (topic === undefined) return { command: "help" };
    if (isCommand(topic)) return { command: "help", topic };
    throw new UsageError(`Unknown command ${quoted(topic)}${didYouMean(topic, commandNames())}`);
  }
  if (first === "--version" || first === "-V") {
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}" after --version`);
    return { command: "version" };
  }
  if (!isCommand(first)) {
    throw new UsageError(
      first.startsWith("-")
        ? `Unknown option ${quoted(first)}${didYouMean(first, PROGRAM_OPTIONS)}`
        : `Unknown command ${quoted(first)}${didYouMean(first, commandNames())}`,
    );
  }
  const { values, operands } = readOptions(first, rest);
  if (values.has("help")) return { command: "help", topic: first };
  return buildInvocation(first, values, operands);
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_OPTIONS, name);
}

function commandNames(): string[] {
  return Object.keys(COMMAND_OPTIONS);
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

/** The commands that do take `--name`, for a hint when another command is given it. */
function commandsWithOption(name: string): CommandName[] {
  return (Object.keys(COMMAND_OPTIONS) as CommandName[])
    .filter((command) => COMMAND_OPTIONS[command].some((spec) => spec.long === name));
}

function didYouMean(word: string, candidates: Iterable<string>): string {
  const suggestion = closestName(word, candidates);
  return suggestion === undefined ? "" : ` (did you mean ${quoted(suggestion)}?)`;
}

interface ReadOptions {
  /** Option values keyed by long name; `true` for flags. */
  values: Map<string, string | true>;
  /** Arguments that are not options (everything after `--` included). */
  operands: string[];
}

/**
 * Reads `--name value`, `--name=value`, `-x value`, `-xvalue`, `-x=value` and flags into a map
 * keyed by long name. `--` ends the options. A separate value that looks like an option is
 * refused, so `-o --check` never writes a file named `--check`.
 */
function readOptions(command: CommandName, args: readonly string[]): ReadOptions {
  const specs = COMMAND_OPTIONS[command];
  const values = new Map<string, string | true>();
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      operands.push(arg);
      continue;
    }
    const { spec, inlineValue } = findOption(command, specs, arg);
    if (values.has(spec.long)) throw new UsageError(`Option --${spec.long} given twice`, command);
    if (!spec.takesValue) {
      if (inlineValue !== undefined) {
        throw new UsageError(`Option --${spec.long} takes no value`, command);
      }
      values.set(spec.long, true);
      continue;
    }
    const value = inlineValue ?? args[++i];
    if (value === undefined || value === "") {
      throw new UsageError(`Option --${spec.long} needs a value`, command);
    }
    if (inlineValue === undefined && value.startsWith("-") && value !== "-") {
      throw new UsageError(
        `Option --${spec.long} needs a value, but ${quoted(value)} looks like an option ` +
          `(for a path that starts with "-", write ${quoted(`./${value}`)})`,
        command,
      );
    }
    values.set(spec.long, value);
  }
  return { values, operands };
}

function findOption(
  command: CommandName,
  specs: readonly OptionSpec[],
  arg: string,
): { spec: OptionSpec; inlineValue: string | undefined } {
  if (arg.startsWith("--")) {
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs.find((s) => s.long === name);
    if (spec) return { spec, inlineValue: eq === -1 ? undefined : arg.slice(eq + 1) };
    const known = specs.map((s) => `--${s.long}`);
    const elsewhere = commandsWithOption(name);
    const hint = elsewhere.length > 0
      ? ` (it is an option of ${elsewhere.join(", ")})`
      : didYouMean(`--${name}`, known);
    throw new UsageError(`Unknown option ${quoted(arg)} for ${command}${hint}`, command);
  }
  const spec = specs.find((s) => s.short === arg[1]);
  if (spec) {
    // `-ofile` and `-o=file` both mean the value "file": "=" never starts a real value here.
    const attached = arg.slice(2);
    const inlineValue = attached === "" ? undefined : attached.replace(/^=/, "");
    return { spec, inlineValue };
  }
  throw new UsageError(`Unknown option ${quoted(arg)} for ${command}`, command);
}

function buildInvocation(
  command: CommandName,
  values: Map<string, string | true>,
  operands: readonly string[],
): Invocation {
  if (command === "completions") return completionsInvocation(operands);
  if (command === "quarantine") return quarantineInvocation(values, operands);
  if (command === "schema") return schemaInvocation(operands);
  if (operands[0] !== undefined) {
    throw new UsageError(`Unexpected argument ${quoted(operands[0])}`, command);
  }
  const text = (name: string) => {
    const value = values.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const flag = (name: string) => values.get(name) === true;
  const roster = rosterOptions(command, text, flag);
  const allowFile = text("allow-file");
  const baseline = text("baseline");
  const accept = {
    ...(allowFile === undefined ? {} : { allowFile }),
    ...(baseline === undefined ? {} : { baseline }),
  };
  switch (command) {
    case "routes": {
      const output = text("output");
      const check = flag("check");
      if (check && output === "-") {
        throw new UsageError(
          "Option --check compares a file; it cannot be used with -o -",
          command,
        );
      }
      return { command, ...(output === undefined ? {} : { output }), check, roster };
    }
    case "scan": {
      const mountsDir = text("mounts-dir");
      return {
        command,
        ...(mountsDir === undefined ? {} : { mountsDir }),
        ...scanFormat(text("format"), flag("json")),
        deep: flag("deep"),
        ...unsafeOpen(flag("unsafe-open-by-name")),
        roster,
        ...accept,
      };
    }
    case "clean": {
      const mountsDir = text("mounts-dir");
      return {
        command,
        ...(mountsDir === undefined ? {} : { mountsDir }),
        json: flag("json"),
        dryRun: flag("dry-run"),
        ...cleanModes(flag("delete"), flag("strip")),
        ...unsafeOpen(flag("unsafe-open-by-name")),
        roster,
        ...accept,
      };
    }
    case "watch": {
      const mountsDir = text("mounts-dir");
      return {
        command,
        ...(mountsDir === undefined ? {} : { mountsDir }),
        json: flag("json"),
        clean: flag("clean"),
        strip: watchStrip(flag("clean"), flag("strip")),
        deep: flag("deep"),
        intervalSeconds: intervalSeconds(text("interval")),
        ...unsafeOpen(flag("unsafe-open-by-name")),
        roster,
        ...accept,
      };
    }
  }
}

/** `--unsafe-open-by-name`, present only when given. */
function unsafeOpen(given: boolean): { unsafeOpenByName?: true } {
  return given ? { unsafeOpenByName: true } : {};
}

function cleanModes(deleteAll: boolean, strip: boolean): { delete: boolean; strip: boolean } {
  if (deleteAll && strip) {
    throw new UsageError(
      "Options --delete and --strip contradict each other (--delete keeps nothing, --strip " +
        "keeps the file without its secrets)",
      "clean",
    );
  }
  return { delete: deleteAll, strip };
}

function watchStrip(clean: boolean, strip: boolean): boolean {
  if (strip && !clean) throw new UsageError("Option --strip needs --clean", "watch");
  return strip;
}

function quarantineInvocation(
  values: Map<string, string | true>,
  operands: readonly string[],
): Invocation {
  const [action, id, extra] = operands;
  const text = (name: string) => {
    const value = values.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const known = QUARANTINE_ACTIONS.find((name) => name === action);
  if (known === undefined) {
    throw new UsageError(
      action === undefined
        ? `Name an action: ${QUARANTINE_ACTIONS.join(", ")}`
        : `Unknown action ${quoted(action)}; expected one of ${QUARANTINE_ACTIONS.join(", ")}` +
          didYouMean(action, QUARANTINE_ACTIONS),
      "quarantine",
    );
  }
  const extraArg = known === "list" ? id : extra;
  if (extraArg !== undefined) {
    throw new UsageError(`Unexpected argument ${quoted(extraArg)}`, "quarantine");
  }
  const only = (option: string, allowed: string) => {
    if (values.has(option) && known !== allowed) {
      throw new UsageError(`Option --${option} is for quarantine ${allowed}`, "quarantine");
    }
  };
  only("json", "list");
  only("to", "restore");
  only("older-than", "purge");
  const mountsDir = text("mounts-dir");
  const common = {
    command: "quarantine" as const,
    action: known,
    ...(mountsDir === undefined ? {} : { mountsDir }),
    json: values.get("json") === true,
    roster: { noUser: true },
  };
  if (known === "list") return common;
  const olderThan = text("older-than");
  if (known === "purge" && (id === undefined) === (olderThan === undefined)) {
    throw new UsageError("Name an entry ID or give --older-than DAYS (one of them)", "quarantine");
  }
  if (known === "restore" && id === undefined) {
    throw new UsageError("Name the entry ID to restore (quarantine list shows them)", "quarantine");
  }
  const to = text("to");
  return {
    ...common,
    ...(id === undefined ? {} : { id }),
    ...(to === undefined ? {} : { to }),
    ...(olderThan === undefined ? {} : { olderThanDays: olderThanDays(olderThan) }),
  };
}

/** `--older-than DAYS`: a non-negative, finite number of days (fractions allowed). */
function olderThanDays(value: string): number {
  const days = /^\s*$/.test(value) ? Number.NaN : Number(value);
  if (!Number.isFinite(days) || days < 0 || days > 100_000) {
    throw new UsageError(
      `Option --older-than needs a number of days (0 to 100000), not "${value}"`,
      "quarantine",
    );
  }
  return days;
}

/** The formats `scan --format` knows, in the order its usage names them. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "sarif"];

/** `--format text|json|sarif`; `--json` is its short form, and agrees with it or is refused. */
function scanFormat(
  value: string | undefined,
  json: boolean,
): { json: boolean; format: OutputFormat } {
  if (value === undefined) return { json, format: json ? "json" : "text" };
  const format = OUTPUT_FORMATS.find((name) => name === value);
  if (format === undefined) {
    throw new UsageError(
      `Option --format needs one of ${OUTPUT_FORMATS.join(", ")}, not ${quoted(value)}` +
        didYouMean(value, OUTPUT_FORMATS),
      "scan",
    );
  }
  if (json && format !== "json") {
    throw new UsageError(
      `Options --json and --format ${format} contradict each other (--json is --format json)`,
      "scan",
    );
  }
  return { json: format === "json", format };
}

/** The schemas `schema` prints: a roster file's (the default) or the allowlist's. */
export const SCHEMA_TOPICS = ["roster", "allowlist"] as const;

function schemaInvocation(operands: readonly string[]): Invocation {
  const [topic, extra] = operands;
  if (extra !== undefined) throw new UsageError(`Unexpected argument ${quoted(extra)}`, "schema");
  if (topic === undefined || topic === "roster") return { command: "schema" };
  if (topic === "allowlist") return { command: "schema", of: "allowlist" };
  throw new UsageError(
    `Unknown schema ${quoted(topic)}; expected one of ${SCHEMA_TOPICS.join(", ")}` +
      didYouMean(topic, SCHEMA_TOPICS),
    "schema",
  );
}

function completionsInvocation(operands: readonly string[]): Invocation {
  const [shell, extra] = operands;
  if (shell === undefined) {
    throw new UsageError(`Name a shell: ${SHELLS.join(", ")}`, "completions");
  }
  if (extra !== undefined) {
    throw new UsageError(`Unexpected argument ${quoted(extra)}`, "completions");
  }
  const known = SHELLS.find((name) => name === shell);
  if (known === undefined) {
    throw new UsageError(
      `Unknown shell ${quoted(shell)}; expected one of ${SHELLS.join(", ")}` +
        didYouMean(shell, SHELLS),
      "completions",
    );
  }
  return { command: "completions", shell: known };
}

/** `--interval SECONDS`: a positive, finite number of seconds (fractions allowed). */
function intervalSeconds(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WATCH_INTERVAL_SECONDS;
  const seconds = /^\s*$/.test(value) ? Number.NaN : Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 2_000_000) {
    throw new UsageError(
      `Option --interval needs a positive number of seconds (at most 2000000), not "${value}"`,
      "watch",
    );
  }
  return seconds;
}

function rosterOptions(
  command: CommandName,
  text: (name: string) => string | undefined,
  flag: (name: string) => boolean,
): RosterOptions {
  const rosterDir = text("roster");
  const userDir = text("user-dir");
  const noUser = flag("no-user");
  const userProvidersDir = text("user-providers");
  if (noUser && userDir !== undefined) {
    throw new UsageError("Options --user-dir and --no-user contradict each other", command);
  }
  if (noUser && userProvidersDir !== undefined) {
    throw new UsageError("Options --user-providers and --no-user contradict each other", command);
  }
  return {
    ...(rosterDir === undefined ? {} : { rosterDir }),
    ...(userDir === undefined ? {} : { userDir }),
    ...(userProvidersDir === undefined ? {} : { userProvidersDir }),
    noUser,
  };
}
