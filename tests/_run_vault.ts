/**
 * Test helper: runs the real CLI the documented way, `deno task vault <args>`, from the
 * project root, and captures the outcome.
 *
 * @module
 */

/** What one CLI run produced. */
export interface VaultRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options for {@linkcode runVault}. */
export interface RunVaultOptions {
  /** Extra or overriding environment variables (HOME, TEROK_ROOT, ...). */
  env?: Record<string, string>;
  /** The caller's directory, as `deno task` reports it to the launcher through INIT_CWD. */
  cwd?: string;
  /** Kill the run after this many milliseconds (the run then fails the test). */
  timeoutMs?: number;
}

export const PROJECT_DIR = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/**
 * What deno itself needs to find its binary and caches. DENO_DIR is always set explicitly, so
 * a test that points HOME at a temporary directory still uses the real module cache.
 */
function passThroughEnv(): Record<string, string> {
  const env: Record<string, string> = { DENO_DIR: denoDir() };
  for (const name of ["PATH", "HOME", "TMPDIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

let cachedDenoDir: string | undefined;

/** Deno's module cache directory (DENO_DIR, or where deno says it is). */
export function denoDir(): string {
  cachedDenoDir ??= Deno.env.get("DENO_DIR") ??
    JSON.parse(
      new TextDecoder().decode(
        new Deno.Command("deno", { args: ["info", "--json"] }).outputSync().stdout,
      ),
    ).denoDir as string;
  return cachedDenoDir;
}

/**
 * Runs `deno task --quiet vault ...args` (quiet only hides deno's own "Task ..." echo line).
 *
 * @param args The program's arguments.
 * @param options Environment, caller directory and timeout.
 * @returns Exit code, stdout and stderr.
 * @throws {Error} When the run outlives the timeout.
 */
export async function runVault(
  args: readonly string[],
  options: RunVaultOptions = {},
): Promise<VaultRun> {
  const cwd = options.cwd ?? PROJECT_DIR;
  const child = new Deno.Command("deno", {
    args: ["task", "--quiet", `--config=${PROJECT_DIR}/deno.json`, "vault", ...args],
    cwd,
    // A clean shell's environment: no INIT_CWD from an outer `deno task` (deno task keeps an
    // existing one), no TEROK_* or XDG_* of the machine the tests happen to run on.
    clearEnv: true,
    env: { ...passThroughEnv(), NO_COLOR: "1", ...options.env },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  const output = await child.output();
  clearTimeout(timer);
  if (timedOut) throw new Error(`terok-vault ${args.join(" ")} did not finish in ${timeoutMs} ms`);
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}
