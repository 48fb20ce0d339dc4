// Copyright the terok-vault authors. MIT license.
/** The verdict records of one credential path, and the small builders the walk shares. */
import { describeError } from "../_describe_error.ts";
import { errorKind } from "./_errors.ts";
import type { FileIdentity } from "./_identity.ts";
import type { Evidence } from "../detect/types.ts";
import type { Observation } from "./types.ts";

/** What to do with a leak while its directory is still pinned. */
export type LeakAction = "report" | "remove";

/**
 * How a removal went. `otherLinks` counts the hard links that keep the content alive after
 * its name in the mount was removed.
 */
export type Removal =
  | {
    ok: true;
    otherLinks: number;
    /** Where the file was kept (absent with `--delete`). */
    quarantined?: { id: string; path: string };
    /** With a strip: the key paths removed; the name now holds the stripped copy. */
    stripped?: string[];
  }
  /** `spared`: left in place on purpose (the caller's `spare` accepted it). */
  | { ok: false; reason: string; spared?: true };

/** The verdict for one credential path (docs/security.md, "Verdicts by evidence"). */
export type Outcome =
  | { verdict: "absent" }
  | { verdict: "clean"; openedInMount?: OpenedInMount }
  | {
    verdict: "leak";
    path: string;
    evidence: Evidence[];
    removal?: Removal;
    openedInMount?: OpenedInMount;
  }
  | { verdict: "observation"; observation: Observation }
  | { verdict: "escape"; observation: Observation; reason: string }
  | { verdict: "skipped"; reason: string };

/** A file opened by its name in the mount (not open-safe): where, and why. */
export interface OpenedInMount {
  path: string;
  reason: string;
}

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

/** An escape: an observation, and the provider counts as unchecked. */
export function escape(provider: string, path: string, detail: string): Outcome {
  return {
    verdict: "escape",
    observation: { provider, kind: "escape", path, detail },
    reason: `${ESCAPE_REASON} (${detail})`,
  };
}

/** The outcome of a failed lstat or chdir on the way. */
export function walkError(provider: string, error: unknown, absolute: string): Outcome {
  const kind = errorKind(error);
  if (kind === "absent") return { verdict: "absent" };
  if (kind === "not_capable") {
    return escape(provider, absolute, "the path resolves outside the mounts dir");
  }
  return { verdict: "skipped", reason: `${describeError(error)} at '${absolute}'` };
}

/** "a FIFO", "a directory", ... for messages about entries that are not regular files. */
export function fileKind(info: Deno.FileInfo): string {
  if (info.isDirectory) return "a directory";
  if (info.isFifo) return "a FIFO";
  if (info.isSocket) return "a socket";
  if (info.isCharDevice) return "a character device";
  if (info.isBlockDevice) return "a block device";
  return "not a regular file";
}
