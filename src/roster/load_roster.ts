/**
 * @module
 * Loads the agent roster.
 */

import { DEFAULT_ROSTER } from "./_default_roster.ts";
import { makeEntry } from "./_entry.ts";
import { listYamlFiles } from "./_list_yaml_files.ts";
import type { SourceFile } from "./_load_files.ts";
import type { EntryConfig, LoadRosterOptions, Roster } from "./types.ts";

/**
 * Loads the roster: the built-in default roster (or the `*.yaml` of `rosterDir`), with the
 * `*.yaml` of `userDir` deep-merged onto entries of the same name or added as new entries.
 * Only when a YAML file has to be read are the YAML parser and the validator loaded; the
 * built-in roster alone costs neither.
 *
 * Requires `--allow-read` on `rosterDir` and `userDir` (nothing for the built-in roster alone).
 *
 * @param options Where to read from, and a callback for warnings and information lines.
 * @returns The entries in name order.
 * @throws {RosterFileError} When a directory or file cannot be read, is too large, or is not
 * UTF-8 (a missing `userDir` is simply empty; a missing `rosterDir` is an error).
 * @throws {RosterSyntaxError} When a file is not valid YAML (or exceeds the YAML limits).
 * @throws {RosterSchemaError} When a file breaks the roster schema.
 * @throws {RosterConflictError} When two entries have one route prefix.
 *
 * @example Load the built-in roster with the user's overrides
 * ```ts
 * import { loadRoster } from "./mod.ts";
 * const roster = await loadRoster({
 *   userDir: "/etc/terok/agent/agents",
 *   onNotice: (notice) => console.error(`${notice.file}: ${notice.message}`),
 * });
 * console.log(roster.entries.map((entry) => entry.name));
 * ```
 */
export async function loadRoster(options: LoadRosterOptions = {}): Promise<Roster> {
  const userDir = options.userDir ?? null;
  const userFiles = userDir === null ? [] : await listYamlFiles(userDir, true, options.onNotice);
  if (options.rosterDir === undefined && userFiles.length === 0) {
    // The built-in roster was validated when it was generated: no parsing, no schema work.
    const entries = DEFAULT_ROSTER.map((file) =>
      makeEntry(file.name, [builtInFileName(file.name)], file.config)
    );
    return { entries };
  }
  const { loadFromFiles } = await import("./_load_files.ts");
  const entries = await loadFromFiles({
    builtIn: options.rosterDir === undefined ? builtInSourceFiles() : undefined,
    rosterDir: options.rosterDir,
    userFiles,
    notify: options.onNotice ?? (() => {}),
  });
  return { entries };
}

function builtInSourceFiles(): SourceFile[] {
  return DEFAULT_ROSTER.map((file) => ({
    name: file.name,
    display: builtInFileName(file.name),
    parsed: null,
    document: file.document as Record<string, unknown>,
    config: file.config as EntryConfig,
  }));
}

/** How built-in files are named in messages. */
function builtInFileName(name: string): string {
  return `<built-in>/${name}.yaml`;
}
