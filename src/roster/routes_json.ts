/**
 * @module
 * Renders routes.json.
 */

import { checkRoutePrefixes } from "./v1/_check_route_prefixes.ts";
import { jsonText } from "./_json_text.ts";
import { routeValue } from "./_route_value.ts";
import type { Roster } from "./types.ts";
import { wireAuth } from "./v3/_wire_auth.ts";

/**
 * Renders the text of routes.json. Version 3 (docs/roster-v3.md, "routes.json"): one member
 * per provider, keyed by provider name in code point order, whether or not an agent binds it;
 * its header and prefix from the provider's auth modes (`dynamic` when OAuth and API key use
 * different headers). Version 1 (docs/roster.md, "routes.json"): keyed by entry name in name
 * order (plain `<` comparison), one member per entry with a vault route. Each value has
 * `upstream`, `auth_header`, `auth_prefix`, then `path_upstreams` and `oauth_extra_headers`
 * when not empty, then `oauth_refresh` when set (`scope` only when set). Two-space
 * indentation, UTF-8, one trailing newline; `{}` and a newline for no routes.
 *
 * @param roster A loaded roster.
 * @returns The file's complete text.
 * @throws {RosterConflictError} When two version-1 entries have one route prefix (nothing to
 * write).
 *
 * @example Print the built-in roster's routes
 * ```ts
 * import { loadRoster, routesJson } from "./mod.ts";
 * console.log(routesJson(await loadRoster()));
 * ```
 */
export function routesJson(roster: Roster): string {
  const routes = new Map<string, Map<string, unknown>>();
  if (roster.version === 3) {
    // The loader has checked every provider's auth modes, so wireAuth cannot throw here.
    for (const provider of roster.providers) {
      routes.set(
        provider.name,
        routeValue({ ...provider.config, ...wireAuth(provider.name, provider.config) }),
      );
    }
    return `${jsonText(routes)}\n`;
  }
  const entries = [...roster.entries].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  checkRoutePrefixes(entries);
  for (const entry of entries) {
    if (entry.vaultRoute !== null) routes.set(entry.name, routeValue(entry.vaultRoute));
  }
  return `${jsonText(routes)}\n`;
}
