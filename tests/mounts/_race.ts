// Copyright the terok-vault authors. MIT license.
/** The concurrent-swapper harness shared by the in-process race tests. */
import { REPO_ROOT } from "./_cli.ts";
import { put } from "./_helpers.ts";

/** What one race produced: the swapper's swap count and the driver's counters. */
export interface RaceResult {
  swaps: string;
  driverCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `swapper.py` (bursty: quiet spells let reads start, bursts land mid-operation) against
 * `mounts` for `seconds`, while `race_driver.ts` scans (or cleans and scans) in a loop under
 * the scoped permissions the CLI uses; the driver is killed if it outlives 40 s.
 */
export async function race(
  mounts: string,
  victimDir: string,
  mode: "scan" | "clean",
  seconds: number,
): Promise<RaceResult> {
  const swapper = new Deno.Command("python3", {
    args: [
      `${REPO_ROOT}/tests/testdata/mounts/swapper.py`,
      mounts,
      victimDir,
      String(seconds),
      "bursty",
    ],
    stdout: "piped",
  }).spawn();
  // The CLI's grants: the uid names the private directory the reads link into.
  const grants = mode === "scan"
    ? [`--allow-read=${mounts}`, `--allow-write=${mounts}`, "--allow-sys=uid"]
    : [`--allow-read=${mounts}`, `--allow-write=${mounts},/proc/self/cwd`, "--allow-sys=uid"];
  const driver = await new Deno.Command("timeout", {
    args: [
      "-s",
      "KILL",
      "40s",
      Deno.execPath(),
      "run",
      "--no-prompt",
      ...grants,
      `${REPO_ROOT}/tests/testdata/mounts/race_driver.ts`,
      mounts,
      String(seconds - 1),
      mode,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    swaps: decoder.decode((await swapper.output()).stdout).trim(),
    driverCode: driver.code,
    stdout: decoder.decode(driver.stdout),
    stderr: decoder.decode(driver.stderr),
  };
}

export const LONG_AGO = new Date(Date.now() - 3 * 24 * 3600 * 1000);

/**
 * Reading a file moves its access time on a relatime mount when the old one is days back,
 * while open and stat do not: the victim's atime tells whether any byte of it was read.
 */
export async function agedFile(path: string, content: string): Promise<Date> {
  await put(path, content);
  const { mtime } = await Deno.lstat(path);
  await Deno.utime(path, LONG_AGO, mtime ?? LONG_AGO);
  return (await Deno.lstat(path)).atime!;
}
