// Copyright the terok-vault authors. MIT license.
/**
 * `scan --deep`: the whole mounts dir, one pinned directory at a time, bounded against a
 * hostile tree. Same discipline as the credential-path walk: never follow a symlink, never
 * open anything but a regular file (and that only through a private hard link), use content
 * only when the path stood still while it was read.
 */
import { ChunkedDetector, detectSecrets, isBinary } from "../detect/mod.ts";
import type { Evidence } from "../detect/types.ts";
import { describeError, errorKind } from "./_errors.ts";
import { joinPath, type MountsRoot } from "./_outcome.ts";
import { type Clock, PathGuard, type PinnedDir } from "./_path_guard.ts";
import { pinChild } from "./_pin_walk.ts";
import { PRIVATE_DIR_NAME, type PrivateDir } from "./_private_dir.ts";
import { OPEN_TIMEOUT_MS, sameIdentity, useVerified } from "./_read_verified.ts";
import type { DeepOptions, DeepStats, Finding, LimitHit } from "./types.ts";

/** Directory levels below the mounts dir (a host dir is level 1). */
export const MAX_DEPTH = 32;
/** Entries read from one directory; the rest of it is not walked. */
export const MAX_ENTRIES_PER_DIR = 20_000;
/** Entries looked at in the whole walk. */
export const MAX_ENTRIES_TOTAL = 500_000;
/** Bytes read from one file; the rest of it is not read. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Bytes read in the whole walk. */
export const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;
/** Size of one read; a file within one chunk is judged whole, a larger one chunk by chunk. */
const CHUNK_BYTES = 1024 * 1024;
/** A NUL byte in this many first bytes makes a file binary. */
const FIRST_BLOCK = 8192;
/** A regular file that keeps changing under us this often is left unread. */
const MAX_ATTEMPTS = 3;

interface WalkState {
  root: MountsRoot;
  privateDir: PrivateDir;
  clock: Clock;
  /** Credential paths (absolute), judged by the credential verdict instead. */
  credentialPaths: ReadonlySet<string>;
  providers: Readonly<Record<string, string>>;
  stats: DeepStats;
  findings: Finding[];
  entries: number;
  stopped: boolean;
  onProgress: ((stats: Readonly<DeepStats>) => void) | undefined;
  buffer: Uint8Array;
}

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
    privateDir,
    clock,
    credentialPaths,
    providers: options.providers,
    stats: {
      files: 0,
      bytes: 0,
      binarySkipped: 0,
      symlinks: 0,
      special: 0,
      limitsHit: [],
      unread: [],
    },
    findings: [],
    entries: 0,
    stopped: false,
    onProgress: options.onProgress,
    buffer: new Uint8Array(CHUNK_BYTES),
  };
  const only = options.hostDirs === undefined ? undefined : new Set(options.hostDirs);
  await walkDir(state, { path: root.path, identity: root.identity }, [], 0, only);
  return { findings: state.findings, stats: state.stats };
}

function hit(state: WalkState, limit: LimitHit["limit"], bound: number, path: string): void {
  const known = state.stats.limitsHit.find((entry) => entry.limit === limit);
  if (known !== undefined) known.count++;
  else state.stats.limitsHit.push({ limit, bound, count: 1, path });
}

function unread(state: WalkState, path: string, reason: string): void {
  state.stats.unread.push({ path, reason });
}

/** Up to the per-dir bound of names in the working directory, sorted. */
function listNames(state: WalkState, path: string): string[] | undefined {
  const names: string[] = [];
  try {
    for (const entry of Deno.readDirSync(".")) {
      if (names.length === MAX_ENTRIES_PER_DIR) {
        hit(state, "entries_per_dir", MAX_ENTRIES_PER_DIR, path);
        break;
      }
      names.push(entry.name);
    }
  } catch (error) {
    unread(state, path, describeError(error));
    return undefined;
  }
  return names.sort();
}

/** Back to `dir` after a child: the same directory, or the walk of it ends here. */
function repin(state: WalkState, dir: PinnedDir): boolean {
  try {
    Deno.chdir(dir.path);
    if (sameIdentity(Deno.lstatSync("."), dir.identity)) return true;
  } catch {
    // reported below
  }
  unread(state, dir.path, "the directory changed during the deep scan; the rest of it not read");
  return false;
}

async function walkDir(
  state: WalkState,
  dir: PinnedDir,
  chain: PinnedDir[],
  depth: number,
  only: ReadonlySet<string> | undefined,
): Promise<void> {
  const names = listNames(state, dir.path);
  if (names === undefined) return;
  // Below the host dir, directories the container controls are on the path Deno re-walks.
  const guard = chain.length > 1 ? new PathGuard(chain) : undefined;
  let guardState: "unknown" | "ready" | "busy" = guard === undefined ? "ready" : "unknown";
  const batch: Linked[] = [];
  for (const name of names) {
    if (state.stopped) break;
    if (depth === 0 && (name === PRIVATE_DIR_NAME || (only !== undefined && !only.has(name)))) {
      continue;
    }
    if (++state.entries > MAX_ENTRIES_TOTAL) {
      hit(state, "entries_total", MAX_ENTRIES_TOTAL, dir.path);
      state.stopped = true;
      return;
    }
    const path = joinPath(dir.path, name);
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(name);
    } catch (error) {
      if (errorKind(error) !== "absent") unread(state, path, describeError(error));
      continue;
    }
    if (info.isSymlink) {
      state.stats.symlinks++;
    } else if (info.isDirectory) {
      if (depth + 1 > MAX_DEPTH) {
        hit(state, "depth", MAX_DEPTH, path);
        continue;
      }
      await flush(state, batch, chain, guard);
      const pinned = pinChild("", name, path);
      if ("verdict" in pinned) {
        if (pinned.verdict === "escape") unread(state, path, pinned.observation.detail);
        else if (pinned.verdict === "skipped") unread(state, path, pinned.reason);
      } else {
        await walkDir(state, pinned, [...chain, pinned], depth + 1, undefined);
      }
      if (!repin(state, dir)) return;
    } else if (info.isFile) {
      if (depth === 0 || state.credentialPaths.has(path)) continue;
      if (guardState === "unknown") guardState = settle(state, guard!, dir.path);
      if (guardState === "busy") continue;
      const linked = linkFile(state, name, path, info);
      if (linked === "slow") await readFile(state, name, path, info, chain, guard);
      else if (linked !== undefined) batch.push(linked);
      if (batch.length === BATCH) await flush(state, batch, chain, guard);
    } else {
      state.stats.special++;
    }
  }
  await flush(state, batch, chain, guard);
}

/** Files linked at once, then opened together: one guard check and one timer per batch. */
const BATCH = 64;

/** A file of the mount hard-linked into the private directory, not yet read. */
interface Linked {
  name: string;
  path: string;
  linkPath: string;
  info: Deno.FileInfo;
}

/**
 * Hard-link one file into the private directory (from the pinned working directory). The
 * link is used only if it is a regular file with the identity the walk's lstat saw.
 * "slow": the name changed in between or the link was refused; read it the careful way.
 */
function linkFile(
  state: WalkState,
  name: string,
  path: string,
  info: Deno.FileInfo,
): Linked | "slow" | undefined {
  const linked = state.privateDir.link(name);
  if (linked.status === "refused") return "slow";
  if (linked.status === "error") {
    if (errorKind(linked.error) !== "absent") unread(state, path, describeError(linked.error));
    return undefined;
  }
  try {
    const mine = Deno.lstatSync(linked.path);
    if (mine.isFile && sameIdentity(mine, info)) {
      return { name, path, linkPath: linked.path, info };
    }
  } catch {
    // treated as a change
  }
  state.privateDir.release(linked.path);
  return "slow";
}

/**
 * Read the batch's private links. Below the host dir they count only if no directory on the
 * path changed since the guard began: then every link was made through the real directories.
 */
async function flush(
  state: WalkState,
  batch: Linked[],
  chain: PinnedDir[],
  guard: PathGuard | undefined,
): Promise<void> {
  if (batch.length === 0) return;
  const files = batch.splice(0);
  try {
    if (guard !== undefined && !guard.unchanged()) {
      // Something on the path moved while linking: read each file the careful way instead.
      for (const file of files) state.privateDir.release(file.linkPath);
      const parent = chain[chain.length - 1]!;
      if (!repin(state, parent)) return;
      if (settle(state, guard, parent.path) === "busy") return;
      for (const file of files) {
        if (state.stopped) return;
        await readFile(state, file.name, file.path, file.info, chain, guard);
      }
      return;
    }
    const opened = await openAll(files.map((file) => file.linkPath));
    for (const [i, file] of files.entries()) {
      const handle = opened[i];
      if (handle === "timeout") {
        unread(state, file.path, "opening it did not complete within its time (a file lease)");
      } else if (handle instanceof Deno.FsFile) {
        try {
          record(state, file.name, file.path, handle, chain);
        } finally {
          handle.close();
        }
      } else if (errorKind(handle) !== "absent") {
        unread(state, file.path, describeError(handle));
      }
    }
  } finally {
    for (const file of files) state.privateDir.release(file.linkPath);
  }
}

/** Opens every private link concurrently; those still pending after the time are given up. */
async function openAll(paths: string[]): Promise<(Deno.FsFile | "timeout" | unknown)[]> {
  const opening = paths.map((path) => Deno.open(path, { read: true }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), OPEN_TIMEOUT_MS);
  });
  try {
    return await Promise.all(
      opening.map((open) =>
        Promise.race([open.catch((error: unknown) => ({ error })), late]).then((result) => {
          if (result === "timeout") {
            open.then((file) => file.close(), () => {});
            return "timeout";
          }
          return result instanceof Deno.FsFile ? result : (result as { error: unknown }).error;
        })
      ),
    );
  } finally {
    clearTimeout(timer);
  }
}

/** Scan one open file (already verified by its private link) and count it. */
function record(
  state: WalkState,
  name: string,
  path: string,
  file: Deno.FsFile,
  chain: PinnedDir[],
): void {
  const left = MAX_TOTAL_BYTES - state.stats.bytes;
  if (left <= 0) {
    hit(state, "bytes_total", MAX_TOTAL_BYTES, path);
    state.stopped = true;
    return;
  }
  const bound = Math.min(MAX_FILE_BYTES, left);
  account(state, path, scanOpen(state, file, name, bound), bound, chain);
}

/** Count one scanned file and keep its finding. */
function account(
  state: WalkState,
  path: string,
  result: FileScan,
  bound: number,
  chain: PinnedDir[],
): void {
  state.stats.files++;
  state.stats.bytes += result.bytes;
  if (result.binary) state.stats.binarySkipped++;
  if (result.overBound) {
    if (bound === MAX_FILE_BYTES) hit(state, "bytes_per_file", MAX_FILE_BYTES, path);
    else {
      hit(state, "bytes_total", MAX_TOTAL_BYTES, path);
      state.stopped = true;
    }
  }
  if (result.evidence.length > 0) {
    const hostDir = chain[0]?.path.slice(state.root.path.length).replace(/^\//, "") ?? "";
    state.findings.push({
      provider: Object.hasOwn(state.providers, hostDir) ? state.providers[hostDir]! : null,
      path,
      evidence: result.evidence,
    });
  }
  if (state.onProgress !== undefined && state.stats.files % 500 === 0) {
    state.onProgress(state.stats);
  }
}

/** The path guard of one directory: wait once for it to be quiet, or leave its files unread. */
function settle(state: WalkState, guard: PathGuard, path: string): "ready" | "busy" {
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

interface FileScan {
  evidence: Evidence[];
  bytes: number;
  binary: boolean;
  overBound: boolean;
}

async function readFile(
  state: WalkState,
  name: string,
  path: string,
  seen: Deno.FileInfo,
  chain: PinnedDir[],
  guard: PathGuard | undefined,
): Promise<void> {
  const left = MAX_TOTAL_BYTES - state.stats.bytes;
  if (left <= 0) {
    hit(state, "bytes_total", MAX_TOTAL_BYTES, path);
    state.stopped = true;
    return;
  }
  const bound = Math.min(MAX_FILE_BYTES, left);
  let info = seen;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) {
      try {
        info = Deno.lstatSync(name);
      } catch {
        return; // gone: nothing to judge
      }
      if (!info.isFile) return;
    }
    const scan = await useVerified(name, info, (file) => scanOpen(state, file, name, bound), {
      ...(guard === undefined ? {} : { stillSafe: () => guard.unchanged() }),
      privateDir: state.privateDir,
    });
    if (scan.status === "changed") continue;
    if (scan.status === "blocked") {
      unread(state, path, "opening it did not complete within its time (a file lease); not read");
      return;
    }
    if (scan.status === "error") {
      if (errorKind(scan.error) === "absent") return;
      unread(state, path, describeError(scan.error));
      return;
    }
    account(state, path, scan.value, bound, chain);
    return;
  }
  unread(state, path, "it changed repeatedly while being read");
}

/** Reads the open file chunk by chunk up to `bound` bytes and runs the detector over it. */
function scanOpen(state: WalkState, file: Deno.FsFile, name: string, bound: number): FileScan {
  const buffer = state.buffer;
  const context = { fileName: name, deep: true };
  let detector: ChunkedDetector | undefined;
  let total = 0;
  for (;;) {
    const room = Math.min(buffer.length, bound + 1 - total);
    let filled = 0;
    while (filled < room) {
      const count = file.readSync(buffer.subarray(filled, room));
      if (count === null || count === 0) break;
      filled += count;
    }
    const chunk = buffer.subarray(0, Math.min(filled, bound - total));
    if (total === 0 && isBinary(chunk.subarray(0, FIRST_BLOCK))) {
      return { evidence: [], bytes: filled, binary: true, overBound: false };
    }
    const overBound = total + filled > bound;
    const last = filled < room || overBound || room === 0;
    if (total === 0 && last) {
      return {
        evidence: detectSecrets(chunk, context),
        bytes: chunk.length,
        binary: false,
        overBound,
      };
    }
    detector ??= new ChunkedDetector(context);
    detector.push(chunk);
    total += chunk.length;
    if (last) return { evidence: detector.finish(), bytes: total, binary: false, overBound };
  }
}
