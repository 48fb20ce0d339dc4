/**
 * @module
 * Loads the roster.
 */

import { DEFAULT_ROSTER_V3 } from "./v3/_default_roster.ts";
import { listYamlFiles, type RosterFileRef } from "./_list_yaml_files.ts";
import type { SourceFile } from "./_load_files.ts";
import { RosterFileError } from "./errors.ts";
import type { LoadRosterOptions, Roster, RosterNotice } from "./types.ts";

/**
 * Loads the roster: the built-in version-3 roster (terok-executor 0.4.0a22's providers and
 * agents), or the roster in `rosterDir` (a version-1 agents directory, or a version-3
 * directory holding `agents/` and `providers/`), with the user's agent files (`userDir`) and,
 * for version 3, provider files (`userProvidersDir`) deep-merged onto entries of the same name
 * or added as new ones. Only when a YAML file has to be read are the YAML parser and the
 * validator loaded; the built-in roster alone costs neither.
 *
 * Requires `--allow-read` on `rosterDir`, `userDir` and `userProvidersDir` (nothing for the
 * built-in roster alone).
 *
 * @param options Where to read from, and a callback for warnings and information lines.
 * @returns The roster: `version` 1 with its entries, or 3 with its providers, agents and mounts.
 * @throws {RosterFileError} When a directory or file cannot be read, is too large, or is not
 * UTF-8 (a missing user dir is simply empty; a missing `rosterDir` is an error).
 * @throws {RosterSyntaxError} When a file is not valid YAML (or exceeds the YAML limits).
 * @throws {RosterSchemaError} When a file breaks the roster schema, or files of roster
 * version 1 and 3 meet.
 * @throws {RosterConflictError} When two entries have one route prefix (version 1), or an
 * agent binds a missing or already bound provider (version 3).
 *
 * @example Load the built-in roster with the user's overrides
 * ```ts
 * import { loadRoster } from "./mod.ts";
 * const roster = await loadRoster({
 *   userDir: "/etc/terok/agent/agents",
 *   userProvidersDir: "/etc/terok/agent/providers",
 *   onNotice: (notice) => console.error(`${notice.file}: ${notice.message}`),
 * });
 * if (roster.version === 3) console.log(roster.providers.map((provider) => provider.name));
 * ```
 */
export async function loadRoster(options: LoadRosterOptions = {}): Promise<Roster> {
  const notify = options.onNotice ?? (() => {});
  const userAgents = await userFiles(options.userDir, notify);
  const userProviders = await userFiles(options.userProvidersDir, notify);
  const rosterDir = options.rosterDir;
  if (rosterDir !== undefined && !(await isV3Layout(rosterDir))) {
    const first = userProviders[0];
    if (first !== undefined) {
      throw new RosterFileError({
        file: first.display,
        reason: "A provider file (version 3) met a version-1 roster: the --roster directory " +
          "holds agent files only; the two cannot be mixed",
      });
    }
    const { loadV1 } = await import("./v1/_load_v1.ts");
    return { version: 1, entries: await loadV1({ rosterDir, userFiles: userAgents, notify }) };
  }
  if (rosterDir === undefined && userAgents.length === 0 && userProviders.length === 0) {
    // The built-in roster was validated when it was generated: no parsing, no schema work.
    const { buildBuiltInV3 } = await import("./v3/_built_in.ts");
    return buildBuiltInV3();
  }
  const { loadV3 } = await import("./v3/_load_v3.ts");
  return await loadV3({
    builtIn: rosterDir === undefined ? builtInSourceFiles() : undefined,
    rosterDir,
    userAgents,
    userProviders,
    notify,
  });
}

async function userFiles(
  dir: string | null | undefined,
  notify: (notice: RosterNotice) => void,
): Promise<RosterFileRef[]> {
  return dir === null || dir === undefined ? [] : await listYamlFiles(dir, true, notify);
}

/**
 * A version-3 directory holds `agents/` and `providers/` (terok-executor's `resources/`
 * layout); a directory with neither is a version-1 agents directory.
 *
 * @throws {RosterFileError} When it holds only one of the two.
 */
async function isV3Layout(dir: string): Promise<boolean> {
  const base = dir.replace(/\/+$/, "") || "/";
  const [agents, providers] = await Promise.all(
    ["agents", "providers"].map((name) => isDirectory(`${base === "/" ? "" : base}/${name}`)),
  );
  if (agents === providers) return agents as boolean;
  throw new RosterFileError({
    file: dir,
    reason: `A version-3 roster directory holds agents/ and providers/; this one has no ${
      agents ? "providers" : "agents"
    }/`,
  });
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory) {
      return false;
    }
    throw error;
  }
}

function builtInSourceFiles(): { providers: SourceFile[]; agents: SourceFile[] } {
  const files = (
    folder: string,
    list: typeof DEFAULT_ROSTER_V3.agents | typeof DEFAULT_ROSTER_V3.providers,
  ) =>
    list.map((file) => ({
      name: file.name,
      display: `<built-in>/${folder}/${file.name}.yaml`,
      parsed: null,
      document: file.document as Record<string, unknown>,
      config: file.config,
    }));
  return {
    providers: files("providers", DEFAULT_ROSTER_V3.providers),
    agents: files("agents", DEFAULT_ROSTER_V3.agents),
  };
}
