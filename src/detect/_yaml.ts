// Copyright the terok-vault authors. MIT license.
/**
 * The detector's YAML parser, loaded on demand ({@linkcode loadYamlParser}): a plain scan of
 * JSON credential files never loads js-yaml, which costs a large share of start-up.
 *
 * @module
 */
import { YamlParserNotLoadedError } from "./yaml_parser_not_loaded_error.ts";

/** What the detector uses of js-yaml. */
export interface YamlModule {
  readonly load: typeof import("../_js_yaml.ts").load;
  readonly CORE_SCHEMA: typeof import("../_js_yaml.ts").CORE_SCHEMA;
}

let yaml: YamlModule | undefined;

/** Hands the loaded js-yaml module to the detector. */
export function setYamlModule(module: YamlModule): void {
  yaml = module;
}

/** Whether the YAML parser is loaded. */
export function isYamlLoaded(): boolean {
  return yaml !== undefined;
}

/**
 * Parses YAML as the tools write it: the core schema, no aliases (neither tool writes them;
 * they could blow up a walk), shallow nesting.
 *
 * @throws {YamlParserNotLoadedError} Before the parser is loaded.
 */
export function parseYaml(text: string): unknown {
  if (yaml === undefined) throw new YamlParserNotLoadedError();
  return yaml.load(text, { schema: yaml.CORE_SCHEMA, maxAliases: 0, maxDepth: 16 });
}
