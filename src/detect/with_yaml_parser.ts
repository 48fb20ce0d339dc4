// Copyright the terok-vault authors. MIT license.
import { loadYamlParser } from "./load_yaml_parser.ts";
import { YamlParserNotLoadedError } from "./yaml_parser_not_loaded_error.ts";

/**
 * Run a judgment that may need the YAML parser: when it throws
 * {@linkcode YamlParserNotLoadedError}, load the parser and run it again. So the parser is
 * loaded only when a YAML file is really read (a `hosts.yml` that is absent or empty never
 * loads it). `judge` must be safe to run twice: it may have read, but not changed anything,
 * when the detector asked for the parser.
 *
 * @param judge The judgment (sync or async).
 * @returns What `judge` returns.
 * @throws Whatever `judge` throws, other than the first `YamlParserNotLoadedError`.
 *
 * @example Judge bytes whose format may be YAML
 * ```ts
 * import { judgeCredential, withYamlParser } from "./mod.ts";
 *
 * const bytes = new TextEncoder().encode("github.com:\n    user: octo\n");
 * const verdict = await withYamlParser(() => judgeCredential(bytes, { fileName: "hosts.yml" }));
 * console.log(verdict.verdict); // "clean"
 * ```
 */
export async function withYamlParser<T>(judge: () => T | Promise<T>): Promise<T> {
  try {
    return await judge();
  } catch (error) {
    if (!(error instanceof YamlParserNotLoadedError)) throw error;
  }
  await loadYamlParser();
  return await judge();
}
