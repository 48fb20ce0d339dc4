// Copyright the terok-vault authors. MIT license.
/**
 * The deep walk's reads: a directory's files hard-linked into the private directory in
 * batches, checked once by the path guard, opened together, and run through the detector.
 */
import { ChunkedDetector, detectSecrets, isBinary } from "../detect/mod.ts";
import type { Evidence } from "../detect/types.ts";
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";
import type { PathGuard, PinnedDir } from "./_path_guard.ts";
import { notLinkedReason } from "./_private_dir.ts";
import { OPEN_TIMEOUT_MS, useVerified } from "./_read_verified.ts";
import { hit, repin, settle, unread, type WalkState } from "./_deep_state.ts";

/** Size of one read; a file within one chunk is judged whole, a larger one chunk by chunk. */
export const CHUNK_BYTES = 1024 * 1024;

/** A NUL byte in this many first bytes makes a file binary. */
const FIRST_BLOCK = 8192;

/** A regular file that keeps changing under us this often is left unread. */
const MAX_ATTEMPTS = 3;

/** Files linked at once, then opened together: one guard check and one timer per batch. */
export const BATCH = 64;

/** A file of the mount hard-linked into the private directory, not yet read. */
export interface Linked {
  name: string;
  path: string;
  linkPath: string;
  info: Deno.FileInfo;
}

/**
 * Hard-link one entry into the private directory (from the pinned working directory) and
 * `lstat` the link: that, not the name in the mount, says what it is. "slow": the link was
 * refused; read it the careful way.
 */
export function linkFile(
  state: WalkState,
  name: string,
  path: string,
): Linked | "slow" | "symlink" | "special" | undefined {
  const linked = state.privateDir.link(name);
  if (linked.status === "refused") return "slow";
  if (linked.status === "error") {
    if (errorKind(linked.error) !== "absent") unread(state, path, describeError(linked.error));
    return undefined;
  }
  let mine: Deno.FileInfo | undefined;
  try {
    mine = Deno.lstatSync(linked.path);
  } catch (error) {
    unread(state, path, describeError(error));
  }
  if (mine?.isFile) return { name, path, linkPath: linked.path, info: mine };
  state.privateDir.release(linked.path);
  if (mine === undefined) return undefined;
  return mine.isSymlink ? "symlink" : "special";
}

/**
 * Read the batch's private links. Below the host dir they count only if no directory on the
 * path changed since the guard began: then every link was made through the real directories.
 */
export async function flush(
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
        await readFile(state, file.name, file.path, chain, guard);
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

/** Bytes one more file may take, or undefined (and the walk stopped) when none are left. */
function fileBound(state: WalkState, path: string): number | undefined {
  const left = state.limits.bytesTotal - state.stats.bytes;
  if (left <= 0) {
    hit(state, "bytes_total", state.limits.bytesTotal, path);
    state.stopped = true;
    return undefined;
  }
  return Math.min(state.limits.bytesPerFile, left);
}

/** Scan one open file (already verified by its private link) and count it. */
function record(
  state: WalkState,
  name: string,
  path: string,
  file: Deno.FsFile,
  chain: PinnedDir[],
): void {
  const bound = fileBound(state, path);
  if (bound === undefined) return;
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
    const { bytesPerFile, bytesTotal } = state.limits;
    if (bound === bytesPerFile) hit(state, "bytes_per_file", bytesPerFile, path);
    else {
      hit(state, "bytes_total", bytesTotal, path);
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

interface FileScan {
  evidence: Evidence[];
  bytes: number;
  binary: boolean;
  overBound: boolean;
}

export async function readFile(
  state: WalkState,
  name: string,
  path: string,
  chain: PinnedDir[],
  guard: PathGuard | undefined,
): Promise<void> {
  const bound = fileBound(state, path);
  if (bound === undefined) return;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(name);
    } catch {
      return; // gone: nothing to judge
    }
    if (!info.isFile) return;
    const scan = await useVerified(name, info, (file) => scanOpen(state, file, name, bound), {
      ...(guard === undefined ? {} : { stillSafe: () => guard.unchanged() }),
      privateDir: state.privateDir,
    });
    if (scan.status === "changed") continue;
    if (scan.status === "blocked") {
      unread(state, path, "opening it did not complete within its time (a file lease); not read");
      return;
    }
    if (scan.status === "refused") {
      unread(state, path, notLinkedReason(scan.reason));
      return;
    }
    if (scan.status === "error") {
      if (errorKind(scan.error) === "absent") return;
      unread(state, path, describeError(scan.error));
      return;
    }
    if (scan.openedInMount !== undefined) {
      state.privateDir.openedByName.push({ path, reason: scan.openedInMount });
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
