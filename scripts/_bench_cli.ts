/**
 * `deno task bench`'s stand-in for `src/main.ts`: the same program under the same scoped
 * flags, with the deep walk's bench-only knobs (src/mounts/_deep_tuning.ts) set first.
 *
 * Usage: `deno run <the CLI's flags> scripts/_bench_cli.ts READERS GUARD SPLIT -- ARGS...`,
 * where READERS is the reader threads the deep walk starts, GUARD is `each` (the guard looks
 * before every link, the program's own) or `batch` (once per batch of links, as before issue
 * 17), and SPLIT is `split` to print the walking thread's time split as the last line on
 * stderr (`bench-split {"list":…}`) or `-`.
 *
 * @module
 */

import { processIo } from "../src/cli/cli_io.ts";
import { runCli } from "../src/cli/run_cli.ts";
import { deepTuning } from "../src/mounts/_deep_tuning.ts";

const [readers, guard, split, dashes, ...args] = Deno.args;
if (
  !/^\d+$/.test(readers ?? "") || (guard !== "each" && guard !== "batch") ||
  (split !== "split" && split !== "-") || dashes !== "--"
) {
  console.error("usage: _bench_cli.ts READERS each|batch split|- -- ARGS...");
  Deno.exit(2);
}
deepTuning.readers = Number(readers);
deepTuning.guardEachLink = guard === "each";
if (split === "split") deepTuning.split = { list: 0, link: 0, guard: 0, read: 0, judge: 0 };
const code = await runCli(args, processIo());
if (deepTuning.split !== undefined) {
  console.error(`bench-split ${JSON.stringify(deepTuning.split)}`);
}
Deno.exit(code);
