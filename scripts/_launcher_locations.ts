/**
 * The launcher's view of a command's locations, including a ROOT or mounts dir that terok's
 * config.yml moves.
 *
 * @module
 */

import type { PathContext } from "../src/paths.ts";
import type { FileInvocation, Locations } from "../src/cli/locations.ts";
import { resolveCommandLocations } from "../src/cli/resolve_command_locations.ts";
import { resolveLocations } from "../src/cli/locations.ts";
import { fileUrlPath } from "./_file_url_path.ts";

// Named from the checkout's root, so the paths hold from scripts/ and from bundle/ alike.
const PROBE = fileUrlPath(new URL("../scripts/print_config_paths.ts", import.meta.url));
const CONFIG = fileUrlPath(new URL("../deno.json", import.meta.url));

/**
 * Works out the locations to grant. The launcher may read the usual config.yml files itself
 * (the `vault` task grants them); a `TEROK_CONFIG_FILE` elsewhere is read by a short-lived
 * `deno` that may read just that file. When a config file is unusable, only the config files
 * are granted: the program then reads them and reports the problem itself.
 *
 * Requires `--allow-read` on the usual config files, `--allow-run=deno`, and the env and uid
 * grants of {@linkcode resolveLocations}.
 *
 * @throws {RangeError} When the environment cannot give a needed default.
 */
export async function launcherLocations(
  invocation: FileInvocation,
  context: PathContext,
  cwd: string,
): Promise<Locations> {
  const first = resolveLocations(invocation, context, cwd);
  const files = first.configFiles;
  // Files read only for what they expose are granted and read by the program itself.
  if (files === undefined || !first.configDecides) return first;
  try {
    if (files.every(readable)) {
      return (await resolveCommandLocations(invocation, context, cwd)).locations;
    }
    const { root, live } = await probeConfigPaths(files);
    return {
      ...resolveLocations(
        invocation,
        { ...context, configRoot: () => root, configSandboxLiveDir: () => live },
        cwd,
      ),
      configFiles: files,
    };
  } catch {
    return { userDir: null, configFiles: files };
  }
}

function readable(path: string): boolean {
  return Deno.permissions.querySync({ name: "read", path }).state === "granted";
}

/**
 * Reads `paths.root` and `paths.sandbox_live_dir` in a `deno` allowed to read only `files`
 * (and HOME, for `~`).
 */
async function probeConfigPaths(
  files: readonly string[],
): Promise<{ root: string | undefined; live: string | undefined }> {
  if (files.some((file) => file.includes(","))) throw new RangeError("A comma in a config path");
  const { code, stdout } = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      `--config=${CONFIG}`,
      `--allow-read=${files.join(",")}`,
      "--allow-env=HOME",
      PROBE,
      ...files,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).output();
  if (code !== 0) throw new Error("The config probe failed");
  const paths: unknown = JSON.parse(new TextDecoder().decode(stdout));
  const root = (paths as { root?: unknown })?.root;
  const live = (paths as { sandbox_live_dir?: unknown })?.sandbox_live_dir;
  const usable = (value: unknown): value is string | null =>
    value === null || typeof value === "string";
  if (!usable(root) || !usable(live)) throw new Error("The config probe failed");
  return { root: root ?? undefined, live: live ?? undefined };
}
