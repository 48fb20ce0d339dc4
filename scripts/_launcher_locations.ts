/**
 * The launcher's view of a command's locations, including a ROOT that terok's config.yml moves.
 *
 * @module
 */

import type { PathContext } from "../src/paths.ts";
import type { FileInvocation, Locations } from "../src/cli/locations.ts";
import { resolveCommandLocations } from "../src/cli/resolve_command_locations.ts";
import { resolveLocations } from "../src/cli/locations.ts";
import { fileUrlPath } from "./_file_url_path.ts";

const PROBE = fileUrlPath(new URL("./print_config_root.ts", import.meta.url));
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
  if (files === undefined) return first;
  try {
    if (files.every(readable)) {
      return (await resolveCommandLocations(invocation, context, cwd)).locations;
    }
    const root = await probeConfigRoot(files);
    return resolveLocations(invocation, { ...context, configRoot: () => root }, cwd);
  } catch {
    return { userDir: null, configFiles: files };
  }
}

function readable(path: string): boolean {
  return Deno.permissions.querySync({ name: "read", path }).state === "granted";
}

/** Reads `paths.root` in a `deno` allowed to read only `files` (and HOME, for `~`). */
async function probeConfigRoot(files: readonly string[]): Promise<string | undefined> {
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
  const root: unknown = JSON.parse(new TextDecoder().decode(stdout));
  if (root !== null && typeof root !== "string") throw new Error("The config probe failed");
  return root ?? undefined;
}
