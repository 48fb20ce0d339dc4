/**
 * The version-3 roster schemas (docs/roster-v3.md, "Schema"), written once: a provider file
 * (`providers/<name>.yaml`) and an agent file (`agents/<name>.yaml`). Each validates a merged
 * document into its typed config and describes one file as JSON Schema.
 *
 * @module
 */

import {
  array,
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
import type { AgentConfigV3, ProviderConfig } from "../types.ts";

const installSchema = object({
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
});

const helpSchema = object({
  label: emptyByDefault,
  section: withDefault(oneOf(["agent", "dev_tool"]), () => "agent" as const),
});

const authModeSchema = object({
  header: requiredString,
  prefix: emptyByDefault,
  extra_headers: emptyStringMap,
});

/** The schema of one provider file after merging (the file stem is the provider's name). */
export const providerSchema: Schema<ProviderConfig> = object({
  upstream: required(httpUrl),
  auth: required(object({
    api_key: optionalSection(authModeSchema),
    oauth: optionalSection(authModeSchema),
  })),
  path_upstreams: withDefault(record(httpUrl), () => ({})),
  oauth_refresh: optionalSection(object({
    token_url: requiredString,
    client_id: requiredString,
    scope: optionalString,
  })),
  shared_domain: falseByDefault,
  egress: optionalSection(object({ allow: emptyStringList })),
  serves: emptyStringMap,
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
  install: optionalSection(installSchema),
  help: optionalSection(helpSchema),
});

const V1_ONLY = "is a version-1 key; a version-3 agent names its provider with `provider:` " +
  "and the endpoint lives in providers/<name>.yaml";

/** The schema of one version-3 agent file after merging (no `roster_version`: it is stripped). */
export const agentSchemaV3: Schema<AgentConfigV3> = object({
  kind: withDefault(
    oneOf(["native", "harness", "frontend", "tool", "infra"]),
    () => "native" as const,
  ),
  label: optionalString,
  binary: optionalString,
  git_identity: gitIdentitySection,
  headless: headlessSection,
  auto_approve: autoApproveSection,
  session: sessionSection,
  capabilities: optionalSection(object({
    add_dir: falseByDefault,
    log_format: withDefault(oneOf(["plain", "claude-stream-json"]), () => "plain" as const),
  })),
  wrapper: optionalSection(object({
    refuse_subcommands: emptyStringList,
    launcher: optionalSection(object({
      script: requiredString,
      mode: required(oneOf(["on_provider_select", "always"])),
    })),
  })),
  auth: optionalSection(object({
    host_dir: required(pathSegment),
    container_mount: requiredString,
    command: optional(nullable(stringList)),
    auth_key: authKeySection,
    banner_hint: emptyByDefault,
    extra_run_args: emptyStringList,
    modes: withDefault(array(oneOf(["oauth", "api_key"])), () => ["api_key" as const]),
    device_auth: falseByDefault,
    api_key_hint: emptyByDefault,
    post_capture_state: withDefault(record(nullAs(freeMapping(), () => ({}))), () => ({})),
  })),
  protocol: optionalString,
  provider: optionalSection(object({
    default: optionalString,
    token_env: emptyStringMap,
    base_url_env: emptyByDefault,
    socket_env: emptyByDefault,
    credential_file: withDefault(relativePath, () => ""),
    credential_file_writable: falseByDefault,
    credential_type: withDefault(
      oneOf(["api_key", "oauth", "oauth_token", "pat"]),
      () => "api_key" as const,
    ),
    config_patch: optional(nullable(freeMapping())),
  })),
  sidecar: optionalSection(object({ tool_name: optionalString, env_map: emptyStringMap })),
  install: optionalSection(installSchema),
  help: optionalSection(helpSchema),
  mounts: withDefault(
    array(object({
      host_dir: required(pathSegment),
      container_path: requiredString,
      label: optionalString,
    })),
    () => [],
  ),
  web_ingress: falseByDefault,
  vault: rejected(`Key "vault" ${V1_ONLY}`),
  opencode: rejected(
    'Key "opencode" is a version-1 key; in version 3 the OpenCode settings live in the ' +
      "provider file (providers/<name>.yaml)",
  ),
});
