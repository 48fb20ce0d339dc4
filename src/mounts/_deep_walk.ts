// Copyright the terok-vault authors. MIT license.
/**
 * `scan --deep`: the whole mounts dir, one pinned directory at a time, bounded against a
 * hostile tree. Same discipline as the credential-path walk: never follow a symlink, never
 * open anything but a regular file (and that only through a private hard link), use content
 * only when the path stood still while it was read.
 */
import { describeError } from "../_describe_error.ts";
import { joinPath, type MountsRoot } from "./_outcome.ts";
import { type Clock, PathGuard, type PinnedDir } from "./_path_guard.ts";
import { pinChild } from "./_pin_walk.ts";
import { PRIVATE_DIR_NAME, type PrivateDir } from "./_private_dir.ts";
import { BATCH, CHUNK_BYTES, flush, linkFile, readFile, reread, timedRead } from "./_deep_read.ts";
import type { Linked } from "./_deep_reader.ts";
import { emptyDeepStats, hit, repin, settle, unread, type WalkState } from "./_deep_state.ts";
import { deepTuning } from "./_deep_tuning.ts";
import {
  DEEP_LIMITS,
  type DeepLimits,
  type DeepOptions,
  type DeepStats,
  type Finding,
} from "./types.ts";

/** What the deep walk found. */
export interface DeepResult {
  findings: Finding[];
  stats: DeepStats;
}

/**
 * Walk the mounts dir (the working directory is pinned at `root` by the caller).
 *
 * Changes the process's working directory; the caller restores it.
 */
export async function deepWalk(
  root: MountsRoot,
  privateDir: PrivateDir,
  clock: Clock,
  credentialPaths: ReadonlySet<string>,
  options: DeepOptions & { providers: Readonly<Record<string, string>> },
): Promise<DeepResult> {
  const state: WalkState = {
    root,
    limits: { ...DEEP_LIMITS, ...definedLimits(options.limits) },
    privateDir,
    clock,
    credentialPaths,
    providers: options.providers,
    stats: emptyDeepStats(),
    findings: [],
    evidence: 0,
    entries: 0,
    stopped: false,
    onProgress: options.onProgress,
    buffer: new Uint8Array(CHUNK_BYTES),
    queue: [],
    applying: false,
    pool: undefined,
  };
  const only = options.hostDirs === undefined ? undefined : new Set(options.hostDirs);
  const readers = options.readers ?? deepTuning.readers;
  // Readers need private links; the private dir is made on the first link, so it may not
  // exist yet: a usable one is enough.
  if (readers > 0 && privateDir.unusable === undefined) {
    // Loaded here, not by plain `scan`.
    const { ReaderPool } = await import("./_deep_pool.ts");
    state.pool = ReaderPool.start(readers, privateDir);
  }
  try {
    await walkDir(state, { path: root.path, identity: root.identity }, [], 0, only);
  } finally {
    await timedRead(async () => await state.pool?.close(state));
  }
  return { findings: state.findings, stats: state.stats };
}

/** The limits the caller set, without keys given as `undefined` (they keep the default). */
function definedLimits(limits: DeepOptions["limits"]): Partial<DeepLimits> {
  const set: Partial<DeepLimits> = {};
  for (const [key, value] of Object.entries(limits ?? {})) {
    if (value !== undefined) set[key as keyof DeepLimits] = value;
  }
  return set;
}

/** A directory entry as `readdir` typed it (a hint only: what is read is checked again). */
interface Entry {
  name: string;
  kind: "file" | "dir" | "symlink" | "other";
}

/** Up to the per-dir bound of entries in the working directory, sorted by name. */
function listEntries(state: WalkState, path: string): Entry[] | undefined {
  const entries: Entry[] = [];
  try {
    // Deno lists a whole directory before the per-directory bound applies: a huge one is
    // refused by its size alone (docs/deep-scan.md, "Bounds").
    const size = Deno.lstatSync(".").size;
    if (size > state.limits.dirSize) {
      hit(state, "dir_size", state.limits.dirSize, path);
      return undefined;
    }
    for (const entry of Deno.readDirSync(".")) {
      if (entries.length === state.limits.entriesPerDir) {
        hit(state, "entries_per_dir", state.limits.entriesPerDir, path);
        break;
      }
      const kind = entry.isSymlink
        ? "symlink"
        : entry.isDirectory
        ? "dir"
        : entry.isFile
        ? "file"
        : "other";
      entries.push({ name: entry.name, kind });
    }
  } catch (error) {
    unread(state, path, describeError(error));
    return undefined;
  }
  return entries.sort((x, y) => x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
}

/** The entry's type by `lstat`, when `readdir` did not say (or said something else). */
function kindOf(name: string): Entry["kind"] | undefined {
  try {
    const info = Deno.lstatSync(name);
    return info.isSymlink ? "symlink" : info.isDirectory ? "dir" : info.isFile ? "file" : "other";
  } catch {
    return undefined;
  }
}

async function walkDir(
  state: WalkState,
  dir: PinnedDir,
  chain: PinnedDir[],
  depth: number,
  only: ReadonlySet<string> | undefined,
): Promise<void> {
  const split = deepTuning.split;
  let began = split === undefined ? 0 : performance.now();
  const entries = listEntries(state, dir.path);
  if (split !== undefined) split.list += performance.now() - began;
  if (entries === undefined) return;
  // Below the host dir, directories the container controls are on the path Deno re-walks.
  const guard = chain.length > 1 ? new PathGuard(chain) : undefined;
  let guardState: "unknown" | "ready" | "busy" = guard === undefined ? "ready" : "unknown";
  const batch: Linked[] = [];
  for (const entry of entries) {
    const name = entry.name;
    if (state.stopped) break;
    if (
      depth === 0 && (name.startsWith(PRIVATE_DIR_NAME) || (only !== undefined && !only.has(name)))
    ) {
      continue;
    }
    if (++state.entries > state.limits.entriesTotal) {
      hit(state, "entries_total", state.limits.entriesTotal, dir.path);
      state.stopped = true;
      break; // the batch below is still read and its private links removed
    }
    const path = joinPath(dir.path, name);
    const kind = entry.kind === "other" ? kindOf(name) : entry.kind;
    if (kind === "symlink") {
      state.stats.symlinks++;
    } else if (kind === "dir") {
      if (depth + 1 > state.limits.depth) {
        hit(state, "depth", state.limits.depth, path);
        continue;
      }
      if (await flush(state, batch, chain, guard) === "busy") guardState = "busy";
      const pinned = pinChild("", name, path);
      if ("verdict" in pinned) {
        if (pinned.verdict === "escape") unread(state, path, pinned.observation.detail);
        else if (pinned.verdict === "skipped") unread(state, path, pinned.reason);
      } else {
        await walkDir(state, pinned, [...chain, pinned], depth + 1, undefined);
      }
      if (!repin(state, dir)) return;
    } else if (kind === "file") {
      if (depth === 0 || state.credentialPaths.has(path)) continue;
      if (split !== undefined) began = performance.now();
      if (guardState === "unknown") guardState = settle(state, guard!, dir.path);
      if (guardState === "busy") continue;
      // The guard looks again right before every link: a directory on the path swapped for a
      // symlink is caught at the next link, not after a whole batch (docs/security.md).
      if (guard !== undefined && deepTuning.guardEachLink && !guard.unchanged()) {
        guardState = await reread(state, batch.splice(0), chain, guard);
        if (guardState === "busy") continue;
      }
      if (split !== undefined) {
        const now = performance.now();
        split.guard += now - began;
        began = now;
      }
      const linked = linkFile(state, name, path);
      if (split !== undefined) split.link += performance.now() - began;
      if (linked === "slow") {
        await state.pool?.pump(state, 0);
        await readFile(state, name, path, chain, guard);
      } else if (linked !== undefined) batch.push(linked);
      if (batch.length === BATCH && await flush(state, batch, chain, guard) === "busy") {
        guardState = "busy";
      }
    } else if (kind === "other") {
      state.stats.special++;
    }
  }
  await flush(state, batch, chain, guard);
}
