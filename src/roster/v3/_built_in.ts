/**
 * The built-in version-3 roster without parsing or validating anything: its files were
 * validated when `_default_roster.ts` was generated.
 *
 * @module
 */

import type { RosterV3 } from "../types.ts";
import { DEFAULT_ROSTER_V3 } from "./_default_roster.ts";
import { type BuildKit, buildRosterV3 } from "./_build_v3.ts";

const invalid = (): never => {
  throw new Error("The built-in roster is invalid; run `deno task build-roster`");
};

/** The built-in files carry validated configs: nothing to validate, no error to position. */
const BUILT_IN_KIT: BuildKit = {
  provider: invalid,
  agent: invalid,
  schemaError: (file, keyPath, reason) => new Error(`${file.display}: ${keyPath}: ${reason}`),
  conflict: (file, keyPath, reason) => new Error(`${file.display}: ${keyPath}: ${reason}`),
};

/** The built-in roster, joined (bindings checked, mounts derived) from its baked configs. */
export function buildBuiltInV3(): RosterV3 {
  const files = (folder: string, list: readonly { name: string; config: unknown }[]) =>
    list.map((file) => ({
      name: file.name,
      display: `<built-in>/${folder}/${file.name}.yaml`,
      parsed: null,
      document: {},
      config: file.config,
    }));
  return buildRosterV3({
    providers: files("providers", DEFAULT_ROSTER_V3.providers),
    agents: files("agents", DEFAULT_ROSTER_V3.agents),
    userProviders: [],
    userAgents: [],
  }, BUILT_IN_KIT);
}
