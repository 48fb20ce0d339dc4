/**
 * Bench case for `watch --clean`: the latency from writing a leak into a host dir to the
 * `removed` event on stdout, over 20 trials, also after a flood of 20,000 files.
 *
 * @module
 */

import { launchArgs } from "./launch_args.ts";

const PHANTOM_CLAUDE = JSON.stringify({
  claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
});
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const HOST_DIRS = [
  "_blablador-config",
  "_claude-config",
  "_codex-config",
  "_gh-config",
  "_glab-config",
  "_kisski-config",
  "_openrouter-config",
  "_vibe-config",
];

/** A real-shaped, obviously fake Claude OAuth token, new for every call. */
function fakeToken(): string {
  const random = crypto.getRandomValues(new Uint8Array(87));
  const body = [...random].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
  return `sk-ant-oat01-FAKE${body.slice(0, 40)}TEST${body.slice(40)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stats(values: number[]): { median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, max: sorted[sorted.length - 1]! };
}

/** Follows the JSON lines of a running watch and resolves when one matches. */
class EventReader {
  #buffer = "";
  #lines: string[] = [];
  #wake: (() => void) | undefined;

  constructor(stream: ReadableStream<Uint8Array>) {
    (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of stream) {
        this.#buffer += decoder.decode(chunk, { stream: true });
        const parts = this.#buffer.split("\n");
        this.#buffer = parts.pop()!;
        this.#lines.push(...parts);
        this.#wake?.();
      }
    })();
  }

  async next(match: (event: Record<string, unknown>) => boolean, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      while (this.#lines.length > 0) {
        const event = JSON.parse(this.#lines.shift()!);
        if (match(event)) return event;
      }
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
        setTimeout(resolve, 100);
      });
    }
    throw new Error("watch did not report in time");
  }
}

/**
 * Runs `watch --clean --json` as the compiled binary would (scoped flags, no launcher) on a
 * mounts dir with the 8 default credential files as phantoms, and times leak → `removed`.
 *
 * Requires `--allow-run=deno`, and read and write on `dir`.
 *
 * @param dir An empty scratch directory.
 * @param trials Leaks to time per phase.
 * @returns The report lines.
 */
export async function benchWatch(dir: string, trials = 20): Promise<string> {
  const mounts = `${dir}/watch-mounts`;
  for (const hostDir of HOST_DIRS) await Deno.mkdir(`${mounts}/${hostDir}`, { recursive: true });
  await Deno.writeTextFile(`${mounts}/_claude-config/.credentials.json`, PHANTOM_CLAUDE);
  await Deno.mkdir(`${dir}/watch-no-user`);
  const args = ["watch", "--mounts-dir", mounts, "--user-dir", `${dir}/watch-no-user`];
  const child = new Deno.Command(Deno.execPath(), {
    args: await launchArgs([...args, "--clean", "--json"], dir),
    cwd: dir,
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const events = new EventReader(child.stdout);
  const leak = `${mounts}/_codex-config/auth.json`;
  const time = async () => {
    const token = fakeToken();
    const start = performance.now();
    await Deno.writeTextFile(leak, JSON.stringify({ tokens: { access_token: token } }));
    await events.next((event) => event.event === "removed" && event.path === leak);
    return performance.now() - start;
  };
  try {
    await events.next((event) => event.event === "rescan");
    const quiet: number[] = [];
    for (let i = 0; i < trials; i++) {
      await sleep(150 + Math.random() * 250); // off the poll's phase
      quiet.push(await time());
    }
    const flood = `${mounts}/_codex-config/cache`;
    await Deno.mkdir(flood);
    for (let i = 0; i < 20_000; i++) await Deno.writeTextFile(`${flood}/f${i}.json`, "{}");
    const afterFlood: number[] = [];
    for (let i = 0; i < trials; i++) {
      await sleep(150 + Math.random() * 250);
      afterFlood.push(await time());
    }
    const line = (name: string, values: number[]) => {
      const { median, max } = stats(values);
      const aim = `median <= 500 ms ${median <= 500 ? "met" : "MISSED"}`;
      return `${name.padEnd(42)} median ${median.toFixed(0).padStart(4)} ms, max ` +
        `${max.toFixed(0).padStart(4)} ms  ${aim}`;
    };
    const stopStart = performance.now();
    child.kill("SIGTERM");
    const { code } = await child.status;
    const stopMs = performance.now() - stopStart;
    return [
      `\nwatch --clean: leak written -> 'removed' event, ${trials} trials each`,
      line("quiet mounts", quiet),
      line("after 20,000 new files in the host dir", afterFlood),
      `${"SIGTERM -> exit".padEnd(42)} ${stopMs.toFixed(0)} ms, exit code ${code}`,
    ].join("\n");
  } finally {
    try {
      child.kill("SIGTERM");
      await child.status;
    } catch {
      // Already stopped above.
    }
  }
}
