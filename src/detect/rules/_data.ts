// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: data platforms (Databricks, ClickHouse, MongoDB Atlas, PlanetScale, Airtable, Notion).
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** data platforms (Databricks, ClickHouse, MongoDB Atlas, PlanetScale, Airtable, Notion). */
export const DATA_RULES: readonly Rule[] = [
  {
    id: "databricks-api-token",
    description: "Databricks personal access token",
    shape: "dapi + 32 hex, optionally -<digit>",
    prefixes: ["dapi"],
    pattern: "dapi[0-9a-f]{32}(?:-[0-9])?",
    keyed: false,
  },
  {
    id: "clickhouse-cloud-api-secret",
    description: "ClickHouse Cloud API secret key",
    shape: "4b1d + 38 alnum",
    prefixes: ["4b1d"],
    pattern: "4b1d[A-Za-z0-9]{38}",
    keyed: false,
  },
  {
    id: "mongodb-atlas-service-account-secret",
    description: "MongoDB Atlas service account secret",
    shape: "mdb_sa_sk_ + 40 or more of [A-Za-z0-9_-]",
    prefixes: ["mdb_sa_sk_"],
    pattern: "mdb_sa_sk_[A-Za-z0-9_-]{40,100}",
    keyed: false,
  },
  {
    id: "planetscale-token",
    description: "PlanetScale API token, OAuth token or database password",
    shape: "pscale_tkn_, pscale_oauth_ or pscale_pw_ + 32 to 64 of [\\w=.-]",
    prefixes: ["pscale_tkn_", "pscale_oauth_", "pscale_pw_"],
    pattern: "pscale_(?:tkn|oauth|pw)_[\\w=.-]{32,64}",
    keyed: false,
  },
  {
    id: "airtable-personal-access-token",
    description: "Airtable personal access token",
    shape: "pat + 14 alnum + . + 64 hex",
    prefixes: ["pat"],
    pattern: "pat[A-Za-z0-9]{14}\\.[0-9a-f]{64}",
    keyed: false,
  },
  {
    id: "notion-token",
    description: "Notion integration token (MCP Notion servers)",
    shape: "ntn_ + 11 digits + 35 alnum; legacy secret_ + 43 alnum",
    prefixes: ["ntn_", "secret_"],
    pattern: "ntn_[0-9]{11}[A-Za-z0-9]{35}|secret_[A-Za-z0-9]{43}",
    keyed: false,
  },
];
