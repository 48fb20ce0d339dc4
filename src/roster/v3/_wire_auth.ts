/**
 * How a version-3 provider's credential goes on the wire (docs/roster-v3.md, "routes.json"):
 * the `auth_header`, `auth_prefix` and `oauth_extra_headers` of its route.
 *
 * @module
 */

import type { ProviderConfig } from "../types.ts";

/** The wire fields of a route. */
export interface WireAuth {
  readonly auth_header: string;
  readonly auth_prefix: string;
  readonly oauth_extra_headers: Readonly<Record<string, string>>;
}

/** Two modes on one header that differ: routes.json cannot carry both. */
export class WireAuthConflict extends Error {}

/**
 * OAuth and API key on different headers: `dynamic`, an empty prefix and the OAuth mode's
 * extra headers (the vault picks per stored credential). On one header they must agree in
 * prefix and extra headers. One mode: its header, prefix and extra headers as written.
 *
 * @throws {WireAuthConflict} Two modes on one header with a different prefix or extra headers.
 */
export function wireAuth(name: string, provider: ProviderConfig): WireAuth {
  const { oauth, api_key: apiKey } = provider.auth;
  if (oauth !== undefined && apiKey !== undefined) {
    if (oauth.header !== apiKey.header) {
      return { auth_header: "dynamic", auth_prefix: "", oauth_extra_headers: oauth.extra_headers };
    }
    if (oauth.prefix !== apiKey.prefix || !sameMap(oauth.extra_headers, apiKey.extra_headers)) {
      throw new WireAuthConflict(
        `Provider '${name}' declares oauth and api_key auth on the same header ` +
          `('${oauth.header}') but with a different prefix or extra_headers; routes.json ` +
          "carries only one, so give the modes distinct headers or make them identical",
      );
    }
  }
  const mode = oauth ?? apiKey;
  if (mode === undefined) throw new WireAuthConflict(`Provider '${name}' declares no auth mode`);
  return {
    auth_header: mode.header,
    auth_prefix: mode.prefix,
    oauth_extra_headers: mode.extra_headers,
  };
}

/** Equal as Python compares dicts: the same keys with the same values, in any order. */
function sameMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length &&
    keys.every((key) => Object.hasOwn(b, key) && b[key] === a[key]);
}
