// Copyright the terok-vault authors. MIT license.
/** Fixtures shared by the mounts tests: temp trees, fake secrets and phantom files. */
import { credentialFormat } from "../../src/detect/credential_format.ts";
import type { Clock, CredentialTarget } from "../../src/mounts/types.ts";

export const FAKE_SECRET = "FAKE-TEST-SECRET-not-real";
export const CLAUDE_PHANTOM = JSON.stringify({
  claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
});
export const CODEX_PHANTOM = JSON.stringify({
  tokens: {
    access_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
    refresh_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
  },
});

/** A leak that is obviously fake. */
export function fakeLeak(provider: string): string {
  return JSON.stringify({ provider, token: FAKE_SECRET });
}

export function target(
  provider: string,
  hostDir: string,
  credentialFile: string,
): CredentialTarget {
  // The format its entry would name, as credentialTargets() computes it.
  const format = credentialFormat({ name: provider, kind: "native", credentialFile });
  return { provider, hostDir, credentialFile, ...(format === undefined ? {} : { format }) };
}

/** The eight credential files of the default roster. */
export const DEFAULT_TARGETS: readonly CredentialTarget[] = [
  target("blablador", "_blablador-config", "config.json"),
  target("claude", "_claude-config", ".credentials.json"),
  target("codex", "_codex-config", "auth.json"),
  target("gh", "_gh-config", "hosts.yml"),
  target("glab", "_glab-config", "config.yml"),
  target("kisski", "_kisski-config", "config.json"),
  target("openrouter", "_openrouter-config", "config.json"),
  target("vibe", "_vibe-config", ".env"),
];

/** A temp dir holding `mounts/` and `outside/`; `outside/` stands for the rest of the host. */
export interface Sandbox {
  base: string;
  mounts: string;
  outside: string;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function makeSandbox(): Promise<Sandbox> {
  const base = await Deno.realPath(await Deno.makeTempDir({ prefix: "terok-mounts-test-" }));
  const mounts = `${base}/mounts`;
  const outside = `${base}/outside`;
  await Deno.mkdir(mounts);
  await Deno.mkdir(outside);
  return {
    base,
    mounts,
    outside,
    async [Symbol.asyncDispose]() {
      await Deno.remove(base, { recursive: true });
    },
  };
}

/** Write `text` to `path`, creating parent directories. */
export async function put(path: string, text: string): Promise<void> {
  await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
  await Deno.writeTextFile(path, text);
}

export async function mkfifo(path: string): Promise<void> {
  const { code } = await new Deno.Command("mkfifo", { args: [path] }).output();
  if (code !== 0) throw new Error(`mkfifo '${path}' failed`);
}

export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** Leave a bound Unix socket file at `path` (no --allow-net needed: python3 binds it). */
export async function makeUnixSocket(path: string): Promise<void> {
  const script = "import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])";
  const { code } = await new Deno.Command("python3", { args: ["-c", script, path] }).output();
  if (code !== 0) throw new Error(`binding a socket at '${path}' failed`);
}

/**
 * A clock that jumps instead of sleeping: the quiet-path guard's waits cost no time, and its
 * judgement stays the same (the wait it asks for is exactly the time that passes).
 */
export function jumpingClock(): Clock & { slept: number[] } {
  let offset = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => Date.now() + offset,
    sleep: (ms: number) => {
      slept.push(ms);
      offset += ms;
    },
  };
}

/** The leaks of a report without their evidence, for comparing names and paths. */
export function leakPaths(leaks: readonly { provider: string; path: string }[]) {
  return leaks.map(({ provider, path }) => ({ provider, path }));
}

/**
 * Takes a write lease on `path` in another process (tests/testdata/mounts/lease_holder.py) and
 * holds it until disposed: every open of the file by us waits meanwhile.
 */
export async function holdLease(path: string): Promise<AsyncDisposable> {
  const script = new URL("../testdata/mounts/lease_holder.py", import.meta.url);
  const holder = new Deno.Command("python3", {
    args: [decodeURIComponent(script.pathname), path],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const reader = holder.stdout.getReader();
  const { value } = await reader.read();
  if (new TextDecoder().decode(value).trim() !== "ready") {
    throw new Error(`The lease holder did not take a lease on "${path}"`);
  }
  return {
    async [Symbol.asyncDispose]() {
      await holder.stdin.close();
      reader.releaseLock();
      await holder.status;
      await holder.stdout.cancel();
    },
  };
}
