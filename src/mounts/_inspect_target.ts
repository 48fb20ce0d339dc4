// Copyright the terok-vault authors. MIT license.
/** One credential path: the pinned walk to its directory, then the verdict on its file. */
import { credentialClassifier } from "./_classify.ts";
import { judgeLeaf } from "./_judge_leaf.ts";
import {
  escape,
  joinPath,
  type LeakAction,
  type MountsRoot,
  type Outcome,
  type Removal,
} from "./_outcome.ts";
import { describeError } from "../_describe_error.ts";
import { sameIdentity } from "./_identity.ts";
import { type Clock, PathGuard } from "./_path_guard.ts";
import { removeSymlink } from "./_remove_leak.ts";
import { pinPath } from "./_pin_walk.ts";
import { PRIVATE_DIR_NAME, type PrivateDir } from "./_private_dir.ts";
import { CONFIG_READ_BOUND } from "./_classify.ts";
import type { Disposal, LeakAtHand } from "./_keep_leak.ts";
import type { CredentialTarget } from "./types.ts";

/** Path segments of `<hostDir>/<credentialFile>`, or `undefined` if they could leave the dir. */
function credentialSegments(target: CredentialTarget): string[] | undefined {
  const hostDir = target.hostDir;
  if (
    hostDir === "" || hostDir === "." || hostDir === ".." || hostDir.includes("/") ||
    hostDir.startsWith(PRIVATE_DIR_NAME)
  ) {
    return undefined;
  }
  if (target.credentialFile.startsWith("/")) return undefined;
  const fileSegments = target.credentialFile.split("/").filter((segment) => segment !== ".");
  if (fileSegments.length === 0 || fileSegments.some((s) => s === "" || s === "..")) {
    return undefined;
  }
  return [hostDir, ...fileSegments];
}

/** Symlinks at a credential path followed in a row, at most. */
const MAX_HOPS = 8;

/**
 * Where the symlink `name` (in the pinned working directory, `linkDirs` below its host dir)
 * points, as path segments below the host dir; or why it leaves the host dir. Its text is
 * used only if a fresh `lstat` shows the very symlink judged (a symlink's text never changes)
 * and the path guard still holds.
 */
function linkTarget(
  name: string,
  judged: Deno.FileInfo,
  linkDirs: readonly string[],
  guard: PathGuard | undefined,
): string[] | string {
  let text: string;
  try {
    text = Deno.readLinkSync(name);
    const now = Deno.lstatSync(name);
    if (!now.isSymlink || !sameIdentity(now, judged) || (guard && !guard.unchanged())) {
      return "the credential file changed while being checked";
    }
  } catch (error) {
    return `the credential file is a symlink that cannot be read (${describeError(error)})`;
  }
  // A container sees an absolute target in its own file system, not in this host dir.
  if (text.startsWith("/")) return "the credential file is a symlink to an absolute path";
  const segments = [...linkDirs];
  for (const segment of text.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") segments.push(segment);
    else if (segments.pop() === undefined) {
      return "the credential file is a symlink that leads out of its host dir";
    }
  }
  if (segments.length === 0) return "the credential file is a symlink to its host dir";
  return segments;
}

/** Pin the symlink's directory again and unlink it, if it is still the one judged. */
function unlinkSymlink(
  root: MountsRoot,
  provider: string,
  dirs: readonly string[],
  name: string,
  judged: Deno.FileInfo,
  clock: Clock,
): { ok: true } | { ok: false; reason: string } {
  const again = pinPath(root, provider, dirs);
  if ("verdict" in again) return { ok: false, reason: "its directory changed" };
  let guard: PathGuard | undefined;
  if (again.chain.length > 1) {
    guard = new PathGuard(again.chain);
    if (guard.begin(clock.now()) !== undefined) {
      return { ok: false, reason: "a directory on its path is changing" };
    }
  }
  return removeSymlink(name, again.directory, judged, guard);
}

/**
 * Judge one credential path, walking from the real mounts dir one pinned directory at a time.
 * A symlink there whose target stays inside its host dir is judged by that target (as the
 * tool that owns the file would follow it), reached by the same pinned walk; `clean` removes
 * the leaked target and then the symlink. A symlink leading anywhere else is an escape.
 *
 * Changes the process's working directory; the caller restores it.
 */
export function inspectTarget(
  root: MountsRoot,
  target: CredentialTarget,
  action: LeakAction,
  clock: Clock,
  privateDir: PrivateDir,
  disposal: Disposal = {},
  hops = 0,
): Outcome | Promise<Outcome> {
  const provider = target.provider;
  const segments = credentialSegments(target);
  if (segments === undefined) {
    const lexical = joinPath(joinPath(root.path, target.hostDir), target.credentialFile);
    return escape(provider, lexical, "the roster path leaves its host dir");
  }
  const parent = pinPath(root, provider, segments.slice(0, -1));
  if ("verdict" in parent) return parent;
  const { directory, chain } = parent;
  const name = segments[segments.length - 1] as string;
  // Directly in the host dir (a mount point no container can rename) the file's own dev+ino
  // check suffices; below it, directories the container controls need the path guard.
  const guard = chain.length > 1 ? new PathGuard(chain) : undefined;
  const classify = credentialClassifier(target);
  const onSymlink = async (link: Deno.FileInfo): Promise<Outcome> => {
    const path = joinPath(directory, name);
    const resolved = linkTarget(name, link, segments.slice(1, -1), guard);
    if (typeof resolved === "string") return escape(provider, path, resolved);
    if (hops >= MAX_HOPS) {
      return escape(provider, path, `more than ${MAX_HOPS} symlinks in a row; not followed`);
    }
    // Judged by its target, reached by the same pinned walk from the mounts dir.
    const followed = { ...target, credentialFile: resolved.join("/") };
    const outcome = await inspectTarget(
      root,
      followed,
      action,
      clock,
      privateDir,
      disposal,
      hops + 1,
    );
    if (outcome.verdict !== "leak" || outcome.removal?.ok !== true) return outcome;
    // The leak is kept and gone: the symlink to it goes too, its directory pinned again.
    const unlinked = unlinkSymlink(root, provider, segments.slice(0, -1), name, link, clock);
    if (unlinked.ok) return outcome;
    const reason = `the leaked target was removed, but not the symlink '${path}' to it ` +
      `(${unlinked.reason})`;
    return { ...outcome, removal: { ok: false, reason } };
  };
  const identity = chain[chain.length - 1]!.identity;
  return judgeLeaf({ provider, name, directory, identity }, {
    onSymlink,
    action,
    classify,
    guard,
    clock,
    privateDir,
    ...(target.config === true ? { readBound: CONFIG_READ_BOUND } : {}),
    remove: (judged, evidence) =>
      disposal.spare?.({ provider, path: joinPath(directory, name), evidence }) === true
        ? { ok: false, reason: "accepted", spared: true }
        : keep(
          { mountsRoot: root.path, target, name, directory, judged, guard, evidence, classify },
          disposal,
        ),
  });
}

/** clean's quarantine and strip code, once {@linkcode loadKeeper} has loaded it. */
let keeper: typeof import("./_keep_leak.ts") | undefined;

/**
 * Loads what keeps a leak (the quarantine, `--strip`), so that only `clean` pays for it; the
 * inspection calls it before its walk, and a removal never waits for a module between its
 * verdict and its unlink.
 */
export async function loadKeeper(): Promise<void> {
  keeper ??= await import("./_keep_leak.ts");
}

function keep(leak: LeakAtHand, disposal: Disposal): Promise<Removal> {
  if (keeper !== undefined) return keeper.keepLeak(leak, disposal);
  return loadKeeper().then(() => keeper!.keepLeak(leak, disposal));
}
