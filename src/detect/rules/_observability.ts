// Copyright the terok-vault authors. MIT license.
/**
 * Token rules: monitoring services (Sentry, Grafana, New Relic, Dynatrace).
 *
 * @module
 */
import type { Rule } from "../types.ts";

/** monitoring services (Sentry, Grafana, New Relic, Dynatrace). */
export const OBSERVABILITY_RULES: readonly Rule[] = [
  {
    id: "sentry-token",
    description: "Sentry user auth token or organization token",
    shape: "sntryu_ + 64 hex; sntrys_eyJ + base64 claims + _ + 43 base64 chars",
    prefixes: ["sntryu_", "sntrys_"],
    pattern: "sntryu_[0-9a-f]{64}|sntrys_eyJ[A-Za-z0-9+/]{20,1000}={0,2}_[A-Za-z0-9+/]{43}",
    keyed: false,
  },
  {
    id: "grafana-cloud-api-token",
    description: "Grafana Cloud API token",
    shape: "glc_ + 32 to 400 base64 chars",
    prefixes: ["glc_"],
    pattern: "glc_[A-Za-z0-9+/]{32,400}={0,2}",
    keyed: false,
  },
  {
    id: "grafana-service-account-token",
    description: "Grafana service account token",
    shape: "glsa_ + 32 alnum + _ + 8 hex",
    prefixes: ["glsa_"],
    pattern: "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}",
    keyed: false,
  },
  {
    id: "grafana-api-key",
    description: "Grafana API key (legacy)",
    shape: "eyJrIjoi + 70 to 400 alnum",
    prefixes: ["eyJrIjoi"],
    pattern: "eyJrIjoi[A-Za-z0-9]{70,400}={0,3}",
    keyed: false,
  },
  {
    id: "new-relic-key",
    description: "New Relic user API key, insert key or browser key",
    shape: "NRAK- + 27 of [A-Z0-9]; NRII- + 32 of [\\w-]; NRJS- + 19 hex",
    prefixes: ["NRAK-", "NRII-", "NRJS-"],
    pattern: "NRAK-[A-Z0-9]{27}|NRII-[A-Za-z0-9_-]{32}|NRJS-[0-9a-f]{19}",
    keyed: false,
  },
  {
    id: "dynatrace-api-token",
    description: "Dynatrace API token or OAuth client secret",
    shape: "dt0c01. or dt0s01. + 24 alnum + . + 64 alnum",
    prefixes: ["dt0c01.", "dt0s01."],
    pattern: "dt0[cs]01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}",
    keyed: false,
  },
];
