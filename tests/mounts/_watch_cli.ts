// Copyright the terok-vault authors. MIT license.
/**
 * Runs `deno task watch ...` (the real CLI, scoped by the launcher) in the background and
 * follows its output line by line; plus generated, real-shaped fake tokens.
 */
import { coverageEnv, denoDir } from "../_run_vault.ts";
import { REPO_ROOT } from "./_cli.ts";

/** A running watch whose stdout and stderr are collected as they come. */
export interface WatchRun {
  /** Lines of stdout so far. */
  lines: string[];
  /** Everything on stdout and stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line `match` accepts; rejects after `timeoutMs`. */
  waitFor(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends `signal` and resolves with the exit code (SIGKILL and a rejection after 10 s). */
  stop(signal?: Deno.Signal): Promise<number>;
  /** The process id of the outermost process (the task runner, or the wrapper). */
  pid: number;
}

/**
 * Starts `watch` on the sandbox's mounts with the roster written to `<base>/roster` and no user
 * overrides, plus `extra` options.
 */
export function startRosterWatch(
  box: { mounts: string; base: string },
  ...extra: string[]
): WatchRun {
  return startWatch([
    "--mounts-dir",
    box.mounts,
    "--roster",
    `${box.base}/roster`,
    "--no-user",
    ...extra,
  ]);
}

/**
 * Starts `deno task --quiet watch <args>` from the project root with a clean environment;
 * `wrapper` (e.g. `["unshare", "-U", "-r", "sh", "-c", "...", "sh"]`) goes in front; `env`
 * adds variables (TEROK_*).
 */
export function startWatch(
  args: string[],
  wrapper: string[] = [],
  env: Record<string, string> = {},
): WatchRun {
  const command = [...wrapper, Deno.execPath(), "task", "--quiet", "watch", ...args];
  const child = new Deno.Command(command[0]!, {
    args: command.slice(1),
    cwd: REPO_ROOT,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? "/root",
      DENO_DIR: denoDir(),
      NO_COLOR: "1",
      ...coverageEnv(),
      ...env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  let out = "";
  let err = "";
  const waiters = new Set<() => void>();
  const pump = async (stream: ReadableStream<Uint8Array>, into: "out" | "err") => {
    const decoder = new TextDecoder();
    let partial = "";
    for await (const chunk of stream) {
      const text = decoder.decode(chunk, { stream: true });
      if (into === "err") {
        err += text;
        continue;
      }
      out += text;
      partial += text;
      const parts = partial.split("\n");
      partial = parts.pop()!;
      lines.push(...parts);
      waiters.forEach((wake) => wake());
    }
  };
  const pumps = Promise.all([pump(child.stdout, "out"), pump(child.stderr, "err")]);
  let exited = false;
  const status = child.status.then(async (s) => {
    exited = true;
    await pumps;
    waiters.forEach((wake) => wake());
    return s;
  });
  return {
    lines,
    pid: child.pid,
    stdout: () => out,
    stderr: () => err,
    waitFor(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        let seen = 0;
        const check = () => {
          for (; seen < lines.length; seen++) {
            if (match(lines[seen]!)) {
              finish();
              return resolve(lines[seen]!);
            }
          }
          if (exited) {
            finish();
            reject(new Error(`watch exited first; stdout:\n${out}\nstderr:\n${err}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`no such line in ${timeoutMs} ms; stdout:\n${out}\nstderr:\n${err}`));
        }, timeoutMs);
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async stop(signal = "SIGTERM") {
      if (!exited) child.kill(signal);
      const killer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch {
          // Gone already.
        }
      }, 10_000);
      const { code, signal: killedBy } = await status;
      clearTimeout(killer);
      if (killedBy === "SIGKILL") throw new Error(`watch did not stop on ${signal}`);
      return code;
    },
  };
}

/** JSON events of a `--json` run, parsed. */
export function events(run: WatchRun): Record<string, unknown>[] {
  return run.lines.filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
}

/** Accepts a JSON event line of `kind` (and, if given, at `path`). */
export function isEvent(kind: string, path?: string): (line: string) => boolean {
  return (line) => {
    if (!line.startsWith("{")) return false;
    const event = JSON.parse(line);
    return event.event === kind && (path === undefined || event.path === path);
  };
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/**
 * A real-shaped, obviously fake Claude OAuth token (`sk-ant-oat01-` or `sk-ant-ort01-`, then
 * 95 chars with FAKE and TEST inside), different for every call.
 */
export function fakeClaudeToken(kind: "oat" | "ort" = "oat"): string {
  const random = crypto.getRandomValues(new Uint8Array(87));
  const body = [...random].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `sk-ant-${kind}01-FAKE${body.slice(0, 40)}TEST${body.slice(40)}`;
}

/** A Claude `.credentials.json` holding real-shaped fake tokens. */
export function claudeCredentials(access: string, refresh: string): string {
  return JSON.stringify({
    claudeAiOauth: { accessToken: access, refreshToken: refresh, expiresAt: 1 },
  });
}

/** Throws when any 12 consecutive characters of a token's secret part appear in `text`. */
export function assertNoSecret(text: string, secrets: readonly string[]): void {
  for (const secret of secrets) {
    const body = secret.replace(/^sk-ant-[a-z]+\d\d-/, "");
    for (let i = 0; i + 12 <= body.length; i++) {
      if (text.includes(body.slice(i, i + 12))) {
        throw new Error(`output holds part of a planted secret: '${body.slice(i, i + 4)}…'`);
      }
    }
  }
}

/** Polls `condition` every 50 ms; rejects after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = "condition",
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
