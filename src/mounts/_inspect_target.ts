// Copyright the terok-vault authors. MIT license.
import { describeError, errorKind } from "./_errors.ts";
import { PathGuard, type PinnedDir } from "./_path_guard.ts";
import { PINNED_DIR } from "./pinned_dir.ts";
import { type FileIdentity, readVerified, sameIdentity } from "./_read_verified.ts";
import { isPhantomCredential } from "./is_phantom_credential.ts";
import type { CredentialTarget, Observation } from "./types.ts";

/**
 * Credential files are small; a file over this many bytes cannot be a phantom, so it is a
 * leak without being read whole.
 */
export const READ_BOUND = 64 * 1024;

/** A regular file that keeps changing under us this often is reported as skipped. */
const MAX_ATTEMPTS = 3;

/** What to do with a leak while its directory is still pinned. */
export type LeakAction = "report" | "remove";

/** The verdict for one credential path (leak-scan.md, "Verdict for one credential path"). */
export type Outcome =
  | { verdict: "absent" }
  | { verdict: "clean" }
  | { verdict: "leak"; path: string; removal?: { ok: true } | { ok: false; reason: string } }
  | { verdict: "observation"; observation: Observation }
  | { verdict: "escape"; observation: Observation; reason: string }
  | { verdict: "skipped"; reason: string };

/** The real mounts dir, resolved once, and its identity. */
export interface MountsRoot {
  path: string;
  identity: FileIdentity;
}

/** `parent/name` without doubling the slash of the root directory. */
export function joinPath(parent: string, name: string): string {
  return parent.endsWith("/") ? `${parent}${name}` : `${parent}/${name}`;
}

const ESCAPE_REASON = "credential path escapes the mounts dir";

function escape(provider: string, path: string, detail: string): Outcome {
  return {
    verdict: "escape",
    observation: { provider, kind: "escape", path, detail },
    reason: `${ESCAPE_REASON} (${detail})`,
  };
}

/** Path segments of `<hostDir>/<credentialFile>`, or `undefined` if they could leave the dir. */
function credentialSegments(target: CredentialTarget): string[] | undefined {
  const hostDir = target.hostDir;
  if (hostDir === "" || hostDir === "." || hostDir === ".." || hostDir.includes("/")) {
    return undefined;
  }
  if (target.credentialFile.startsWith("/")) return undefined;
  const fileSegments = target.credentialFile.split("/").filter((segment) => segment !== ".");
  if (fileSegments.length === 0 || fileSegments.some((s) => s === "" || s === "..")) {
    return undefined;
  }
  return [hostDir, ...fileSegments];
}

function fileKind(info: Deno.FileInfo): string {
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO";
  if (info.isSocket) return "a socket";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  return "not a regular file";
}

/**
 * Make `dir` (a single name inside the current working directory) the working directory, and
 * prove it is the very directory `lstat` saw in the parent: same device and inode. A symlink
 * or a swap in between fails the proof, and Deno's scoped permission makes `lstat(".")` fail
 * with NotCapable when the kernel's working directory is outside the mounts dir.
 */
function pinChild(provider: string, dir: string, absolute: string): Outcome | PinnedDir {
  let seen: Deno.FileInfo;
  try {
    seen = Deno.lstatSync(dir);
  } catch (error) {
    return walkError(provider, error, absolute);
  }
  if (seen.isSymlink) return escape(provider, absolute, "a directory on the path is a symlink");
  if (!seen.isDirectory) return { verdict: "skipped", reason: `'${absolute}' is not a directory` };
  try {
    Deno.chdir(dir);
  } catch (error) {
    const kind = errorKind(error);
    if (kind === "absent") return { verdict: "absent" };
    if (kind === "not_capable" || kind === "not_directory" || kind === "loop") {
      return escape(provider, absolute, "a directory on the path changed while being checked");
    }
    return { verdict: "skipped", reason: `${describeError(error)} at '${absolute}'` };
  }
  let here: Deno.FileInfo;
  try {
    here = Deno.lstatSync(".");
  } catch {
    return escape(provider, absolute, "a directory on the path resolves outside the mounts dir");
  }
  if (!here.isDirectory || !sameIdentity(here, seen)) {
    return escape(provider, absolute, "a directory on the path changed while being checked");
  }
  return { path: absolute, identity: seen };
}

function walkError(provider: string, error: unknown, absolute: string): Outcome {
  const kind = errorKind(error);
  if (kind === "absent") return { verdict: "absent" };
  if (kind === "not_capable") {
    return escape(provider, absolute, "the path resolves outside the mounts dir");
  }
  return { verdict: "skipped", reason: `${describeError(error)} at '${absolute}'` };
}

/** Re-check, then unlink, the leak `name` in the pinned directory `directory`. */
function removeLeak(
  name: string,
  directory: string,
  judged: Deno.FileInfo,
  guard: PathGuard | undefined,
): { ok: true } | { ok: false; reason: string } {
  // A renamed pinned directory means a container is moving things around right now: the
  // absolute path Deno derives from the working directory is no longer the one we checked.
  let cwd: string;
  try {
    cwd = Deno.cwd();
  } catch (error) {
    return { ok: false, reason: `working directory lost: ${describeError(error)}` };
  }
  if (cwd !== directory) return { ok: false, reason: "its directory moved; not removed" };
  let now: Deno.FileInfo;
  try {
    now = Deno.lstatSync(name);
  } catch (error) {
    const kind = errorKind(error);
    if (kind === "absent") return { ok: false, reason: "it vanished before removal" };
    return { ok: false, reason: describeError(error) };
  }
  if (!now.isFile || !sameIdentity(now, judged) || (guard !== undefined && !guard.unchanged())) {
    return { ok: false, reason: "it changed before removal; not removed" };
  }
  const removal = unlinkInPinnedDir(name, guard !== undefined);
  const otherLinks = (now.nlink ?? 1) - 1;
  if (removal.ok && otherLinks > 0) {
    // Unlinking one name leaves the secret readable under the others, wherever they are.
    return {
      ok: false,
      reason: `the file lives on under ${otherLinks} other hard link(s); only this name ` +
        "was removed",
    };
  }
  return removal;
}

/**
 * Unlink `name` in the pinned directory (unlink never follows a final-component symlink).
 *
 * Under scoped permissions Deno turns a relative name into `getcwd() + "/" + name` before
 * the system call, so the kernel walks the directory *names* again: a container that swaps
 * a directory below the host dir for a symlink in that instant redirects a relative unlink
 * outside the mounts dir (measured: it happens thousands of times a second under a swapper).
 * `/proc/self/cwd/<name>` is resolved by the kernel through the working directory itself,
 * and Deno passes it through unchanged; it needs `--allow-write=/proc/self/cwd`.
 * Without that grant a relative unlink is still safe directly in the host dir, whose path a
 * container cannot change, but not below it.
 */
function unlinkInPinnedDir(
  name: string,
  belowHostDir: boolean,
): { ok: true } | { ok: false; reason: string } {
  try {
    Deno.removeSync(`${PINNED_DIR}/${name}`);
    return { ok: true };
  } catch (error) {
    if (errorKind(error) !== "not_capable") return { ok: false, reason: describeError(error) };
  }
  if (belowHostDir) {
    return {
      ok: false,
      reason: "not removed: it sits below a directory the container controls, and removing " +
        "it safely needs --allow-write=/proc/self/cwd",
    };
  }
  try {
    Deno.removeSync(name);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
}

async function judgeLeaf(
  provider: string,
  name: string,
  directory: string,
  action: LeakAction,
  guard: PathGuard | undefined,
): Promise<Outcome> {
  const path = joinPath(directory, name);
  let waited = false;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const notNow = guard?.begin();
    if (typeof notNow === "string") return { verdict: "skipped", reason: notNow };
    if (notNow !== undefined) {
      // Recently changed: wait once for it to be quiet; still changing then means a container
      // is likely moving things around right now, and the file is left unread.
      if (waited) return { verdict: "skipped", reason: busyReason(directory) };
      sleepSync(notNow.waitMs);
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
    if (info.size <= READ_BOUND) {
      const read = await readVerified(name, info, READ_BOUND, guard && (() => guard.unchanged()));
      if (read.status === "changed" || read.status === "blocked") continue;
      if (read.status === "error") {
        const kind = errorKind(read.error);
        if (kind === "loop") continue; // became a symlink after the lstat (seen under -A)
        return walkError(provider, read.error, path);
      }
      if (read.bytes.length === 0) return { verdict: "clean" };
      if (!read.overBound && isPhantomBytes(read.bytes)) return { verdict: "clean" };
    }
    if (action === "report") return { verdict: "leak", path };
    return { verdict: "leak", path, removal: removeLeak(name, directory, info, guard) };
  }
  return { verdict: "skipped", reason: `'${path}' changed repeatedly while being checked` };
}

function busyReason(directory: string): string {
  return `a directory on the way to '${directory}' keeps changing, so a container may be ` +
    "swapping it; not read (run again when it is quiet)";
}

/** Blocks the (deliberately synchronous) inspection; nothing else may run in between. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isPhantomBytes(bytes: Uint8Array): boolean {
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so JSON.parse refuses it as terok does.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return false;
  }
  return isPhantomCredential(text);
}

/**
 * Judge one credential path, walking from the real mounts dir one pinned directory at a time.
 *
 * Changes the process's working directory; the caller restores it.
 */
export function inspectTarget(
  root: MountsRoot,
  target: CredentialTarget,
  action: LeakAction,
): Outcome | Promise<Outcome> {
  const provider = target.provider;
  const segments = credentialSegments(target);
  if (segments === undefined) {
    const lexical = joinPath(joinPath(root.path, target.hostDir), target.credentialFile);
    return escape(provider, lexical, "the roster path leaves its host dir");
  }
  try {
    Deno.chdir(root.path);
    if (!sameIdentity(Deno.lstatSync("."), root.identity)) {
      return {
        verdict: "skipped",
        reason: `the mounts dir '${root.path}' changed during the scan`,
      };
    }
  } catch (error) {
    return { verdict: "skipped", reason: `${describeError(error)} at '${root.path}'` };
  }
  let directory = root.path;
  const chain: PinnedDir[] = [];
  for (const dir of segments.slice(0, -1)) {
    const absolute = joinPath(directory, dir);
    const pinned = pinChild(provider, dir, absolute);
    if ("verdict" in pinned) return pinned;
    chain.push(pinned);
    directory = absolute;
  }
  const name = segments[segments.length - 1] as string;
  // Directly in the host dir (a mount point no container can rename) the file's own dev+ino
  // check suffices; below it, directories the container controls need the path guard.
  const guard = chain.length > 1 ? new PathGuard(chain) : undefined;
  return judgeLeaf(provider, name, directory, action, guard);
}
