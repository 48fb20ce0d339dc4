/**
 * @module
 * Renders routes.json.
 */

import { checkRoutePrefixes } from "./_check_route_prefixes.ts";
import { jsonText } from "./_json_text.ts";
import type { Roster, VaultConfig } from "./types.ts";

/**
 * Renders the text of routes.json (docs/roster.md, "routes.json"): an object keyed by entry name in
 * name order (plain `<` comparison, i.e. UTF-16 code unit order), one member per entry with a
 * vault route, each with `upstream`, `auth_header`, `auth_prefix`, then `path_upstreams` and
 * `oauth_extra_headers` when not empty, then `oauth_refresh` when set (`scope` only when set,
 * i.e. not null). Two-space indentation, UTF-8, one trailing newline; `{}` and a newline for no
 * routes.
 *
 * @param roster A loaded roster.
 * @returns The file's complete text.
 * @throws {RosterConflictError} When two entries have one route prefix (nothing to write).
 *
 * @example Print the built-in roster's routes
 * ```ts
 * import { loadRoster, routesJson } from "./mod.ts";
 * console.log(routesJson(await loadRoster()));
 * ```
 */
export function routesJson(roster: Roster): string {
  const entries = [...roster.entries].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0
  );
  checkRoutePrefixes(entries);
  const routes = new Map<string, Map<string, unknown>>();
  for (const entry of entries) {
    if (entry.vaultRoute !== null) routes.set(entry.name, routeOf(entry.vaultRoute));
  }
  return `${jsonText(routes)}\n`;
}

function routeOf(vault: VaultConfig): Map<string, unknown> {
  const route = new Map<string, unknown>([
    ["upstream", vault.upstream],
    ["auth_header", vault.auth_header],
    ["auth_prefix", vault.auth_prefix],
  ]);
  if (Object.keys(vault.path_upstreams).length > 0) {
    route.set("path_upstreams", vault.path_upstreams);
  }
  if (Object.keys(vault.oauth_extra_headers).length > 0) {
    route.set("oauth_extra_headers", vault.oauth_extra_headers);
  }
  const refresh = vault.oauth_refresh;
  if (refresh !== undefined) {
    const fields = new Map([["token_url", refresh.token_url], ["client_id", refresh.client_id]]);
    if (refresh.scope !== undefined) fields.set("scope", refresh.scope);
    route.set("oauth_refresh", fields);
  }
  return route;
}
