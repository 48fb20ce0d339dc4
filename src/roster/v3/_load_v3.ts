/**
 * The version-3 loader's slow path, imported only when a YAML file has to be read: the
 * `agents/` and `providers/` of a roster directory (or the built-in roster) plus the user's
 * agent and provider overrides.
 *
 * @module
 */

import { listYamlFiles, type RosterFileRef } from "../_list_yaml_files.ts";
import { type Notify, readSourceFiles, type SourceFile, type VersionMode } from "../_load_files.ts";
import type { RosterV3 } from "../types.ts";
import { buildRosterV3 } from "./_build_v3.ts";
import { BUILD_KIT } from "./_build_kit.ts";

/** Where a version-3 roster is read from. */
export interface LoadV3Options {
  /** The built-in layers, when the base is the built-in roster. */
  readonly builtIn?: { providers: SourceFile[]; agents: SourceFile[] } | undefined;
  /** A directory holding `agents/` and `providers/`, when named with `--roster`. */
  readonly rosterDir?: string | undefined;
  /** The user agent files. */
  readonly userAgents: readonly RosterFileRef[];
  /** The user provider files. */
  readonly userProviders: readonly RosterFileRef[];
  readonly notify: Notify;
}

/**
 * Reads, merges and validates a version-3 roster.
 *
 * Requires `--allow-read` on the roster directory and the user files.
 *
 * @throws {RosterError} For any bad file or binding.
 */
export async function loadV3(options: LoadV3Options): Promise<RosterV3> {
  const roster = options.builtIn === undefined ? "the --roster directory" : "the built-in roster";
  const agentMode: VersionMode = { speaks: 3, strip: true, roster };
  const providerMode: VersionMode = { speaks: 3, strip: false, roster };
  const { notify } = options;
  let base = options.builtIn;
  if (base === undefined) {
    const dir = (options.rosterDir ?? ".").replace(/\/+$/, "");
    base = {
      providers: await readSourceFiles(
        await listYamlFiles(`${dir}/providers`, false, notify),
        notify,
        providerMode,
      ),
      agents: await readSourceFiles(
        await listYamlFiles(`${dir}/agents`, false, notify),
        notify,
        agentMode,
      ),
    };
  }
  return buildRosterV3({
    providers: base.providers,
    agents: base.agents,
    userProviders: await readSourceFiles(options.userProviders, notify, providerMode),
    userAgents: await readSourceFiles(options.userAgents, notify, agentMode),
  }, BUILD_KIT);
}
