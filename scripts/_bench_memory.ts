/**
 * The memory case of `deno task bench`: peak resident memory of `scan --deep --json` through
 * the real CLI (its scoped flags) on the floods of issue 17 item 7, and the size of the JSON
 * it prints. The peak is measured from outside by `_peak_rss.py` (getrusage of the waited-for
 * child), so the CLI needs no grant to read `/proc`.
 *
 * Floods: (a) 20,000 files of 100 distinct tokens each; (b) one directory of 300,000 entries;
 * (c) the largest directory the `dir_size` bound still lets Deno list (short names, filled up
 * to just below the bound): the worst listing an attacker can get past the bound.
 *
 * @module
 */

import { DEEP_LIMITS } from "../src/mounts/types.ts";
import { fakeToken } from "../tests/_secrets.ts";
import { launchArgs, PROJECT_DIR } from "./launch_args.ts";
import { isRunnable } from "./_bench_deep.ts";

/** The aim of issue 17 item 7. */
const AIM_MB = 300;

interface Flood {
  name: string;
  mounts: string;
  what: string;
}

/** One measured run. */
interface Peak {
  code: number;
  maxRssMb: number;
  seconds: number;
  jsonBytes: number;
  limits: string;
}

async function floodOfTokens(dir: string, files: number, perFile: number): Promise<Flood> {
  const mounts = `${dir}/mem-tokens`;
  const perDir = 200;
  for (let f = 0; f < files; f++) {
    const sub = `${mounts}/_flood-config/d${Math.floor(f / perDir)}`;
    if (f % perDir === 0) await Deno.mkdir(sub, { recursive: true });
    const lines: string[] = [];
    for (let t = 0; t < perFile; t++) lines.push(`GITHUB_TOKEN=${fakeToken("github-token")}`);
    await Deno.writeTextFile(`${sub}/f${f}.env`, `${lines.join("\n")}\n`);
  }
  return {
    name: "(a) token flood",
    mounts,
    what: `${files.toLocaleString("en")} files x ${perFile} tokens`,
  };
}

/**
 * One directory of empty files, made by python3 (300,000 creations from Deno take minutes on
 * a shared machine). With `fill`, names are as short as they go and creation stops while the
 * directory's size is still within `dir_size`.
 */
async function floodOfEntries(dir: string, entries: number, fill: boolean): Promise<Flood> {
  const mounts = `${dir}/mem-entries-${fill ? "fill" : entries}`;
  const big = `${mounts}/_flood-config/big`;
  const script = `
import os, sys
d, n, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(d)
digits = "0123456789abcdefghijklmnopqrstuvwxyz"
def name(i):
    s = ""
    while True:
        s = digits[i % 36] + s
        i //= 36
        if i == 0:
            return s
made = 0
size = 0
for i in range(n):
    # Near the bound, look before every creation: one may add a block or two.
    if limit > 0 and (i % 256 == 0 or size > limit - 2**18):
        size = os.lstat(d).st_size
        if size > limit - 8192:
            break
    os.close(os.open(os.path.join(d, name(i)), os.O_CREAT | os.O_WRONLY, 0o644))
    made += 1
print(made, os.lstat(d).st_size)
`;
  const limit = fill ? DEEP_LIMITS.dirSize : 0;
  const out = await new Deno.Command("python3", {
    args: ["-c", script, big, String(fill ? 2_000_000 : entries), String(limit)],
    stdout: "piped",
  }).output();
  if (out.code !== 0) throw new Error("python3 could not make the entries flood");
  const [made, size] = new TextDecoder().decode(out.stdout).trim().split(" ").map(Number);
  return {
    name: fill ? "(c) largest dir under dir_size" : "(b) entries flood",
    mounts,
    what: `${made!.toLocaleString("en")} entries in one dir, st_size ${
      (size! / 2 ** 20).toFixed(1)
    } MiB`,
  };
}

/** Runs `scan --deep --json` on the flood under `_peak_rss.py`. */
async function measure(flood: Flood, dir: string): Promise<Peak> {
  const args = await launchArgs(
    ["scan", "--deep", "--json", "--no-user", "--mounts-dir", flood.mounts],
    dir,
  );
  const json = `${dir}/mem-out.json`;
  const out = await new Deno.Command("python3", {
    args: [`${PROJECT_DIR}/scripts/_peak_rss.py`, json, Deno.execPath(), ...args],
    cwd: dir,
    stdout: "piped",
  }).output();
  if (out.code !== 0) throw new Error("_peak_rss.py failed");
  const result = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    code: number;
    max_rss_kib: number;
    seconds: number;
  };
  const jsonBytes = (await Deno.stat(json)).size;
  let limits = "(not parsed)";
  if (jsonBytes < 64 * 2 ** 20) {
    try {
      const report = JSON.parse(await Deno.readTextFile(json)) as {
        deep?: { limits_hit?: { limit: string; count: number }[] };
      };
      limits = (report.deep?.limits_hit ?? []).map((hit) => `${hit.limit} x${hit.count}`)
        .join(", ") || "none";
    } catch {
      limits = "(not JSON)";
    }
  }
  await Deno.remove(json);
  return {
    code: result.code,
    maxRssMb: result.max_rss_kib / 1024,
    seconds: result.seconds,
    jsonBytes,
    limits,
  };
}

/**
 * Generate each flood, measure the CLI's peak memory on it, remove it, and print a table.
 *
 * @param dir A scratch directory (removed by the caller).
 */
export async function benchMemory(dir: string): Promise<void> {
  if (!(await isRunnable("python3", ["--version"]))) {
    console.log("\nmemory: skipped (python3 is needed to measure the peak from outside)");
    return;
  }
  console.log(
    `\nscan --deep --json peak memory (RSS measured from outside; aim <= ${AIM_MB} MB)\n`,
  );
  console.log(
    `${"flood".padEnd(31)} ${"peak".padStart(9)} ${"JSON".padStart(10)} ${"exit".padStart(4)} ${
      "wall".padStart(7)
    }  limits reached; what`,
  );
  const makers = [
    () => floodOfTokens(dir, 20_000, 100),
    () => floodOfEntries(dir, 300_000, false),
    () => floodOfEntries(dir, 0, true),
  ];
  for (const make of makers) {
    const flood = await make();
    const peak = await measure(flood, dir);
    const verdict = peak.maxRssMb <= AIM_MB ? "met" : "MISSED";
    console.log(
      `${flood.name.padEnd(31)} ${`${peak.maxRssMb.toFixed(0)} MB`.padStart(9)} ${
        `${(peak.jsonBytes / 1e6).toFixed(2)} MB`.padStart(10)
      } ${String(peak.code).padStart(4)} ${
        `${peak.seconds.toFixed(1)} s`.padStart(7)
      }  ${peak.limits}; ${flood.what} (${verdict})`,
    );
    await Deno.remove(flood.mounts, { recursive: true });
  }
}
