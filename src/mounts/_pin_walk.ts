// Copyright the terok-vault authors. MIT license.
/** The pinned walk: one directory at a time, each proven to be the one `lstat` saw. */
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";
import { escape, joinPath, type MountsRoot, type Outcome, walkError } from "./_outcome.ts";
import type { PinnedDir } from "./_path_guard.ts";
import { sameIdentity } from "./_identity.ts";

/** The two steps of a pin that follow the `lstat` of the name. */
export interface PinSteps {
  /** Make `dir` the working directory. */
  chdir(dir: string): void;
  /** `lstat` the working directory. */
  lstatHere(): Deno.FileInfo;
}

const DENO_STEPS: PinSteps = {
  chdir: (dir) => Deno.chdir(dir),
  lstatHere: () => Deno.lstatSync("."),
};

/**
 * Make `dir` (a single name inside the current working directory) the working directory, and
 * prove it is the very directory `lstat` saw in the parent: same device and inode. A symlink
 * or a swap in between fails the proof, and Deno's scoped permission makes `lstat(".")` fail
 * with NotCapable when the kernel's working directory is outside the mounts dir.
 *
 * `steps` takes the step into the directory and the look at it; tests pass failing ones,
 * since no swap can be timed between the `lstat`, the `chdir` and the look.
 */
export function pinChild(
  provider: string,
  dir: string,
  absolute: string,
  steps: PinSteps = DENO_STEPS,
): Outcome | PinnedDir {
  let seen: Deno.FileInfo;
  try {
    seen = Deno.lstatSync(dir);
  } catch (error) {
    return walkError(provider, error, absolute);
  }
  if (seen.isSymlink) return escape(provider, absolute, "a directory on the path is a symlink");
  if (!seen.isDirectory) return { verdict: "skipped", reason: `'${absolute}' is not a directory` };
  try {
    steps.chdir(dir);
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
    here = steps.lstatHere();
  } catch {
    return escape(provider, absolute, "a directory on the path resolves outside the mounts dir");
  }
  if (!here.isDirectory || !sameIdentity(here, seen)) {
    return escape(provider, absolute, "a directory on the path changed while being checked");
  }
  return { path: absolute, identity: seen };
}

/** Make the real mounts dir the working directory, proving it is still the one resolved. */
export function pinRoot(root: MountsRoot): Outcome | undefined {
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
  return undefined;
}

/** Where the walk to a file's parent ended: the pinned directories, host dir first. */
export interface PinnedParent {
  /** Absolute path of the file's parent, now the working directory. */
  directory: string;
  /** Every directory pinned on the way, from the host dir down to the parent. */
  chain: PinnedDir[];
}

/**
 * Pin the root, then each of `dirs` in turn; the last one stays the working directory.
 *
 * Changes the process's working directory; the caller restores it.
 */
export function pinPath(
  root: MountsRoot,
  provider: string,
  dirs: readonly string[],
): Outcome | PinnedParent {
  const failed = pinRoot(root);
  if (failed !== undefined) return failed;
  let directory = root.path;
  const chain: PinnedDir[] = [];
  for (const dir of dirs) {
    const absolute = joinPath(directory, dir);
    const pinned = pinChild(provider, dir, absolute);
    if ("verdict" in pinned) return pinned;
    chain.push(pinned);
    directory = absolute;
  }
  return { directory, chain };
}
