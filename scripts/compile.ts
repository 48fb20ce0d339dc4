/**
 * `deno task compile [--layout fhs|user] [--target TRIPLE] [--output PATH] [--print]`:
 * builds `dist/terok-vault` with the permissions of the chosen layout baked in.
 *
 * Two steps, each with only the grants it needs. This step parses the options (it may read
 * the layout's variables and run `deno`), then starts the build step in the caller's
 * directory with read and write on the output file's directory alone (and read on
 * `DENORT_BIN`): it stages the binary in a temporary directory there and renames it into
 * place, so a failed build leaves no partial binary.
 *
 * `deno compile` needs its runtime (denort); it downloads it unless `DENORT_BIN` names a
 * local copy. When neither works this says so in one line and exits 1. A `DENORT_BIN` that is
 * a full Deno (its `--version` says so) still runs the whole pipeline, but the file it builds
 * is that Deno, not terok-vault: the build says so on stderr. Deno is started by the path of
 * the running binary, never by a `deno` looked up on PATH.
 *
 * @module
 */

import { compileArgs, type CompileOptions, shellWord } from "./compile_args.ts";
import { fileUrlPath } from "./_file_url_path.ts";
import { ENV_NAMES, type EnvName } from "../src/paths.ts";

const PROJECT_DIR = fileUrlPath(new URL("..", import.meta.url));
const USAGE =
  "Usage: deno task compile [--layout fhs|user] [--target TRIPLE] [--output PATH] [--print]";
const HELP = `${USAGE}

Builds the single terok-vault binary with the permissions of one layout baked in.

Options:
  --layout fhs|user  fhs (default): /etc/terok and /var/lib/terok, for a container or a root
                     host; user: this user's XDG paths
  --target TRIPLE    a deno compile target (default: this machine)
  --output PATH      the binary to write (default: dist/terok-vault in the checkout)
  --print            print the deno compile command line and build nothing
  -h, --help         show this help

Environment:
  DENORT_BIN         a local denort ${Deno.version.deno} binary, where it cannot be downloaded
`;
/** The internal first argument of the build step. */
const BUILD_STEP = "--build-step";
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** A problem reported in one line; `code` is the exit code. */
class CompileError extends Error {
  constructor(message: string, readonly code: number) {
    super(message);
  }
}

function usageError(message: string): never {
  throw new CompileError(`${message}\n${USAGE}`, EXIT_USAGE);
}

interface Parsed {
  options: CompileOptions;
  print: boolean;
  help: boolean;
}

function parse(args: readonly string[]): Parsed {
  const options: CompileOptions = { layout: "fhs", output: `${PROJECT_DIR}/dist/terok-vault` };
  let print = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith("-")) usageError(`"${arg}" needs a value`);
      return next;
    };
    if (arg === "-h" || arg === "--help") return { options, print, help: true };
    if (arg === "--layout") {
      const layout = value();
      if (layout !== "fhs" && layout !== "user") usageError(`Unknown layout "${layout}"`);
      options.layout = layout;
    } else if (arg === "--target") options.target = value();
    else if (arg === "--output") options.output = value();
    else if (arg === "--print") print = true;
    else usageError(`Unknown argument "${arg}"`);
  }
  options.env = (name: EnvName) => Deno.env.get(name) || undefined;
  return { options, print, help: false };
}

function parentDir(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut === -1 ? "." : cut === 0 ? "/" : path.slice(0, cut);
}

/** Starts the build step in the caller's directory with exactly the grants it needs. */
async function startBuildStep(args: readonly string[], output: string): Promise<number> {
  const outputDir = parentDir(output);
  const denort = Deno.env.get("DENORT_BIN");
  const read = [outputDir, ...(denort ? [denort] : [])];
  const run = [Deno.execPath(), ...(denort ? [denort] : [])];
  for (const path of new Set([...read, ...run])) {
    if (path.includes(",")) {
      throw new CompileError(
        `Cannot grant access to "${path}": Deno cannot grant permissions on a path that ` +
          `contains ",", so rename or move it`,
        EXIT_USAGE,
      );
    }
  }
  if (outputDir === "/") {
    throw new CompileError(`Refusing to write "${output}" directly in "/"`, EXIT_USAGE);
  }
  const command = (cwd: string) =>
    new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--quiet",
        "--no-prompt",
        // The checkout's config, so its lockfile pins every npm package (no registry look-up).
        `--config=${PROJECT_DIR}/deno.json`,
        `--allow-env=${[...ENV_NAMES, "DENORT_BIN"].join(",")}`,
        `--allow-run=${run.join(",")}`,
        `--allow-read=${read.join(",")}`,
        `--allow-write=${outputDir}`,
        `${PROJECT_DIR}/scripts/compile.ts`,
        BUILD_STEP,
        ...args,
      ],
      cwd,
    });
  let child;
  try {
    // Relative paths are the caller's: the working directory of `deno task` (our parent).
    child = command(`/proc/${Deno.ppid}/cwd`).spawn();
  } catch {
    if (!output.startsWith("/") || (denort !== undefined && !denort.startsWith("/"))) {
      throw new CompileError(
        "Cannot tell which directory the command was run in; give absolute paths",
        EXIT_USAGE,
      );
    }
    child = command(Deno.cwd()).spawn();
  }
  return (await child.status).code;
}

/** The build step: stage the binary next to the output, then rename it into place. */
async function build(options: CompileOptions): Promise<void> {
  const denort = Deno.env.get("DENORT_BIN");
  if (denort) {
    const info = await Deno.stat(denort).catch(() => undefined);
    if (info === undefined || !info.isFile) {
      throw new CompileError(
        `DENORT_BIN names "${denort}", which is not a file; point it at a denort ` +
          `${Deno.version.deno} binary. Nothing was built.`,
        EXIT_FAILED,
      );
    }
  }
  const finalOutput = options.output.startsWith("/")
    ? options.output
    : `${Deno.cwd()}/${options.output}`;
  const outputDir = parentDir(finalOutput);
  await Deno.mkdir(outputDir, { recursive: true });
  const staging = await Deno.makeTempDir({ dir: outputDir, prefix: ".compile-" });
  try {
    const args = compileArgs({ ...options, output: `${staging}/terok-vault` }, PROJECT_DIR);
    const result = await new Deno.Command(Deno.execPath(), {
      args,
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    if (!result.success) {
      const stderr = new TextDecoder().decode(result.stderr);
      if (/denort|dl\.deno\.land|Setting up base binary/.test(stderr)) {
        throw new CompileError(
          "deno compile could not get its runtime (denort): it cannot be downloaded here; " +
            `set DENORT_BIN to a local denort ${Deno.version.deno} binary and run again. ` +
            "Nothing was built.",
          EXIT_FAILED,
        );
      }
      throw new CompileError(
        `deno compile failed; nothing was built:\n${stderr.trim()}`,
        EXIT_FAILED,
      );
    }
    await Deno.rename(`${staging}/terok-vault`, finalOutput);
    console.log(`Built ${finalOutput} (layout ${options.layout})`);
    const fullDeno = denort ? await fullDenoVersion(denort) : undefined;
    if (fullDeno !== undefined) {
      console.error(
        `terok-vault: warning: compile: DENORT_BIN is a full Deno (${fullDeno}), not denort: ` +
          `this only exercised the build pipeline; ${finalOutput} is not a working ` +
          `terok-vault binary. Use a denort ${Deno.version.deno} binary for a real build.`,
      );
    }
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

/**
 * The version line a full Deno prints for `--version` (`deno 2.9.6 (...)`), or undefined for
 * anything else: denort runs only the program compiled into it and prints no such line.
 */
async function fullDenoVersion(runtime: string): Promise<string | undefined> {
  try {
    const { stdout } = await new Deno.Command(runtime, {
      args: ["--version"],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
      signal: AbortSignal.timeout(10_000),
    }).output();
    const first = new TextDecoder().decode(stdout).split("\n")[0]!;
    return /^deno \d+\.\d+\.\d+/.test(first) ? first.replace(/ \(.*$/, "") : undefined;
  } catch {
    return undefined; // Not runnable here (another target's runtime): nothing to tell.
  }
}

async function main(): Promise<number> {
  const buildStep = Deno.args[0] === BUILD_STEP;
  const args = buildStep ? Deno.args.slice(1) : Deno.args;
  const { options, print, help } = parse(args);
  if (help) {
    console.log(HELP.trimEnd());
    return 0;
  }
  if (print) {
    console.log(["deno", ...compileArgs(options, PROJECT_DIR)].map(shellWord).join(" "));
    return 0;
  }
  if (!buildStep) return await startBuildStep(args, options.output);
  await build(options);
  return 0;
}

try {
  Deno.exit(await main());
} catch (error) {
  // A RangeError: the layout's defaults cannot be worked out from this environment (no HOME).
  if (!(error instanceof CompileError) && !(error instanceof RangeError)) throw error;
  console.error(`terok-vault: error: compile: ${error.message}`);
  Deno.exit(error instanceof CompileError ? error.code : EXIT_USAGE);
}
