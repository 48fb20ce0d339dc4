/**
 * Test helper, the one CLI runner: runs the real CLI the documented way (`deno task <task>
 * ...args`) in a chosen directory, with an explicit environment, and captures the outcome.
 *
 * The environment is a clean shell's: PATH, HOME, TMPDIR and DENO_DIR only, plus what the
 * test names. No INIT_CWD of an outer `deno task`, no TEROK_* or XDG_* of the machine the
 * tests run on. When the test run collects coverage (`deno task coverage` sets
 * DENO_COVERAGE_DIR), the CLI's processes write their coverage there too.
 *
 * @module
 */

import { fileUrlPath } from "../scripts/_file_url_path.ts";

/** What one CLI run produced. */
export interface VaultRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@linkcode runTask} and {@linkcode runVault}. */
export interface RunVaultOptions {
  /** Extra or overriding environment variables (HOME, TEROK_ROOT, INIT_CWD, ...). */
  env?: Record<string, string>;
  /** The directory `deno task` is run in (relative paths are taken from there). */
  cwd?: string;
  /** Kill the run after this many milliseconds (the run then fails the test). */
  timeoutMs?: number;
  /** What the program reads on stdin; nothing by default. */
  stdin?: string;
}

/** The checkout's root directory. */
export const PROJECT_DIR = fileUrlPath(new URL("..", import.meta.url));

/**
 * What deno itself needs to find its binary and caches. DENO_DIR is always set explicitly, so
 * a test that points HOME at a temporary directory still uses the real module cache.
 */
export function passThroughEnv(): Record<string, string> {
  const env: Record<string, string> = { DENO_DIR: denoDir() };
  for (const name of ["PATH", "HOME", "TMPDIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...networkEnv(), ...coverageEnv() };
}

/** What Deno reads to reach the npm registry: extra CA certificates and proxies. */
const NETWORK_VARIABLES = [
  "DENO_CERT",
  "DENO_TLS_CA_STORE",
  "NODE_EXTRA_CA_CERTS",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
];

/**
 * The variables Deno needs to fetch an npm package a test's fresh module cache lacks, where
 * they are set (a machine behind a TLS-inspecting proxy trusts its CA through them).
 */
export function networkEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of NETWORK_VARIABLES) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * DENO_COVERAGE_DIR (made absolute) when this test run collects coverage, for every runner
 * that starts the CLI with a clean environment: its processes then write their coverage too.
 */
export function coverageEnv(): Record<string, string> {
  const coverage = Deno.env.get("DENO_COVERAGE_DIR");
  if (!coverage) return {};
  return {
    DENO_COVERAGE_DIR: coverage.startsWith("/") ? coverage : `${Deno.cwd()}/${coverage}`,
  };
}

let cachedDenoDir: string | undefined;

/** Deno's module cache directory (DENO_DIR, or where deno says it is). */
export function denoDir(): string {
  cachedDenoDir ??= Deno.env.get("DENO_DIR") ??
    JSON.parse(
      new TextDecoder().decode(
        new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).outputSync().stdout,
      ),
    ).denoDir as string;
  return cachedDenoDir;
}

/**
 * Runs `deno task --quiet <task> ...args` (quiet only hides deno's own "Task ..." echo line).
 *
 * @param task The task: `vault`, `routes`, `scan`, `clean` or `compile`.
 * @param args The task's arguments.
 * @param options Environment, directory, stdin and timeout.
 * @returns Exit code, stdout and stderr.
 * @throws {Error} When the run outlives the timeout.
 */
export async function runTask(
  task: string,
  args: readonly string[],
  options: RunVaultOptions = {},
): Promise<VaultRun> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  // coreutils `timeout` signals the whole process group (task runner, launcher and program),
  // so a hung run leaves no process behind.
  const child = new Deno.Command("timeout", {
    args: [
      "-s",
      "KILL",
      `${timeoutMs / 1000}s`,
      Deno.execPath(),
      "task",
      "--quiet",
      `--config=${PROJECT_DIR}/deno.json`,
      task,
      ...args,
    ],
    cwd: options.cwd ?? PROJECT_DIR,
    clearEnv: true,
    env: { ...passThroughEnv(), NO_COLOR: "1", ...options.env },
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  const output = await child.output();
  const decoder = new TextDecoder();
  const run = {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
  if (run.code === 137) {
    throw new Error(
      `deno task ${task} ${args.join(" ")} did not finish in ${timeoutMs} ms\n${run.stderr}`,
    );
  }
  return run;
}

/**
 * Runs `deno task --quiet vault ...args`: {@linkcode runTask} with the `vault` task.
 *
 * @param args The program's arguments.
 * @param options Environment, directory, stdin and timeout.
 * @returns Exit code, stdout and stderr.
 * @throws {Error} When the run outlives the timeout.
 */
export function runVault(
  args: readonly string[],
  options: RunVaultOptions = {},
): Promise<VaultRun> {
  return runTask("vault", args, options);
}
