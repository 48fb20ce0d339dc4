// Copyright the terok-vault authors. MIT license.
/** Removal of a judged leak from its pinned directory. */
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";
import type { PathGuard } from "./_path_guard.ts";
import type { Removal } from "./_outcome.ts";
import { sameIdentity } from "./_identity.ts";
import { PINNED_DIR } from "./pinned_dir.ts";

/**
 * Re-check, then unlink, the leak `name` in the pinned directory `directory`.
 *
 * @param name The leak's name in the working directory.
 * @param directory The absolute path the working directory was pinned at.
 * @param judged What the lstat before the verdict saw.
 * @param guard The path guard when the file sits below the host dir.
 * @returns Whether the name is gone, and why not.
 */
export function removeLeak(
  name: string,
  directory: string,
  judged: Deno.FileInfo,
  guard: PathGuard | undefined,
): Removal {
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
  // Unlinking one name leaves the secret readable under the others, wherever they are: the
  // caller reports the name removed and the content alive.
  return removal.ok ? { ok: true, otherLinks: Math.max(0, (now.nlink ?? 1) - 1) } : removal;
}

/**
 * Re-check, then unlink, the symlink `name` in the pinned directory `directory` (a symlink at
 * a credential path whose leaked target was just removed). `unlink` never follows it.
 *
 * @param name The symlink's name in the working directory.
 * @param directory The absolute path the working directory was pinned at.
 * @param judged What the lstat before the verdict saw.
 * @param guard The path guard when the symlink sits below the host dir.
 * @returns Whether the name is gone, and why not.
 */
export function removeSymlink(
  name: string,
  directory: string,
  judged: Deno.FileInfo,
  guard: PathGuard | undefined,
): { ok: true } | { ok: false; reason: string } {
  let now: Deno.FileInfo;
  try {
    if (Deno.cwd() !== directory) return { ok: false, reason: "its directory moved" };
    now = Deno.lstatSync(name);
  } catch (error) {
    return { ok: false, reason: describeError(error) };
  }
  if (!now.isSymlink || !sameIdentity(now, judged) || (guard !== undefined && !guard.unchanged())) {
    return { ok: false, reason: "it changed before removal" };
  }
  return unlinkInPinnedDir(name, guard !== undefined);
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
