// Copyright the terok-vault authors. MIT license.
import { isYamlLoaded, setYamlModule } from "./_yaml.ts";

/**
 * Load the YAML parser (js-yaml) the detector needs for YAML files: gh's `hosts.yml`, glab's
 * `config.yml`, and any `*.yml` / `*.yaml` a deep scan meets. The detector is synchronous
 * and loads nothing on its own, so that a scan of JSON credential files never pays for
 * js-yaml; before the parser is loaded, judging a YAML file throws
 * {@linkcode YamlParserNotLoadedError}. `scanMounts`, `cleanMounts` and `watchMounts` load
 * it themselves when they need it. Loading twice is harmless.
 *
 * @returns Resolves once the parser is loaded.
 *
 * @example Judge gh's hosts.yml
 * ```ts
 * import { judgeCredential, loadYamlParser } from "./mod.ts";
 *
 * await loadYamlParser();
 * const hosts = "github.com:\n    user: octo\n    git_protocol: https\n";
 * const verdict = judgeCredential(new TextEncoder().encode(hosts), { fileName: "hosts.yml" });
 * console.log(verdict.verdict); // "clean" (the token is in a keyring)
 * ```
 */
export async function loadYamlParser(): Promise<void> {
  if (isYamlLoaded()) return;
  setYamlModule(await import("../_js_yaml.ts"));
}
