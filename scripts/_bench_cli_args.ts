/**
 * The command line of one CLI run through `_bench_cli.ts` (the bench's stand-in for
 * `src/main.ts`), with the deep walk's knobs.
 *
 * @module
 */

import { launchArgs } from "./launch_args.ts";
import { fileUrlPath } from "./_file_url_path.ts";

/** The deep walk's bench-only knobs (src/mounts/_deep_tuning.ts). */
export interface Knobs {
  readers: number;
  guard: "each" | "batch";
  split: boolean;
}

/**
 * `deno` arguments that run the CLI with `args` under the flags the launcher computes, with
 * `_bench_cli.ts` in place of `src/main.ts`.
 *
 * @param args The program's arguments.
 * @param callerDir The directory the run starts in.
 * @param knobs The knobs to set.
 * @returns The arguments after `deno`.
 */
export async function benchCliArgs(
  args: readonly string[],
  callerDir: string,
  knobs: Knobs,
): Promise<string[]> {
  const full = await launchArgs(args, callerDir);
  const at = full.findIndex((arg) => arg.endsWith("/src/main.ts"));
  if (at === -1) throw new Error("launchArgs() gave no src/main.ts");
  const driver = fileUrlPath(new URL("./_bench_cli.ts", import.meta.url));
  const settings = [String(knobs.readers), knobs.guard, knobs.split ? "split" : "-", "--"];
  return [...full.slice(0, at), driver, ...settings, ...full.slice(at + 1)];
}
