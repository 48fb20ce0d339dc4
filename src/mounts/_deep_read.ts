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
import { heldFiles, hit, repin, settle, unread, type WalkState } from "./_deep_state.ts";
import type { Linked, ReadResult } from "./_deep_reader.ts";
import { deepTuning } from "./_deep_tuning.ts";

/** Size of one read; a file within one chunk is judged whole, a larger one chunk by chunk. */
export const CHUNK_BYTES = 1024 * 1024;

/** Files below this size are read whole by the reader threads; larger ones here. */
const SMALL_BYTES = 256 * 1024;

/** A NUL byte in this many first bytes makes a file binary. */
const FIRST_BLOCK = 8192;

/** A regular file that keeps changing under us this often is left unread. */
const MAX_ATTEMPTS = 3;

/** Files linked at once, then opened together: one guard check and one timer per batch. */
export const BATCH = 64;

/**
 * Hard-link one entry into the private directory (from the pinned working directory). What
 * the link is (a regular file, a symlink swapped in, a FIFO) is told later by `lstat` of the
 * link, which nothing can swap. "slow": the link was refused; read it the careful way.
 */
export function linkFile(
  state: WalkState,
  name: string,
  path: string,
): Linked | "slow" | undefined {
  const linked = state.privateDir.link(name);
  if (linked.status === "refused") return "slow";
  if (linked.status === "error") {
    if (errorKind(linked.error) !== "absent") unread(state, path, describeError(linked.error));
    return undefined;
  }
  return { name, path, linkPath: linked.path };
}

/**
 * Read the batch's private links, on the reader threads when there are any. Below the host
 * dir they count only if no directory on the path changed since the guard began: then every
 * link was made through the real directories.
 *
 * @returns "busy" when the path kept changing: the directory's remaining files are not read.
 */
export async function flush(
  state: WalkState,
  batch: Linked[],
  chain: PinnedDir[],
  guard: PathGuard | undefined,
): Promise<"ready" | "busy"> {
  if (batch.length === 0) return "ready";
  return await timedRead(() => flushNow(state, batch, chain, guard));
}

/**
 * Runs `step`, adding its time, the detector's excepted, to the bench's time split when one
 * is kept (`_deep_tuning.ts`).
 */
export async function timedRead<T>(step: () => Promise<T>): Promise<T> {
  const split = deepTuning.split;
  if (split === undefined) return await step();
  const began = performance.now();
  const judged = split.judge;
  try {
    return await step();
  } finally {
    split.read += performance.now() - began - (split.judge - judged);
  }
}

async function flushNow(
  state: WalkState,
  batch: Linked[],
  chain: PinnedDir[],
  guard: PathGuard | undefined,
): Promise<"ready" | "busy"> {
  const files = batch.splice(0);
  if (guard !== undefined && !guard.unchanged()) return await reread(state, files, chain, guard);
  const pool = state.pool;
  const { bytesPerFile, bytesTotal } = state.limits;
  if (pool !== undefined) {
    // Each file handed out may read `bytesPerFile + 1` bytes; while that cannot reach the
    // total bound, every file's bound is `bytesPerFile`, as in the serial walk.
    const out = state.stats.bytes + (heldFiles(state) + files.length) * (bytesPerFile + 1);
    if (out <= bytesTotal) {
      // Larger files are read here, in chunks (few, and they would hold much memory).
      const room = Math.min(SMALL_BYTES, bytesPerFile + 1);
      const large = bytesPerFile + 1 > SMALL_BYTES ? SMALL_BYTES : Infinity;
      await pool.submit(
        state,
        files,
        room,
        large,
        (file, result) => applyRead(state, file, result, chain),
      );
      return "ready";
    }
    await pool.pump(state, 0);
  }
  await readHere(state, files, chain);
  return "ready";
}

/**
 * Something on the path moved while linking: drop the links, wait for a quiet path once, and
 * read each file the careful way instead.
 */
export async function reread(
  state: WalkState,
  files: Linked[],
  chain: PinnedDir[],
  guard: PathGuard,
): Promise<"ready" | "busy"> {
  for (const file of files) state.privateDir.release(file.linkPath);
  await state.pool?.pump(state, 0);
  const parent = chain[chain.length - 1]!;
  if (!repin(state, parent)) return "busy";
  if (settle(state, guard, parent.path) === "busy") return "busy";
  for (const file of files) {
    if (state.stopped) break;
    await readFile(state, file.name, file.path, chain, guard);
  }
  return "ready";
}

/** What `lstat` of a private link says, before anything is opened. */
function lookAtLink(linkPath: string): ReadResult | "file" {
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(linkPath);
  } catch (error) {
    return failure(error);
  }
  if (info.isFile) return "file";
  return { kind: info.isSymlink ? "symlink" : "special" };
}

function failure(error: unknown): ReadResult {
  if (errorKind(error) === "absent") return { kind: "absent" };
  const { name, code } = error as { name?: unknown; code?: unknown };
  return {
    kind: "error",
    name: typeof name === "string" ? name : "Error",
    code: typeof code === "string" ? code : undefined,
  };
}

/** The serial walk's read of a batch, on this thread: every file in order. */
async function readHere(state: WalkState, files: Linked[], chain: PinnedDir[]): Promise<void> {
  try {
    const looks = files.map((file) => lookAtLink(file.linkPath));
    const regular = files.filter((_, i) => looks[i] === "file");
    const opened = await openAll(regular.map((file) => file.linkPath));
    let next = 0;
    for (const [i, file] of files.entries()) {
      const look = looks[i]!;
      if (look !== "file") {
        await applyRead(state, file, look, chain);
        continue;
      }
      await readOpened(state, file, opened[next++]!, chain);
    }
  } finally {
    for (const file of files) state.privateDir.release(file.linkPath);
  }
}

/** Reads a private link that `openAll` opened, or applies why it could not be opened. */
async function readOpened(
  state: WalkState,
  file: Linked,
  handle: Awaited<ReturnType<typeof openAll>>[number],
  chain: PinnedDir[],
): Promise<void> {
  if (handle instanceof Deno.FsFile) {
    try {
      scanRecord(state, file, handle, chain);
    } finally {
      handle.close();
    }
  } else if (handle === "timeout") await applyRead(state, file, { kind: "timeout" }, chain);
  else await applyRead(state, file, failure(handle), chain);
}

/**
 * One file's result from a reader, applied in walk order. Bytes read whole are judged here;
 * a large file is read here in chunks through its private link (which the reader left).
 */
async function applyRead(
  state: WalkState,
  file: Linked,
  result: ReadResult,
  chain: PinnedDir[],
): Promise<void> {
  switch (result.kind) {
    case "read": {
      const bound = fileBound(state, file.path);
      if (bound === undefined) return;
      const bytes = new Uint8Array(result.data);
      account(state, file.path, judgeWhole(bytes, bytes.length, file.name, bound), bound, chain);
      return;
    }
    case "large": {
      try {
        const [handle] = await openAll([file.linkPath]);
        await readOpened(state, file, handle!, chain);
      } finally {
        state.privateDir.release(file.linkPath);
      }
      return;
    }
    case "symlink":
      state.stats.symlinks++;
      return;
    case "special":
      state.stats.special++;
      return;
    case "absent":
      return;
    case "timeout":
      unread(state, file.path, "opening it did not complete within its time (a file lease)");
      return;
    case "lost":
      unread(state, file.path, "its reader thread failed; not read");
      return;
    case "error": {
      const error = Object.assign(new Error(""), { name: result.name, code: result.code });
      unread(state, file.path, describeError(error));
      return;
    }
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
function scanRecord(state: WalkState, file: Linked, handle: Deno.FsFile, chain: PinnedDir[]): void {
  const bound = fileBound(state, file.path);
  if (bound === undefined) return;
  account(state, file.path, scanOpen(state, handle, file.name, bound), bound, chain);
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
  const room = state.limits.evidenceTotal - state.evidence;
  if (result.evidence.length > 0 && room > 0) {
    const hostDir = chain[0]?.path.slice(state.root.path.length).replace(/^\//, "") ?? "";
    const evidence = result.evidence.slice(0, room);
    state.evidence += evidence.length;
    state.findings.push({
      provider: Object.hasOwn(state.providers, hostDir) ? state.providers[hostDir]! : null,
      path,
      evidence,
    });
  }
  if (result.evidence.length > room) {
    hit(state, "evidence_total", state.limits.evidenceTotal, path);
    state.stopped = true;
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
    // Every link below a host dir comes right after a look at the guard: once a directory on
    // the way changed, another attempt could only link through a swapped path (a host file's
    // link count and ctime) and could never be read (docs/security.md, "Known limits").
    if (guard !== undefined && !guard.unchanged()) {
      unread(state, path, "a directory on the way changed while it was being read; not read");
      return;
    }
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

/**
 * Judge a file read whole: its first `filled` bytes (at most `bound + 1`; more than `bound`
 * means it was cut at the bound). The serial walk and the reader threads both end here.
 */
function judgeWhole(buffer: Uint8Array, filled: number, name: string, bound: number): FileScan {
  const split = deepTuning.split;
  if (split === undefined) return judgeNow(buffer, filled, name, bound);
  const began = performance.now();
  try {
    return judgeNow(buffer, filled, name, bound);
  } finally {
    split.judge += performance.now() - began;
  }
}

function judgeNow(buffer: Uint8Array, filled: number, name: string, bound: number): FileScan {
  const chunk = buffer.subarray(0, Math.min(filled, bound));
  if (isBinary(chunk.subarray(0, FIRST_BLOCK))) {
    return { evidence: [], bytes: filled, binary: true, overBound: false };
  }
  return {
    evidence: detectSecrets(chunk, { fileName: name, deep: true }),
    bytes: chunk.length,
    binary: false,
    overBound: filled > bound,
  };
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
    const overBound = total + filled > bound;
    const last = filled < room || overBound || room === 0;
    if (total === 0 && last) return judgeWhole(buffer, filled, name, bound);
    const chunk = buffer.subarray(0, Math.min(filled, bound - total));
    if (total === 0 && isBinary(chunk.subarray(0, FIRST_BLOCK))) {
      return { evidence: [], bytes: filled, binary: true, overBound: false };
    }
    const split = deepTuning.split;
    const began = split === undefined ? 0 : performance.now();
    detector ??= new ChunkedDetector(context);
    detector.push(chunk);
    total += chunk.length;
    const evidence = last ? detector.finish() : undefined;
    if (split !== undefined) split.judge += performance.now() - began;
    if (evidence !== undefined) return { evidence, bytes: total, binary: false, overBound };
  }
}
