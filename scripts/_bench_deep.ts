/**
 * The deep-scan case of `deno task bench`: the detector alone (in-process MB/s), then, in one
 * interleaved run, `scan --deep` through the real CLI, the same with the deep walk's bench-only
 * knobs (0, 1 and 2 reader threads, and the path guard once per batch of links as before issue
 * 17 item 9; each prints where the walking thread's time went), ripgrep searching the same
 * shapes, and secretlint's recommended preset where it is installed.
 *
 * secretlint is found through `SECRETLINT_DIR` (a directory where
 * `npm install secretlint @secretlint/secretlint-rule-preset-recommend` ran); without it
 * secretlint is skipped. It runs once (it takes minutes on this tree); the project does not
 * depend on it.
 *
 * @module
 */

import { RULES } from "../src/mod.ts";
import { fileUrlPath } from "./_file_url_path.ts";
import { launchArgs } from "./launch_args.ts";
import { benchCliArgs, type Knobs } from "./_bench_cli_args.ts";
import { type BenchTree, writeBenchTree } from "./_bench_tree.ts";

interface Tool {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Exit codes that mean "ran fine" (findings included). */
  okCodes: number[];
  /** Kill the run after this long; its time is then a lower bound. */
  timeoutMs?: number;
  /** A run through `_bench_cli.ts` that prints the walking thread's time split. */
  split?: boolean;
}

/** The deep walk's time split printed by `_bench_cli.ts` (milliseconds). */
type Split = Record<"list" | "link" | "guard" | "read" | "judge", number>;

const SPLIT_KEYS = ["list", "link", "guard", "read", "judge"] as const;

/** The split on the last `bench-split` line of a run's stderr. */
function splitOf(stderr: string): Split | undefined {
  const line = stderr.split("\n").findLast((text) => text.startsWith("bench-split "));
  return line === undefined ? undefined : JSON.parse(line.slice("bench-split ".length)) as Split;
}

/** The variants of `scan --deep` run through `_bench_cli.ts` with the walk's knobs. */
async function knobTools(mounts: string, dir: string): Promise<Tool[]> {
  const variants: [string, Knobs][] = [
    ["  readers 0 (the default)", { readers: 0, guard: "each", split: true }],
    ["  readers 1", { readers: 1, guard: "each", split: true }],
    ["  readers 2", { readers: 2, guard: "each", split: true }],
    ["  readers 0, guard per batch", { readers: 0, guard: "batch", split: true }],
  ];
  const args = ["scan", "--deep", "--json", "--no-user", "--mounts-dir", mounts];
  return await Promise.all(variants.map(async ([name, knobs]) => ({
    name,
    command: Deno.execPath(),
    args: await benchCliArgs(args, dir, knobs),
    cwd: dir,
    okCodes: [0, 1, 3],
    split: true,
  })));
}

/**
 * The floor: the plainest Deno walk that reads every file, with none of the scan's checks or
 * links and no detector, under a scoped read grant as the CLI has.
 */
async function plainWalkTool(mounts: string, dir: string): Promise<Tool> {
  const script = `${dir}/plain-walk.ts`;
  await Deno.writeTextFile(
    script,
    `let bytes = 0;
function walk(dir: string): void {
  for (const entry of Deno.readDirSync(dir)) {
    const path = dir + "/" + entry.name;
    if (entry.isDirectory) walk(path);
    else if (entry.isFile) bytes += Deno.readFileSync(path).length;
  }
}
walk(Deno.args[0]!);
console.log(bytes);
`,
  );
  return {
    name: "plain Deno walk, reads only",
    command: Deno.execPath(),
    args: ["run", "-q", `--allow-read=${mounts}`, script, mounts],
    cwd: dir,
    okCodes: [0],
  };
}

/** The system's load averages (1, 5, 15 minutes), as `/proc/loadavg` gives them. */
async function loadAverage(): Promise<string> {
  try {
    const out = await new Deno.Command("cat", { args: ["/proc/loadavg"], stdout: "piped" })
      .output();
    return new TextDecoder().decode(out.stdout).split(" ").slice(0, 3).join(" ");
  } catch {
    return "unknown";
  }
}

/**
 * Detection alone over the tree's bytes (read beforehand), as MB/s, and what it found: in a
 * process of its own (scripts/_bench_detector.ts), away from this one's garbage.
 */
async function timeDetector(
  root: string,
): Promise<{ mbPerSecond: number; ms: number; found: Set<string> }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      `--allow-read=${root}`,
      fileUrlPath(new URL("./_bench_detector.ts", import.meta.url)),
      root,
    ],
    stdout: "piped",
    stderr: "inherit",
  }).output();
  if (output.code !== 0) throw new Error(`the detector bench exited ${output.code}`);
  const result = JSON.parse(new TextDecoder().decode(output.stdout)) as {
    ms: number;
    bytes: number;
    found: string[];
  };
  return {
    mbPerSecond: result.bytes / 1e6 / (result.ms / 1000),
    ms: result.ms,
    found: new Set(result.found),
  };
}

/**
 * ripgrep patterns for the same shapes: a PEM block by its header line (ripgrep matches
 * lines), a JWT under a key, a URL password without bounded repetitions.
 */
function ripgrepPatterns(): string {
  return RULES.map((rule) => {
    if (rule.id === "private-key") return "-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----";
    // Bounded repetitions around `://` cost ripgrep seconds; the unbounded form finds the same.
    if (rule.id === "url-password") return "://[^\\s:@/]+:[^\\s@/]+@";
    if (rule.keyed) {
      return `(?:[Tt]oken|TOKEN|[Ss]ecret|SECRET)[A-Za-z0-9_.-]*["']?\\s*[:=]\\s*["']?${rule.pattern}`;
    }
    return rule.pattern;
  }).join("\n") + "\n";
}

async function run(
  tool: Tool,
): Promise<{ ms: number; code: number; stdout: string; stderr: string; timedOut: boolean }> {
  const start = performance.now();
  const child = new Deno.Command(tool.command, {
    args: tool.args,
    cwd: tool.cwd,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  let timedOut = false;
  const timer = tool.timeoutMs === undefined ? undefined : setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, tool.timeoutMs);
  const output = await child.output();
  clearTimeout(timer);
  const ms = performance.now() - start;
  const decoder = new TextDecoder();
  return {
    ms,
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
    timedOut,
  };
}

/** Whether `command args` starts and exits 0 (a tool the bench may use is installed). */
export async function isRunnable(command: string, args: string[]): Promise<boolean> {
  try {
    const { code } = await new Deno.Command(command, { args, stdout: "null", stderr: "null" })
      .output();
    return code === 0;
  } catch {
    return false;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * How a found item is matched to a planted one: by fingerprint, or (a password has none) by
 * rule, path and line.
 */
function foundKey(
  item: { rule: string; line: number | null; fingerprint: string | null },
  path: string,
): string {
  return item.fingerprint ?? `${item.rule} ${path}:${item.line}`;
}

/** Found items in `scan --json` output: leaks' and findings' evidence. */
function reportedFingerprints(json: string, mounts: string): Set<string> {
  type Item = { rule: string; line: number | null; fingerprint: string | null };
  const report = JSON.parse(json) as {
    leaks?: { path: string; evidence?: Item[] }[];
    findings?: { path: string; evidence?: Item[] }[];
  };
  const out = new Set<string>();
  for (const item of [...(report.leaks ?? []), ...(report.findings ?? [])]) {
    for (const evidence of item.evidence ?? []) {
      out.add(foundKey(evidence, item.path.slice(mounts.length + 1)));
    }
  }
  return out;
}

function missing(tree: BenchTree, found: Set<string>): string[] {
  return tree.planted.filter((item) =>
    !found.has(item.fingerprint) && !found.has(`${item.rule} ${item.path}:${item.line}`)
  ).map((item) => `${item.rule} (${item.path}:${item.line})`);
}

async function deepScanTool(mounts: string, dir: string): Promise<Tool | string> {
  const args = await launchArgs(
    ["scan", "--deep", "--json", "--no-user", "--mounts-dir", mounts],
    dir,
  );
  const probe = await run({ name: "", command: Deno.execPath(), args, cwd: dir, okCodes: [] });
  if (![0, 1, 3].includes(probe.code) || !probe.stdout.trimStart().startsWith("{")) {
    return "scan --deep: not available in this build";
  }
  try {
    if (!("deep" in JSON.parse(probe.stdout))) return "scan --deep: not available in this build";
  } catch {
    return "scan --deep: not available in this build";
  }
  return {
    name: "scan --deep --json",
    command: Deno.execPath(),
    args,
    cwd: dir,
    okCodes: [0, 1, 3],
  };
}

async function secretlintTool(mounts: string, dir: string): Promise<Tool | string> {
  const home = Deno.env.get("SECRETLINT_DIR");
  if (home === undefined) {
    return "secretlint: skipped (set SECRETLINT_DIR to a directory where `npm install " +
      "secretlint @secretlint/secretlint-rule-preset-recommend` ran; one run takes minutes; SECRETLINT_TIMEOUT seconds bound it, default 900)";
  }
  const script = `${home}/node_modules/secretlint/bin/secretlint.js`;
  const preset = `${home}/node_modules/@secretlint/secretlint-rule-preset-recommend`;
  try {
    Deno.statSync(script);
    Deno.statSync(preset);
  } catch {
    return `secretlint: not installed (set SECRETLINT_DIR; looked in ${home})`;
  }
  if (!(await isRunnable("node", ["--version"]))) return "secretlint: node is not available";
  const config = `${dir}/secretlintrc.json`;
  await Deno.writeTextFile(
    config,
    JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }),
  );
  return {
    name: "secretlint (recommended preset)",
    command: "node",
    args: [script, "--secretlintrc", config, "--format", "json", `${mounts}/**/*`],
    cwd: home,
    okCodes: [0, 1],
    timeoutMs: 1000 * Number(Deno.env.get("SECRETLINT_TIMEOUT") ?? "900"),
  };
}

/**
 * Generate the tree, time every tool in interleaved rounds, check every planted token was
 * found, and print ratios.
 *
 * @param dir A scratch directory (removed by the caller).
 * @param rounds Interleaved rounds (secretlint runs in the first one only when it is slow).
 * @param detectorOnly Time the detector alone, not the tools.
 */
export async function benchDeepScan(
  dir: string,
  rounds: number,
  detectorOnly = false,
): Promise<void> {
  const mounts = `${dir}/deep-mounts`;
  const tree = await writeBenchTree(mounts);
  // The tree's 130 MB are written back to disk while the first cases run unless flushed now:
  // on two cores that competes with what is timed.
  await new Deno.Command("sync", { stdout: "null", stderr: "null" }).output().catch(() => {});
  console.log(
    `\ndeep scan: ${tree.files} files, ${(tree.bytes / 1e6).toFixed(1)} MB, ` +
      `${tree.binaries} binaries, ${tree.planted.length} planted tokens (every rule)\n`,
  );

  const detector = await timeDetector(mounts);
  const detectorMissing = missing(tree, detector.found);
  console.log(
    `detector alone (own process, bytes already read): ${detector.ms.toFixed(0)} ms, ` +
      `${detector.mbPerSecond.toFixed(0)} MB/s; planted tokens found: ` +
      `${tree.planted.length - detectorMissing.length}/${tree.planted.length}`,
  );
  for (const item of detectorMissing) console.log(`  MISSED by the detector: ${item}`);
  if (detectorOnly) return;

  const patterns = `${dir}/rg-patterns.txt`;
  await Deno.writeTextFile(patterns, ripgrepPatterns());
  const tools: Tool[] = [];
  const notes: string[] = [];
  const deep = await deepScanTool(mounts, dir);
  if (typeof deep === "string") notes.push(deep);
  else tools.push(deep, ...await knobTools(mounts, dir));
  tools.push(await plainWalkTool(mounts, dir));
  if (await isRunnable("rg", ["--version"])) {
    tools.push({
      name: "rg --no-ignore --hidden -c",
      command: "rg",
      // The rule table compiles above ripgrep's default 100 MB regex bound.
      args: ["--no-ignore", "--hidden", "--regex-size-limit", "1G", "-c", "-f", patterns, mounts],
      cwd: dir,
      okCodes: [0, 1],
    });
  } else notes.push("rg: not installed");
  const secretlint = await secretlintTool(mounts, dir);
  if (typeof secretlint === "string") notes.push(secretlint);
  else tools.push(secretlint);
  for (const note of notes) console.log(note);

  const samples = tools.map(() => [] as number[]);
  const splits = tools.map(() => [] as Split[]);
  const loadBefore = await loadAverage();
  const lastOutput = new Map<string, string>();
  const timedOut = new Set<string>();
  for (let round = 0; round < rounds; round++) {
    for (const [i, tool] of tools.entries()) {
      // secretlint takes minutes on this tree: one run is enough for a ratio.
      if (round > 0 && tool.command === "node") continue;
      const result = await run(tool);
      if (result.timedOut) {
        console.log(
          `${tool.name}: killed after ${(result.ms / 1000).toFixed(0)} s (a lower bound)`,
        );
        timedOut.add(tool.name);
      } else if (!tool.okCodes.includes(result.code)) {
        throw new Error(`${tool.name} exited ${result.code}: ${result.stderr.slice(0, 500)}`);
      }
      samples[i]!.push(result.ms);
      lastOutput.set(tool.name, result.stdout);
      const split = tool.split ? splitOf(result.stderr) : undefined;
      if (split !== undefined) splits[i]!.push(split);
    }
  }
  const medians = samples.map(median);
  console.log(`\nload average: ${loadBefore} before the runs, ${await loadAverage()} after`);
  const rgAt = tools.findIndex((tool) => tool.name.startsWith("rg "));
  const rgMs = rgAt === -1 ? undefined : medians[rgAt]!;
  console.log(
    `\n${"tool".padEnd(34)} ${"median".padStart(10)} ${"x rg".padStart(6)}  runs  ${
      SPLIT_KEYS.map((key) => key.padStart(6)).join(" ")
    }  (walking thread, median ms)`,
  );
  for (const [i, tool] of tools.entries()) {
    const split = splits[i]!.length === 0
      ? ""
      : SPLIT_KEYS.map((key) => median(splits[i]!.map((s) => s[key])).toFixed(0).padStart(6)).join(
        " ",
      );
    const ratio = rgMs === undefined ? "" : `${(medians[i]! / rgMs).toFixed(2)}x`;
    console.log(
      `${tool.name.padEnd(34)} ${`${medians[i]!.toFixed(0)} ms`.padStart(10)} ${
        ratio.padStart(6)
      }  ${String(samples[i]!.length).padStart(4)}  ${split}`,
    );
  }
  const at = (prefix: string) => tools.findIndex((tool) => tool.name.startsWith(prefix));
  const [iDeep, iRg, iLint] = [at("scan --deep"), at("rg "), at("secretlint")];
  if (iDeep !== -1) {
    const found = reportedFingerprints(lastOutput.get(tools[iDeep]!.name)!, mounts);
    const lost = missing(tree, found);
    console.log(
      `\nscan --deep reported ${tree.planted.length - lost.length}/${tree.planted.length} ` +
        `planted tokens by fingerprint`,
    );
    for (const item of lost) console.log(`  MISSED by scan --deep: ${item}`);
    const reference = lastOutput.get(tools[iDeep]!.name)!;
    const differing = tools.filter((tool) => tool.split && lastOutput.get(tool.name) !== reference)
      .map((tool) => tool.name.trim());
    console.log(
      differing.length === 0
        ? "every knob variant printed the same JSON as scan --deep"
        : `JSON DIFFERS from scan --deep's: ${differing.join("; ")}`,
    );
    if (iRg !== -1) {
      const ratio = medians[iDeep]! / medians[iRg]!;
      console.log(
        `scan --deep / rg: ${ratio.toFixed(2)}x  (aim <= 3x: ${ratio <= 3 ? "met" : "MISSED"})`,
      );
    }
    if (iLint !== -1) {
      const ratio = medians[iLint]! / medians[iDeep]!;
      console.log(
        `secretlint / scan --deep: ${timedOut.size > 0 ? ">= " : ""}${
          ratio.toFixed(1)
        }x  (aim >= 5x: ${ratio >= 5 ? "met" : "MISSED"})`,
      );
    }
  }
  if (iRg !== -1) {
    const rgMs = medians[iRg]!;
    const ratio = detector.ms / rgMs;
    console.log(`detector alone / rg wall time: ${ratio.toFixed(2)}x (detection only, no I/O)`);
  }
}
