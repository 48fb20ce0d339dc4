// Copyright the terok-vault authors. MIT license.
/** One credential path: the pinned walk to its directory, then the verdict on its file. */
import { credentialClassifier } from "./_classify.ts";
import { judgeLeaf } from "./_judge_leaf.ts";
import { escape, joinPath, type LeakAction, type MountsRoot, type Outcome } from "./_outcome.ts";
import { type Clock, PathGuard } from "./_path_guard.ts";
import { pinPath } from "./_pin_walk.ts";
import { PRIVATE_DIR_NAME, type PrivateDir } from "./_private_dir.ts";
import { CONFIG_READ_BOUND } from "./_classify.ts";
import { type Disposal, keepLeak } from "./_keep_leak.ts";
import type { CredentialTarget } from "./types.ts";

/** Path segments of `<hostDir>/<credentialFile>`, or `undefined` if they could leave the dir. */
function credentialSegments(target: CredentialTarget): string[] | undefined {
  const hostDir = target.hostDir;
  if (
    hostDir === "" || hostDir === "." || hostDir === ".." || hostDir.includes("/") ||
    hostDir === PRIVATE_DIR_NAME
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

/**
 * Judge one credential path, walking from the real mounts dir one pinned directory at a time.
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
  const identity = chain[chain.length - 1]!.identity;
  return judgeLeaf({ provider, name, directory, identity }, {
    action,
    classify,
    guard,
    clock,
    privateDir,
    ...(target.config === true ? { readBound: CONFIG_READ_BOUND } : {}),
    remove: (judged, evidence) =>
      disposal.spare?.({ provider, path: joinPath(directory, name), evidence }) === true
        ? { ok: false, reason: "accepted", spared: true }
        : keepLeak(
          { mountsRoot: root.path, target, name, directory, judged, guard, evidence, classify },
          disposal,
        ),
  });
}
