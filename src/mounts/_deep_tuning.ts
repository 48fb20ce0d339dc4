// Copyright the terok-vault authors. MIT license.
/**
 * Knobs of the deep walk for `deno task bench` only (scripts/_bench_cli.ts sets them before
 * the CLI runs; nothing in the program does): reader threads when the caller names none, the
 * pre-change guard once per batch (to measure what the guard before every link buys), and a
 * time split of the walking thread.
 */

/** Where the walking thread's time goes, in milliseconds. */
export interface DeepTimeSplit {
  /** `lstat` of the directory and listing it. */
  list: number;
  /** Hard links into the private directory. */
  link: number;
  /** Path-guard looks (before links, before reads, waits for a quiet path). */
  guard: number;
  /** Reading the private links (and, with readers, waiting for them), the detector excluded. */
  read: number;
  /** The detector (binary check included). */
  judge: number;
}

/**
 * Reader threads of a deep walk unless the caller says otherwise. Measured with `deno task
 * bench` on the shared 2-core machine: at load 7 to 10 one reader took 1.5x to 2.5x the wall
 * time of none (each hand-over waits for the scheduler); at load 1 to 4, one reader was 4 to
 * 7 % faster in three trials, with overlapping spreads, and two never beat one. None, until a
 * clear win (docs/deep-scan.md, "Speed").
 */
export const DEFAULT_READERS = 0;

/** The knobs; their values here are the program's own behaviour. */
export const deepTuning: {
  /** Reader threads when the deep options name none. */
  readers: number;
  /** Look at the path guard before every link (false: once per batch, as before issue 17). */
  guardEachLink: boolean;
  /** When set, the walk adds its time to it. */
  split: DeepTimeSplit | undefined;
} = { readers: DEFAULT_READERS, guardEachLink: true, split: undefined };
