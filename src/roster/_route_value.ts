/**
 * One routes.json value, shared by both roster versions: `upstream`, `auth_header`,
 * `auth_prefix`, then `path_upstreams` and `oauth_extra_headers` when not empty, then
 * `oauth_refresh` when set (`scope` only when set).
 *
 * @module
 */

import type { OAuthRefreshConfig } from "./types.ts";

/** What a route is made of, whichever roster version it came from. */
export interface RouteFields {
  readonly upstream: string;
  readonly auth_header: string;
  readonly auth_prefix: string;
  readonly path_upstreams: Readonly<Record<string, string>>;
  readonly oauth_extra_headers: Readonly<Record<string, string>>;
  readonly oauth_refresh?: OAuthRefreshConfig | undefined;
}

/** The route's members in routes.json order (a `Map`, so `jsonText` keeps the order). */
export function routeValue(route: RouteFields): Map<string, unknown> {
  const value = new Map<string, unknown>([
    ["upstream", route.upstream],
    ["auth_header", route.auth_header],
    ["auth_prefix", route.auth_prefix],
  ]);
  if (Object.keys(route.path_upstreams).length > 0) {
    value.set("path_upstreams", route.path_upstreams);
  }
  if (Object.keys(route.oauth_extra_headers).length > 0) {
    value.set("oauth_extra_headers", route.oauth_extra_headers);
  }
  const refresh = route.oauth_refresh;
  if (refresh !== undefined) {
    const fields = new Map([["token_url", refresh.token_url], ["client_id", refresh.client_id]]);
    if (refresh.scope !== undefined) fields.set("scope", refresh.scope);
    value.set("oauth_refresh", fields);
  }
  return value;
}
