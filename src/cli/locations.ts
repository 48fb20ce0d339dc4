/**
 * Where a command reads and writes: options first, then the terok defaults.
 *
 * @module
 */

import { configFiles } from "../config_files.ts";
import { defaultPath, type PathContext } from "../paths.ts";
import type { Invocation } from "./types.ts";

/** The absolute paths one command works on. */
export interface Locations {
  /** `--roster DIR`, or undefined for the built-in roster. */
  rosterDir?: string;
  /** The user override dir, or null with `--no-user`. */
  userDir: string | null;
  /** The user provider override dir (version-3 rosters), or null with `--no-user`. */
  userProvidersDir?: string | null;
  /** scan/clean: the mounts dir as given or by default (not yet resolved through symlinks). */
  mountsDir?: string;
  /** quarantine restore: the `--to` directory. */
  toDir?: string;
  /**
   * scan, clean, watch: the allowlist, `--allow-file` or the default `vault-allow.yaml`
   * (absent when the environment gives no default: no HOME and no XDG_CONFIG_HOME).
   */
  allowFile?: string;
  /** scan, clean, watch: the `--baseline` report. */
  baselineFile?: string;
  /** routes: the routes.json path, or "-" for stdout. */
  routesFile?: string;
  /**
   * terok's config.yml files, when the command reads them: when a default location depends on
   * them (ROOT with `TEROK_ROOT` unset, or the mounts dir with `TEROK_SANDBOX_LIVE_DIR` unset),
   * and for `scan`, `clean` and `watch` always (which credential files terok exposes on
   * purpose); otherwise absent.
   */
  configFiles?: readonly string[];
  /** True when a default location depends on `configFiles` (`paths.root`, `paths.sandbox_live_dir`). */
  configDecides?: true;
}

/** The commands that work on files. */
export type FileInvocation = Extract<Invocation, { roster: unknown }>;

/**
 * Works out the absolute paths a command needs from its options and the defaults.
 *
 * @param invocation The parsed command line.
 * @param context Environment variables and root flag for the defaults.
 * @param cwd The directory relative options are taken from.
 * @returns The command's locations, with the config files its ROOT depends on.
 * @throws {RangeError} When a default is needed and the environment cannot give it.
 *
 * @example Scan with an explicit mounts dir
 * ```ts
 * import { resolveLocations } from "./locations.ts";
 * const context = { env: () => undefined, isRoot: true };
 * resolveLocations(
 *   { command: "scan", mountsDir: "m", json: false, roster: { noUser: true } },
 *   context,
 *   "/srv",
 * );
 * // { userDir: null, mountsDir: "/srv/m", configFiles: ["/etc/terok/config.yml"] }
 * ```
 */
export function resolveLocations(
  invocation: FileInvocation,
  context: PathContext,
  cwd: string,
): Locations {
  const { roster } = invocation;
  const absolute = (path: string) => absolutePath(path, cwd);
  let fromConfig = false;
  const tracking: PathContext = {
    ...context,
    configRoot: () => {
      fromConfig = true;
      return context.configRoot?.();
    },
    configSandboxLiveDir: () => {
      fromConfig = true;
      return context.configSandboxLiveDir?.();
    },
  };
  const locations: Locations = {
    userDir: roster.noUser ? null : absolute(roster.userDir ?? defaultPath("user", tracking)),
    userProvidersDir: roster.noUser
      ? null
      : absolute(roster.userProvidersDir ?? defaultPath("providers", tracking)),
  };
  if (roster.rosterDir !== undefined) locations.rosterDir = absolute(roster.rosterDir);
  if (invocation.command === "routes") {
    const output = invocation.output ?? defaultPath("routes", tracking);
    locations.routesFile = output === "-" ? "-" : absolute(output);
  } else {
    locations.mountsDir = absolute(invocation.mountsDir ?? defaultPath("mounts", tracking));
    if (invocation.command === "quarantine" && invocation.to !== undefined) {
      locations.toDir = absolute(invocation.to);
    }
    if (invocation.command !== "quarantine") {
      const allowFile = invocation.allowFile ?? defaultAllowFile(context);
      if (allowFile !== undefined) locations.allowFile = absolute(allowFile);
      if (invocation.baseline !== undefined) locations.baselineFile = absolute(invocation.baseline);
    }
  }
  if (fromConfig) locations.configDecides = true;
  if (fromConfig || READS_EXPOSURE.has(invocation.command)) {
    locations.configFiles = configFiles(context);
  }
  return locations;
}

/** The commands that judge credential files, and so must know which ones terok exposes. */
const READS_EXPOSURE: ReadonlySet<FileInvocation["command"]> = new Set(["scan", "clean", "watch"]);

/**
 * The default allowlist, beside the user override dir; none when the environment cannot say
 * where that is (no allowlist then, rather than refusing a scan whose paths are all given).
 */
function defaultAllowFile(context: PathContext): string | undefined {
  try {
    return defaultPath("allow", context);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Joins a relative path onto cwd and drops `.` segments and trailing slashes; keeps `..`. */
function absolutePath(path: string, cwd: string): string {
  const joined = path.startsWith("/") ? path : `${cwd}/${path}`;
  const parts = joined.split("/").filter((part) => part !== "" && part !== ".");
  return `/${parts.join("/")}`;
}
