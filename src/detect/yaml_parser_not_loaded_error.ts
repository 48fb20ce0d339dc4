// Copyright the terok-vault authors. MIT license.
/**
 * Thrown by the synchronous detector when a file must be read as YAML (gh's `hosts.yml`,
 * glab's `config.yml`, any `*.yml` in a deep scan) before {@linkcode loadYamlParser} has
 * loaded the YAML parser. The scanner loads it itself; code calling the detector directly
 * awaits `loadYamlParser()` once first.
 *
 * @example Load the parser when the detector asks for it
 * ```ts
 * import { judgeCredential, loadYamlParser, YamlParserNotLoadedError } from "./mod.ts";
 *
 * const bytes = new TextEncoder().encode("github.com:\n    user: octo\n");
 * const context = { fileName: "hosts.yml" };
 * try {
 *   judgeCredential(bytes, context);
 * } catch (error) {
 *   if (!(error instanceof YamlParserNotLoadedError)) throw error;
 *   await loadYamlParser();
 * }
 * console.log(judgeCredential(bytes, context).verdict); // "clean"
 * ```
 */
export class YamlParserNotLoadedError extends Error {
  /** Creates the error with its one message. */
  constructor() {
    super(
      "the YAML parser is not loaded: await loadYamlParser() before the detector reads a YAML " +
        "file",
    );
    this.name = "YamlParserNotLoadedError";
  }
}
