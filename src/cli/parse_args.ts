/**
 * Command-line parsing for every command (cli.md, "Commands").
 *
 * @module
 */

import { UsageError } from "./usage_error.ts";

/** The commands the program has. */
export type CommandName = "routes" | "scan" | "clean" | "watch" | "schema";

/** Where the roster comes from. */
export interface RosterOptions {
  /** `--roster DIR`: replaces the built-in default roster. */
  rosterDir?: string;
  /** `--user-dir DIR`: the user override directory instead of the default one. */
  userDir?: string;
  /** `--no-user`: ignore user overrides. */
  noUser: boolean;
}

/** A parsed command line. */
export type Invocation =
  | { command: "help"; topic?: CommandName }
  | { command: "version" }
  | { command: "schema" }
  | { command: "routes"; output?: string; check: boolean; roster: RosterOptions }
  | { command: "scan"; mountsDir?: string; json: boolean; deep?: boolean; roster: RosterOptions }
  | {
    command: "clean";
    mountsDir?: string;
    json: boolean;
    dryRun: boolean;
    roster: RosterOptions;
  }
  | {
    command: "watch";
    mountsDir?: string;
    json: boolean;
    clean: boolean;
    deep: boolean;
    /** `--interval SECONDS`: the safety-net full rescan period, in seconds (default 300). */
    intervalSeconds: number;
    roster: RosterOptions;
  };

interface OptionSpec {
  long: string;
  short?: string;
  takesValue: boolean;
}

const ROSTER_OPTIONS: OptionSpec[] = [
  { long: "roster", takesValue: true },
  { long: "user-dir", takesValue: true },
  { long: "no-user", takesValue: false },
];

const HELP: OptionSpec = { long: "help", short: "h", takesValue: false };

const COMMAND_OPTIONS: Record<CommandName, OptionSpec[]> = {
  routes: [
    { long: "output", short: "o", takesValue: true },
    { long: "check", takesValue: false },
    ...ROSTER_OPTIONS,
    HELP,
  ],
  scan: [
    { long: "mounts-dir", takesValue: true },
    { long: "deep", takesValue: false },
    { long: "json", takesValue: false },
    ...ROSTER_OPTIONS,
    HELP,
  ],
  clean: [
    { long: "mounts-dir", takesValue: true },
    { long: "dry-run", takesValue: false },
    { long: "json", takesValue: false },
    ...ROSTER_OPTIONS,
    HELP,
  ],
  watch: [
    { long: "mounts-dir", takesValue: true },
    { long: "clean", takesValue: false },
    { long: "deep", takesValue: false },
    { long: "json", takesValue: false },
    { long: "interval", takesValue: true },
    ...ROSTER_OPTIONS,
    HELP,
  ],
  schema: [HELP],
};

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
    throw new UsageError(`Unknown command "${topic}"`);
  }
  if (first === "--version" || first === "-V") {
    if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}" after --version`);
    return { command: "version" };
  }
  if (!isCommand(first)) {
    throw new UsageError(
      first.startsWith("-") ? `Unknown option "${first}"` : `Unknown command "${first}"`,
    );
  }
  const values = readOptions(first, rest);
  if (values.has("help")) return { command: "help", topic: first };
  return buildInvocation(first, values);
}

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMAND_OPTIONS, name);
}

/** Reads `--name value`, `--name=value`, `-x value` and flags into a map keyed by long name. */
function readOptions(command: CommandName, args: readonly string[]): Map<string, string | true> {
  const specs = COMMAND_OPTIONS[command];
  const values = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
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
    values.set(spec.long, value);
  }
  return values;
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
  } else if (arg.startsWith("-") && arg.length >= 2) {
    const spec = specs.find((s) => s.short === arg[1]);
    if (spec) return { spec, inlineValue: arg.length > 2 ? arg.slice(2) : undefined };
  }
  if (arg.startsWith("-") && arg !== "-") {
    throw new UsageError(`Unknown option "${arg}" for ${command}`, command);
  }
  throw new UsageError(`Unexpected argument "${arg}"`, command);
}

function buildInvocation(command: CommandName, values: Map<string, string | true>): Invocation {
  const text = (name: string) => {
    const value = values.get(name);
    return typeof value === "string" ? value : undefined;
  };
  const flag = (name: string) => values.get(name) === true;
  const roster = rosterOptions(command, text, flag);
  switch (command) {
    case "schema":
      return { command };
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
        json: flag("json"),
        deep: flag("deep"),
        roster,
      };
    }
    case "clean": {
      const mountsDir = text("mounts-dir");
      return {
        command,
        ...(mountsDir === undefined ? {} : { mountsDir }),
        json: flag("json"),
        dryRun: flag("dry-run"),
        roster,
      };
    }
    case "watch": {
      const mountsDir = text("mounts-dir");
      return {
        command,
        ...(mountsDir === undefined ? {} : { mountsDir }),
        json: flag("json"),
        clean: flag("clean"),
        deep: flag("deep"),
        intervalSeconds: intervalSeconds(text("interval")),
        roster,
      };
    }
  }
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
  if (noUser && userDir !== undefined) {
    throw new UsageError("Options --user-dir and --no-user contradict each other", command);
  }
  return {
    ...(rosterDir === undefined ? {} : { rosterDir }),
    ...(userDir === undefined ? {} : { userDir }),
    noUser,
  };
}
