/**
 * Accepted findings: the operator's allowlist (`vault-allow.yaml`, `--allow-file`) and a
 * baseline report (`--baseline`), and what they say about leaks and findings.
 *
 * @module
 */

export * from "./allow_file_error.ts";
export * from "./allowlist_json_schema.ts";
export * from "./judge_acceptance.ts";
export * from "./load_allowlist.ts";
export * from "./load_baseline.ts";
export type * from "./types.ts";
