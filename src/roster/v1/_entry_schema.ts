/**
 * The version-1 roster schema (docs/roster.md, "Schema"), written once: it validates a merged roster document
 * into an {@linkcode EntryConfig} and describes one roster file as JSON Schema.
 *
 * @module
 */

import {
  array,
  boolean,
  either,
  freeMapping,
  nullable,
  nullAs,
  object,
  oneOf,
  optional,
  record,
  rejected,
  required,
  type Schema,
  withDefault,
} from "../_schema_kit.ts";
import {
  authKeySection,
  autoApproveSection,
  emptyByDefault,
  emptyStringList,
  emptyStringMap,
  falseByDefault,
  gitIdentitySection,
  headlessSection,
  httpUrl,
  optionalSection,
  optionalString,
  pathSegment,
  relativePath,
  requiredString,
  sessionSection,
  str,
  stringList,
} from "../_field_schemas.ts";

const noStrings = (): string[] => [];
import type { EntryConfig } from "../types.ts";

const emptyBoolMap = withDefault(record(boolean()), () => ({}));

const authSchema = object({
  host_dir: required(pathSegment),
  container_mount: requiredString,
  command: optional(nullable(stringList)),
  auth_key: authKeySection,
  banner_hint: emptyByDefault,
  api_key_hint: emptyByDefault,
  extra_run_args: emptyStringList,
  modes: withDefault(array(oneOf(["oauth", "api_key"])), () => ["api_key" as const]),
  post_capture_state: withDefault(record(nullAs(freeMapping(), () => ({}))), () => ({})),
});

const vaultSchema = object({
  route_prefix: requiredString,
  upstream: required(httpUrl),
  path_upstreams: withDefault(record(httpUrl), () => ({})),
  oauth_extra_headers: emptyStringMap,
  auth_header: withDefault(str, () => "Authorization"),
  auth_prefix: withDefault(str, () => "Bearer "),
  credential_type: withDefault(
    oneOf(["api_key", "oauth", "oauth_token", "pat"]),
    () => "api_key" as const,
  ),
  credential_file: withDefault(relativePath, () => ""),
  phantom_env: emptyBoolMap,
  oauth_phantom_env: emptyBoolMap,
  // The last version-1 field terok added (terok-executor 0.1.0, replacing the two maps above
  // there): credential type (or `_default`) -> the variable that gets the phantom token.
  token_env: emptyStringMap,
  base_url_env: emptyByDefault,
  socket_env: emptyByDefault,
  // Not in the roster schema terok documents, but terok's own glab and sonar entries set it (the upstream
  // shares its domain with non-API traffic); accepted so a terok roster directory loads.
  shared_domain: falseByDefault,
  shared_config_patch: optional(nullable(freeMapping())),
  oauth_refresh: optionalSection(object({
    token_url: requiredString,
    client_id: requiredString,
    scope: optionalString,
  })),
  socket_path: rejected('Key "socket_path" is no longer configurable and must be removed'),
});

/** The schema of one roster entry after merging (no `roster_version`: it is stripped first). */
export const entrySchema: Schema<EntryConfig> = object({
  kind: withDefault(
    oneOf(["native", "opencode", "bridge", "tool", "runtime"]),
    () => "native" as const,
  ),
  label: optionalString,
  binary: optionalString,
  git_identity: gitIdentitySection,
  headless: headlessSection,
  auto_approve: autoApproveSection,
  session: sessionSection,
  capabilities: optionalSection(object({
    agents_json: falseByDefault,
    add_dir: falseByDefault,
    log_format: withDefault(oneOf(["plain", "claude-stream-json"]), () => "plain" as const),
  })),
  wrapper: optionalSection(object({ refuse_subcommands: emptyStringList })),
  opencode: optionalSection(object({
    display_name: requiredString,
    base_url: requiredString,
    preferred_model: requiredString,
    fallback_model: requiredString,
    env_var_prefix: requiredString,
    config_dir: requiredString,
    auth_key_url: requiredString,
    api_key_hint: optionalString,
  })),
  auth: optionalSection(authSchema),
  vault: optionalSection(vaultSchema),
  sidecar: optionalSection(object({ tool_name: optionalString, env_map: emptyStringMap })),
  install: optionalSection(object({
    depends_on: withDefault(
      either(
        str,
        stringList,
        "a string or a list of strings",
        (v) => typeof v === "string" ? [v] : v,
      ),
      noStrings,
    ),
    run_as_root: emptyByDefault,
    run_as_dev: emptyByDefault,
  })),
  help: optionalSection(object({
    label: emptyByDefault,
    section: withDefault(oneOf(["agent", "dev_tool"]), () => "agent" as const),
  })),
  mounts: withDefault(
    array(object({
      host_dir: requiredString,
      container_path: requiredString,
      label: optionalString,
    })),
    () => [],
  ),
  web_ingress: falseByDefault,
});
