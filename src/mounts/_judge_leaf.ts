// Copyright the terok-vault authors. MIT license.
/** The verdict on the last name of a credential path, in its pinned directory. */
import type { CredentialVerdict, Evidence } from "../detect/types.ts";
import { errorKind } from "./_errors.ts";
import {
  escape,
  fileKind,
  joinPath,
  type LeakAction,
  type Outcome,
  type Removal,
  walkError,
} from "./_outcome.ts";
import type { Clock, PathGuard } from "./_path_guard.ts";
import { notLinkedReason, type PrivateDir } from "./_private_dir.ts";
import { OPEN_TIMEOUT_MS, readVerified } from "./_read_verified.ts";
import { type FileIdentity, sameIdentity } from "./_identity.ts";
import { awayFromCwd, cwdTurn } from "./_cwd_lock.ts";

/**
 * Credential files are small: at most this many bytes are read; a larger file is judged on
 * its first bytes and is a leak (`oversized`) whatever they hold.
 */
export const READ_BOUND = 64 * 1024;

/** A regular file that keeps changing under us this often is reported as skipped. */
const MAX_ATTEMPTS = 3;

/**
 * Judges the bytes of a credential file: `truncated` when the file holds more than
 * {@linkcode READ_BOUND} bytes and only the first ones were read.
 */
export type Classify = (bytes: Uint8Array, truncated: boolean) => CredentialVerdict;

/** Where the leaf is and what to do with it. */
export interface Leaf {
  provider: string;
  /** The file's name in the pinned working directory. */
  name: string;
  /** Absolute path of the pinned working directory. */
  directory: string;
  /**
   * The pinned directory's identity. With it, a wait (an open held up by a file lease, the
   * quiet-path wait) steps away from the working directory so that other inspections go on,
   * and the directory is pinned again, proven by this identity, before any relative name is
   * used. Without it, the wait holds the working directory.
   */
  identity?: FileIdentity;
}

/** How the leaf is judged. */
export interface JudgeOptions {
  action: LeakAction;
  classify: Classify;
  /** The path guard, when the file sits below a directory the container controls. */
  guard: PathGuard | undefined;
  clock: Clock;
  /** Where the file is hard-linked before it is opened. */
  privateDir: PrivateDir;
  /** Removes a leak; called only with `action: "remove"`, while the directory is pinned. */
  remove: (info: Deno.FileInfo, evidence: Evidence[]) => Removal | Promise<Removal>;
  /** Read at most this many bytes ({@linkcode READ_BOUND} by default; more for a config). */
  readBound?: number;
  /**
   * The verdict on a symlink at the path (its `lstat` given), while its directory is pinned;
   * without it a symlink is an observation, never followed.
   */
  onSymlink?: (info: Deno.FileInfo) => Outcome | Promise<Outcome>;
}

/**
 * Judge one credential file in its pinned directory: never follow it, never open anything but
 * a regular file, classify its bytes, and remove it if asked.
 */
export async function judgeLeaf(leaf: Leaf, options: JudgeOptions): Promise<Outcome> {
  const { provider, name, directory } = leaf;
  const { guard, clock } = options;
  const path = joinPath(directory, name);
  let waited = false;
  let blocked = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const notNow = guard?.begin(clock.now());
    if (typeof notNow === "string") return { verdict: "skipped", reason: notNow };
    if (notNow !== undefined) {
      // Recently changed: wait once for it to be quiet; still changing then means a container
      // is likely moving things around right now, and the file is left unread.
      if (waited) return { verdict: "skipped", reason: busyReason(directory) };
      const turn = cwdTurn();
      if (leaf.identity !== undefined && clock.pause !== undefined) {
        await awayFromCwd(clock.pause(notNow.waitMs));
      } else clock.sleep(notNow.waitMs);
      const lost = repinIfMoved(leaf, turn);
      if (lost !== undefined) return lost;
      waited = true;
      attempt--;
      continue;
    }
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(name);
    } catch (error) {
      if (guard !== undefined && !guard.unchanged()) continue;
      return walkError(provider, error, path);
    }
    // Below the host dir the lstat walked names a container controls: every verdict drawn
    // from it needs the path to have stood still meanwhile, not just the read.
    if (guard !== undefined && !guard.unchanged()) continue;
    if (info.isSymlink) {
      if (options.onSymlink !== undefined) return await options.onSymlink(info);
      const detail = "the credential file is a symlink; not followed";
      return { verdict: "observation", observation: { provider, kind: "symlink", path, detail } };
    }
    if (!info.isFile) {
      const detail = `the credential file is ${fileKind(info)}; not opened`;
      return {
        verdict: "observation",
        observation: { provider, kind: "not_regular", path, detail },
      };
    }
    if (info.size === 0) return { verdict: "clean" };
    const turn = cwdTurn();
    const read = await readVerified(
      name,
      info,
      options.readBound ?? READ_BOUND,
      guard && (() => guard.unchanged()),
      options.privateDir,
      leaf.identity === undefined ? undefined : awayFromCwd,
    );
    const lost = repinIfMoved(leaf, turn);
    if (lost !== undefined) return lost;
    blocked = read.status === "blocked";
    if (read.status === "changed" || read.status === "blocked") continue;
    if (read.status === "refused") {
      return { verdict: "skipped", reason: `'${path}' ${notLinkedReason(read.reason)}` };
    }
    if (read.status === "error") {
      if (errorKind(read.error) === "loop") continue; // became a symlink after the lstat
      return walkError(provider, read.error, path);
    }
    const verdict = options.classify(read.bytes, read.overBound);
    const unsafe = read.openedInMount === undefined
      ? {}
      : { openedInMount: { path, reason: read.openedInMount } };
    if (verdict.verdict === "clean") return { verdict: "clean", ...unsafe };
    const leak = { verdict: "leak" as const, path, evidence: verdict.evidence, ...unsafe };
    if (options.action === "report") return leak;
    return { ...leak, removal: await options.remove(info, verdict.evidence) };
  }
  if (blocked) {
    return {
      verdict: "skipped",
      reason: `opening '${path}' did not complete within ${OPEN_TIMEOUT_MS} ms (a file lease ` +
        "held by another process, or a FIFO swapped in); not read",
    };
  }
  return { verdict: "skipped", reason: `'${path}' changed repeatedly while being checked` };
}

/**
 * After a wait during which other inspections had the working directory (the turn count
 * moved), make the leaf's directory the working directory again and prove it is the one
 * pinned (same device and inode); an outcome when that fails, undefined when pinned.
 */
function repinIfMoved(leaf: Leaf, turn: number): Outcome | undefined {
  if (cwdTurn() === turn || leaf.identity === undefined) return undefined;
  const changed = "a directory on the path changed while its file was being opened";
  try {
    Deno.chdir(leaf.directory);
    const here = Deno.lstatSync(".");
    if (here.isDirectory && sameIdentity(here, leaf.identity)) return undefined;
  } catch (error) {
    if (errorKind(error) === "absent") return { verdict: "absent" };
  }
  return escape(leaf.provider, joinPath(leaf.directory, leaf.name), changed);
}

function busyReason(directory: string): string {
  return `a directory on the way to '${directory}' keeps changing, so a container may be ` +
    "swapping it; not read (run again when it is quiet)";
}
