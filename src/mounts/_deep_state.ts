// Copyright the terok-vault authors. MIT license.
/** The deep walk's shared state, and the steps both the walk and the reads take. */
import type { MountsRoot } from "./_outcome.ts";
import type { Clock, PathGuard, PinnedDir } from "./_path_guard.ts";
import type { PrivateDir } from "./_private_dir.ts";
import type { Linked, ReadResult } from "./_deep_reader.ts";
import { sameIdentity } from "./_identity.ts";
import type { DeepLimits, DeepStats, Finding, LimitHit } from "./types.ts";

/** Stats of a deep walk that has read nothing yet; `unread` lists what it could not reach. */
export function emptyDeepStats(unread: { path: string; reason: string }[] = []): DeepStats {
  return { files: 0, bytes: 0, binarySkipped: 0, symlinks: 0, special: 0, limitsHit: [], unread };
}

export interface WalkState {
  root: MountsRoot;
  /** The bounds of this walk: the defaults, or what the caller lowered. */
  limits: Readonly<DeepLimits>;
  privateDir: PrivateDir;
  clock: Clock;
  /** Credential paths (absolute), judged by the credential verdict instead. */
  credentialPaths: ReadonlySet<string>;
  providers: Readonly<Record<string, string>>;
  stats: DeepStats;
  findings: Finding[];
  /** Evidence items kept in `findings`. */
  evidence: number;
  entries: number;
  stopped: boolean;
  onProgress: ((stats: Readonly<DeepStats>) => void) | undefined;
  buffer: Uint8Array;
  /**
   * What the walk recorded but could not apply yet, in walk order: a batch handed to the
   * reader threads holds back everything after it, so the report comes out in the order of
   * the serial walk.
   */
  queue: Queued[];
  /** The reader threads, or undefined: files are read on the walking thread. */
  pool: Readers | undefined;
  /** True while a queued step is being applied: what it records is applied at once. */
  applying: boolean;
}

/** The reader threads (`_deep_pool.ts`), as the walk uses them. */
export interface Readers {
  /** Hand out private links; their results are applied in walk order. */
  submit(
    state: WalkState,
    files: Linked[],
    room: number,
    large: number,
    apply: (file: Linked, result: ReadResult) => Promise<void>,
  ): Promise<void>;
  /** Apply queued steps until at most `held` files wait for their results (0: all). */
  pump(state: WalkState, held: number): Promise<void>;
  /** Apply everything and stop the readers. */
  close(state: WalkState): Promise<void>;
}

/** One file handed to a reader: its result arrives here. */
export interface Slot {
  file: Linked;
  result: ReadResult | undefined;
}

/** One step of the report, applied in walk order: a note, or files being read. */
export type Queued =
  | { kind: "note"; apply: () => void }
  | {
    kind: "files";
    slots: Slot[];
    /** How many of `slots` were applied. */
    next: number;
    apply: (slot: Slot) => Promise<void>;
  };

/** Files handed to the readers whose results are not applied yet. */
export function heldFiles(state: WalkState): number {
  let files = 0;
  for (const step of state.queue) if (step.kind === "files") files += step.slots.length - step.next;
  return files;
}

/** Apply `step` now, or after the batches still being read (so walk order is kept). */
export function record(state: WalkState, step: () => void): void {
  if (state.applying || state.queue.length === 0) step();
  else state.queue.push({ kind: "note", apply: step });
}

export function hit(state: WalkState, limit: LimitHit["limit"], bound: number, path: string): void {
  record(state, () => hitNow(state, limit, bound, path));
}

function hitNow(state: WalkState, limit: LimitHit["limit"], bound: number, path: string): void {
  const known = state.stats.limitsHit.find((entry) => entry.limit === limit);
  if (known !== undefined) known.count++;
  else state.stats.limitsHit.push({ limit, bound, count: 1, path });
}

/**
 * List `path` as unread, or, past the `unread_total` bound, count it there: a container can
 * make hundreds of thousands of files the scanner may not link (docs/deep-scan.md, "Bounds").
 */
export function unread(state: WalkState, path: string, reason: string): void {
  record(state, () => {
    const { unreadTotal } = state.limits;
    if (state.stats.unread.length < unreadTotal) state.stats.unread.push({ path, reason });
    else hitNow(state, "unread_total", unreadTotal, path);
  });
}

/** Back to `dir` after a child: the same directory, or the walk of it ends here. */
export function repin(state: WalkState, dir: PinnedDir): boolean {
  try {
    Deno.chdir(dir.path);
    if (sameIdentity(Deno.lstatSync("."), dir.identity)) return true;
  } catch {
    // reported below
  }
  unread(state, dir.path, "the directory changed during the deep scan; the rest of it not read");
  return false;
}

/** The path guard of one directory: wait once for it to be quiet, or leave its files unread. */
export function settle(state: WalkState, guard: PathGuard, path: string): "ready" | "busy" {
  for (let attempt = 0; attempt < 2; attempt++) {
    const notNow = guard.begin(state.clock.now());
    if (notNow === undefined) return "ready";
    if (typeof notNow === "string") {
      unread(state, path, notNow);
      return "busy";
    }
    if (attempt === 0) state.clock.sleep(notNow.waitMs);
  }
  unread(
    state,
    path,
    "a directory on the way keeps changing, so a container may be swapping it; " +
      "its files not read",
  );
  return "busy";
}
