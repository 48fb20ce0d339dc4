/**
 * `deno task bench [--runs N] [--deep-runs N] [--no-deep] [--only-deep] [--only-detector]
 * [--no-memory] [--only-memory] [--no-link-window] [--only-link-window] [--link-window-seconds N]`:
 * start-up benchmark,
 * as ratios against an empty `deno run` script measured in the same run (absolute times on
 * shared machines are noise); then the deep-scan case (`_bench_deep.ts`): a generated tree of
 * about 20,000 files and 130 MB, `scan --deep` against ripgrep and secretlint; then the memory
 * case (`_bench_memory.ts`): the CLI's peak resident memory on floods of tokens and of
 * directory entries, measured from outside; then the link-window case (`_bench_link_window.ts`):
 * host files a container reaches through the deep walk's links, guard per link against per batch.
 *
 * Every case runs the program exactly as the compiled binary would: `deno run` with the
 * scoped flags the launcher computes (launch_args.ts), without the launcher's own process.
 * The last cases run the documented commands on the default locations, `deno task -q routes
 * --no-user -o -` and `deno task -q scan` (ROOT and HOME pointing into the bench's directory,
 * no XDG_* variables): one `deno task` and the launcher's Deno, which runs the program itself.
 * `scan` runs twice: on mounts with gh's `hosts.yml` to read (js-yaml is loaded), and on mounts
 * holding only JSON credential files (it is not).
 *
 * @module
 */

import { launchArgs, PROJECT_DIR } from "./launch_args.ts";
import { benchDeepScan } from "./_bench_deep.ts";
import { benchMemory } from "./_bench_memory.ts";
import { benchLinkWindow } from "./_bench_link_window.ts";

const PHANTOM_CLAUDE = JSON.stringify({
  claudeAiOauth: { accessToken: "terok-proxy-phantom-token:vault-handles-real-auth" },
});
const PHANTOM_CODEX = JSON.stringify({
  tokens: {
    access_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
    refresh_token: "terok-proxy-codex-oauth-marker:vault-handles-real-auth",
  },
});
const FAKE_LEAK = "FAKE-TEST-SECRET-not-real\n";

interface Case {
  name: string;
  args: string[];
  aim?: number;
  /** Variables for the run instead of the bench's own (PATH and DENO_DIR are kept). */
  env?: Record<string, string>;
}

function parseRuns(args: string[]): number {
  const at = args.indexOf("--runs");
  const runs = at === -1 ? 15 : Number(args[at + 1]);
  if (!Number.isInteger(runs) || runs < 3) throw new RangeError("--runs needs an integer >= 3");
  return runs;
}

function parseLinkWindowSeconds(args: string[]): number {
  const at = args.indexOf("--link-window-seconds");
  const seconds = at === -1 ? 40 : Number(args[at + 1]);
  if (!Number.isFinite(seconds) || seconds < 2) {
    throw new RangeError("--link-window-seconds needs a number >= 2");
  }
  return seconds;
}

function parseDeepRuns(args: string[]): number {
  const at = args.indexOf("--deep-runs");
  const runs = at === -1 ? 5 : Number(args[at + 1]);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError("--deep-runs needs an integer >= 1");
  }
  return runs;
}

async function writeFixtures(
  dir: string,
): Promise<{ emptyUser: string; userDir: string; providersDir: string; mounts: string }> {
  await Deno.writeTextFile(`${dir}/empty.ts`, "");
  // A directory named by --user-dir must exist; an empty one is the usual host's case.
  const emptyUser = `${dir}/empty-user-dir`;
  await Deno.mkdir(emptyUser);
  const userDir = `${dir}/user`;
  await Deno.mkdir(userDir);
  const overrides = ["claude", "codex", "vibe", "gh", "glab", "sonar", "coderabbit"];
  for (const name of overrides) {
    await Deno.writeTextFile(`${userDir}/${name}.yaml`, `label: "${name} (site override)"\n`);
  }
  // Each added agent binds a provider of its own (a provider maps to one route): 15 files.
  const providersDir = `${dir}/providers`;
  await Deno.mkdir(providersDir);
  for (let i = 0; i < (15 - overrides.length) / 2; i++) {
    await Deno.writeTextFile(
      `${providersDir}/extra-${i}.yaml`,
      `upstream: https://extra-${i}.example.invalid\nauth:\n  api_key:\n    header: Authorization\n`,
    );
    await Deno.writeTextFile(
      `${userDir}/extra-${i}.yaml`,
      `kind: tool\nprovider:\n  default: extra-${i}\n  credential_type: api_key\n` +
        `  credential_file: token.json\nauth:\n  host_dir: _extra-${i}-config\n` +
        `  container_mount: /home/dev/.extra-${i}\n`,
    );
  }
  // ROOT's default mounts dir, so the task cases can use the default locations.
  const mounts = `${dir}/root/sandbox-live/mounts`;
  const files: [string, string][] = [
    ["_claude-config/.credentials.json", PHANTOM_CLAUDE],
    ["_codex-config/auth.json", PHANTOM_CODEX],
    ["_vibe-config/.env", FAKE_LEAK],
    ["_gh-config/hosts.yml", FAKE_LEAK],
    ["_glab-config/config.yml", ""],
    ["_blablador-config/config.json", FAKE_LEAK],
    ["_kisski-config/config.json", PHANTOM_CLAUDE],
    ["_openrouter-config/config.json", FAKE_LEAK],
  ];
  for (const [path, content] of files) {
    await Deno.mkdir(`${mounts}/${path.split("/")[0]}`, { recursive: true });
    await Deno.writeTextFile(`${mounts}/${path}`, content);
  }
  // A second ROOT whose mounts hold only the JSON credential files: no YAML to parse.
  for (const [path, content] of files.filter(([path]) => path.endsWith(".json"))) {
    const json = `${dir}/root-json/sandbox-live/mounts`;
    await Deno.mkdir(`${json}/${path.split("/")[0]}`, { recursive: true });
    await Deno.writeTextFile(`${json}/${path}`, content);
  }
  return { emptyUser, userDir, providersDir, mounts };
}

/**
 * The module cache the baseline uses. A case run with another HOME would otherwise start from
 * an empty cache under it (and fill it slowly), which times the cache, not the program.
 */
let denoDir: string | undefined;

async function cacheDir(): Promise<string> {
  if (denoDir !== undefined) return denoDir;
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  }).output();
  denoDir = String(JSON.parse(new TextDecoder().decode(info.stdout)).denoDir);
  return denoDir;
}

async function timeOnce(c: Case, cwd: string): Promise<number> {
  const { args } = c;
  const env = c.env === undefined ? {} : {
    clearEnv: true,
    env: { ...passedOn(["PATH"]), DENO_DIR: await cacheDir(), ...c.env },
  };
  const start = performance.now();
  const { code } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd,
    stdout: "null",
    stderr: "null",
    ...env,
  }).output();
  const elapsed = performance.now() - start;
  if (code !== 0 && code !== 1) throw new Error(`deno ${args.join(" ")} exited ${code}`);
  return elapsed;
}

function passedOn(names: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return env;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const runs = parseRuns(Deno.args);
  const dir = await Deno.makeTempDir({ dir: "/tmp", prefix: "terok-vault-bench-" });
  try {
    // `--only-detector`: the detector's MB/s over the deep-scan tree, nothing else (a quick
    // check of the rule table's cost on a shared machine).
    const detectorOnly = Deno.args.includes("--only-detector");
    const memoryOnly = Deno.args.includes("--only-memory");
    const windowOnly = Deno.args.includes("--only-link-window");
    const startUp = !Deno.args.includes("--only-deep") && !detectorOnly && !memoryOnly &&
      !windowOnly;
    if (startUp) await benchStartUp(dir, runs);
    if (!Deno.args.includes("--no-deep") && !memoryOnly && !windowOnly) {
      await benchDeepScan(dir, parseDeepRuns(Deno.args), detectorOnly);
    }
    if (memoryOnly || (startUp && !Deno.args.includes("--no-memory"))) await benchMemory(dir);
    if (windowOnly || (startUp && !Deno.args.includes("--no-link-window"))) {
      await benchLinkWindow(dir, parseLinkWindowSeconds(Deno.args));
    }
    if (startUp) {
      console.log(await (await import("./_bench_watch.ts")).benchWatch(dir));
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function benchStartUp(dir: string, runs: number): Promise<void> {
  {
    const { emptyUser, userDir, providersDir, mounts } = await writeFixtures(dir);
    // The default locations: ROOT holds the fixture's mounts dir, HOME is an empty one.
    await Deno.mkdir(`${dir}/home`);
    const defaults = { TEROK_ROOT: `${dir}/root`, HOME: `${dir}/home` };
    const cases: Case[] = [
      { name: "empty deno run (baseline)", args: ["run", `${dir}/empty.ts`] },
      {
        name: "routes -o - (built-in roster)",
        args: await launchArgs(["routes", "-o", "-", "--user-dir", emptyUser], dir),
        aim: 1.5,
      },
      {
        name: "routes -o - (15 user files)",
        args: await launchArgs(
          ["routes", "-o", "-", "--user-dir", userDir, "--user-providers", providersDir],
          dir,
        ),
      },
      {
        name: "scan (8 credential files)",
        args: await launchArgs(["scan", "--mounts-dir", mounts, "--user-dir", emptyUser], dir),
        aim: 1.5,
      },
      {
        name: "deno task -q routes --no-user -o -",
        args: ["task", "-q", `--config=${PROJECT_DIR}/deno.json`, "routes", "--no-user", "-o", "-"],
        env: defaults,
        aim: 2.5,
      },
      {
        name: "deno task -q scan (default locations)",
        args: ["task", "-q", `--config=${PROJECT_DIR}/deno.json`, "scan"],
        env: defaults,
        aim: 2.5,
      },
      {
        name: "deno task -q scan (JSON files only)",
        args: ["task", "-q", `--config=${PROJECT_DIR}/deno.json`, "scan"],
        env: { ...defaults, TEROK_ROOT: `${dir}/root-json` },
        aim: 2.5,
      },
    ];
    for (const c of cases) await timeOnce(c, dir); // warm the module and npm caches
    const samples = cases.map(() => [] as number[]);
    for (let round = 0; round < runs; round++) {
      for (const [i, c] of cases.entries()) samples[i]!.push(await timeOnce(c, dir));
    }
    const medians = samples.map(median);
    const baseline = medians[0]!;
    console.log(`terok-vault start-up, median of ${runs} interleaved runs each\n`);
    console.log(`${"case".padEnd(42)} ${"median".padStart(9)} ${"ratio".padStart(7)}  aim`);
    for (const [i, c] of cases.entries()) {
      const ratio = medians[i]! / baseline;
      const aim = c.aim === undefined ? "" : `<= ${c.aim}x ${ratio <= c.aim ? "met" : "MISSED"}`;
      console.log(
        `${c.name.padEnd(42)} ${`${medians[i]!.toFixed(1)} ms`.padStart(9)} ${
          `${ratio.toFixed(2)}x`.padStart(7)
        }  ${aim}`,
      );
    }
  }
}

await main();
