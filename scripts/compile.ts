/**
 * `deno task compile [--layout fhs|user] [--target TRIPLE] [--output PATH] [--print]`:
 * builds `dist/terok-vault` with the permissions of the chosen layout baked in.
 *
 * `deno compile` needs its runtime (denort); it downloads it unless `DENORT_BIN` names a
 * local copy. When neither works this says so in one line, exits 1 and leaves no partial
 * binary (the binary is built in a staging directory and renamed into place).
 *
 * @module
 */

import { compileArgs, type CompileOptions } from "./compile_args.ts";
import type { EnvName } from "../src/paths.ts";

const projectDir = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const USAGE =
  "Usage: deno task compile [--layout fhs|user] [--target TRIPLE] [--output PATH] [--print]";

class CompileError extends Error {}

function fail(message: string): never {
  throw new CompileError(message);
}

function parse(args: string[]): { options: CompileOptions; print: boolean } {
  const options: CompileOptions = { layout: "fhs", output: `${projectDir}/dist/terok-vault` };
  let print = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i] ?? fail(`${arg} needs a value\n${USAGE}`);
    if (arg === "--layout") {
      const layout = value();
      if (layout !== "fhs" && layout !== "user") fail(`unknown layout "${layout}"\n${USAGE}`);
      options.layout = layout;
    } else if (arg === "--target") options.target = value();
    else if (arg === "--output") options.output = absolute(value());
    else if (arg === "--print") print = true;
    else fail(`unknown argument "${arg}"\n${USAGE}`);
  }
  options.env = (name: EnvName) => Deno.env.get(name) || undefined;
  return { options, print };
}

function absolute(path: string): string {
  return path.startsWith("/") ? path : `${Deno.env.get("INIT_CWD") ?? Deno.cwd()}/${path}`;
}

async function main(): Promise<void> {
  const { options, print } = parse(Deno.args);
  if (print) {
    console.log(["deno", ...compileArgs(options, projectDir)].join(" "));
    return;
  }
  const finalOutput = options.output;
  const outputDir = finalOutput.slice(0, finalOutput.lastIndexOf("/")) || "/";
  await Deno.mkdir(outputDir, { recursive: true });
  const staging = await Deno.makeTempDir({ dir: outputDir, prefix: ".compile-" });
  try {
    const args = compileArgs({ ...options, output: `${staging}/terok-vault` }, projectDir);
    const result = await new Deno.Command("deno", {
      args,
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    if (!result.success) {
      const stderr = new TextDecoder().decode(result.stderr);
      if (/denort|dl\.deno\.land|Setting up base binary/.test(stderr)) {
        fail(
          "deno compile could not get its runtime (denort): it cannot be downloaded here; set DENORT_BIN to a local denort 2.9.6 binary and run again. Nothing was built.",
        );
      }
      fail(`deno compile failed; nothing was built:\n${stderr.trim()}`);
    }
    await Deno.rename(`${staging}/terok-vault`, finalOutput);
    console.log(`Built ${finalOutput} (layout ${options.layout})`);
  } finally {
    await Deno.remove(staging, { recursive: true }).catch(() => {});
  }
}

try {
  await main();
} catch (error) {
  if (!(error instanceof CompileError)) throw error;
  console.error(`compile: ${error.message}`);
  Deno.exit(1);
}
