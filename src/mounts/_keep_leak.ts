// Copyright the terok-vault authors. MIT license.
/**
 * What `clean` does with a judged leak, while its directory is pinned: keep it in the
 * quarantine, then remove its name in the mount (or replace it with a stripped copy). Nothing
 * is removed that was not kept first, unless `--delete` asked for the plain unlink.
 */
import { describeError } from "../_describe_error.ts";
import type { Classify } from "./_judge_leaf.ts";
import type { Removal } from "./_outcome.ts";
import type { PathGuard } from "./_path_guard.ts";
import {
  createEntry,
  discardEntry,
  type Manifest,
  manifestEvidence,
  type NewEntry,
  prepareQuarantine,
  STRIPPED_NAME,
  writeManifest,
} from "./_quarantine_store.ts";
import { sameIdentity } from "./_identity.ts";
import { readBounded, useVerified } from "./_read_verified.ts";
import { removeLeak } from "./_remove_leak.ts";
import { isVerdictOnly, stripSecrets } from "./_strip_secrets.ts";
import type { CredentialTarget, Evidence, Leak } from "./types.ts";

/** How `clean` disposes of leaks (`clean --delete`, `clean --strip`). */
export interface Disposal {
  /** Unlink, keeping nothing (today's removal). */
  delete?: boolean;
  /** Rewrite a JSON or dotenv file without its secrets instead of removing it. */
  strip?: boolean;
  /** Leaks to leave in place (accepted by the operator); asked while the directory is pinned. */
  spare?: (leak: Leak) => boolean;
}

/** Files larger than this are not stripped (the detector parses at most 4 MiB too). */
const STRIP_BOUND = 4 * 1024 * 1024;

/** One judged leak in its pinned directory. */
export interface LeakAtHand {
  mountsRoot: string;
  target: CredentialTarget;
  /** Its name in the pinned working directory. */
  name: string;
  /** The pinned directory's absolute path. */
  directory: string;
  /** What the lstat before the verdict saw. */
  judged: Deno.FileInfo;
  guard: PathGuard | undefined;
  evidence: readonly Evidence[];
  /** The target's classifier, to prove a stripped copy clean. */
  classify: Classify;
}

/**
 * Keep the leak in the quarantine, then remove its name or replace it with a stripped copy.
 * A config (`target.config`) is stripped or left as it was, never removed.
 */
export async function keepLeak(leak: LeakAtHand, disposal: Disposal): Promise<Removal> {
  const { target, name, directory, judged, guard } = leak;
  const config = target.config === true;
  if (disposal.delete === true && !config) return removeLeak(name, directory, judged, guard);
  const quarantine = prepareQuarantine(leak.mountsRoot);
  if (!quarantine.ok) return notKept(quarantine.reason);
  const made = createEntry(quarantine.path, target.hostDir, target.credentialFile);
  if (!made.ok) return notKept(made.reason);
  const entry = made.entry;
  const linked = linkIntoEntry(name, entry, judged);
  if (!linked.ok) return rollBack(entry, linked.reason);
  const manifest = manifestOf(leak, entry, linked.info);
  const written = writeManifest(entry.dir, manifest);
  if (!written.ok) return rollBack(entry, written.reason);
  const quarantined = { id: entry.id, path: entry.filePath };
  if (disposal.strip === true || config) {
    const stripped = await stripInPlace(leak, entry);
    if (stripped.ok) {
      writeManifest(entry.dir, { ...manifest, action: "stripped", stripped: stripped.removed });
      tighten(entry.filePath);
      return {
        ok: true,
        otherLinks: otherLinks(entry.filePath),
        quarantined,
        stripped: stripped.removed,
      };
    }
    if (config || stripped.changed) return rollBack(entry, stripped.reason);
    // A credential file of a format no strip rewrites is kept and removed, as without --strip.
  }
  const removal = removeLeak(name, directory, judged, guard);
  if (!removal.ok) return keptOrRolledBack(entry, removal.reason);
  tighten(entry.filePath);
  // The name's link count included the quarantine's own link: only the others keep it alive.
  return { ok: true, otherLinks: otherLinks(entry.filePath), quarantined };
}

function notKept(reason: string): Removal {
  return { ok: false, reason: `${reason}; not removed (nothing is removed that was not kept)` };
}

function rollBack(entry: NewEntry, reason: string): Removal {
  const left = discardEntry(entry.dir);
  const also = left === undefined ? "" : ` (the entry ${entry.id} is left: ${left})`;
  return notKept(`${reason}${also}`);
}

/**
 * After a failed removal: when the quarantined link is now the file's only name (it vanished
 * from the mount meanwhile), the entry is all that is left of it and stays; else it goes.
 */
function keptOrRolledBack(entry: NewEntry, reason: string): Removal {
  if (otherLinks(entry.filePath) === 0) {
    tighten(entry.filePath);
    return { ok: false, reason: `${reason}; the file is kept in quarantine entry ${entry.id}` };
  }
  const left = discardEntry(entry.dir);
  return { ok: false, reason: left === undefined ? reason : `${reason} (entry ${entry.id} left)` };
}

/** Hard links to the quarantined file other than its quarantine name. */
function otherLinks(path: string): number {
  try {
    return Math.max(0, (Deno.lstatSync(path).nlink ?? 1) - 1);
  } catch {
    return 0;
  }
}

/** Only we may read a kept file (its original mode is in the manifest). */
function tighten(path: string): void {
  try {
    Deno.chmodSync(path, 0o600);
  } catch {
    // The entry's directories are 0700 and ours: the file stays out of others' reach.
  }
}

/**
 * Hard-link the name into the entry (`link()` never follows a final symlink), and accept the
 * link only when it is a regular file with the identity the verdict judged: a name swapped
 * or redirected meanwhile yields another file, which is never kept.
 */
function linkIntoEntry(
  name: string,
  entry: NewEntry,
  judged: Deno.FileInfo,
): { ok: true; info: Deno.FileInfo } | { ok: false; reason: string } {
  try {
    Deno.linkSync(name, entry.filePath);
  } catch (error) {
    return {
      ok: false,
      reason: `it cannot be hard-linked into the quarantine: ${linkRefusal(error)}`,
    };
  }
  let info: Deno.FileInfo;
  try {
    info = Deno.lstatSync(entry.filePath);
  } catch (error) {
    return { ok: false, reason: `the quarantined link cannot be checked: ${describeError(error)}` };
  }
  if (!info.isFile || !sameIdentity(info, judged)) {
    return { ok: false, reason: "it changed before it could be kept" };
  }
  return { ok: true, info };
}

function linkRefusal(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "EXDEV") return "the host dir is on another file system than the mounts dir";
  if (code === "ENOSPC") return "no space left on the device";
  if (code === "EPERM") {
    return "the kernel's protected hard links refuse it (the file belongs to another user)";
  }
  return describeError(error);
}

function manifestOf(leak: LeakAtHand, entry: NewEntry, info: Deno.FileInfo): Manifest {
  const { target } = leak;
  return {
    id: entry.id,
    time: new Date().toISOString(),
    provider: target.provider,
    host_dir: target.hostDir,
    credential_file: target.credentialFile,
    original_path: `${leak.directory.replace(/\/$/, "")}/${leak.name}`,
    size: info.size,
    mode: (info.mode ?? 0o600) & 0o7777,
    action: "removed",
    evidence: manifestEvidence(leak.evidence),
  };
}

type StripOutcome =
  | { ok: true; removed: string[] }
  /** `changed`: the file changed meanwhile, so it is left as it was whatever its kind. */
  | { ok: false; reason: string; changed: boolean };

/**
 * Replace the name in the mount with a stripped copy, all or nothing: the copy is written in
 * the entry (out of every container's reach), the original is read again through its
 * quarantined link and must be byte for byte what was stripped, the name must still be the
 * judged file, and only then is the copy renamed over the name. A write that lands in the
 * instant after that check goes to the original, which is kept in the quarantine.
 */
async function stripInPlace(leak: LeakAtHand, entry: NewEntry): Promise<StripOutcome> {
  const { name, judged, guard } = leak;
  if (guard !== undefined) {
    return {
      ok: false,
      changed: false,
      reason: "it sits below a directory the container controls, where no rewrite is safe",
    };
  }
  const before = await readKept(entry.filePath, judged);
  if (!before.ok) return { ok: false, changed: true, reason: before.reason };
  const fileName = name.slice(name.lastIndexOf("/") + 1);
  const stripped = stripSecrets(before.bytes, fileName, leak.evidence, (bytes) => {
    // A stripped credential file may no longer look like its format: only a value that still
    // holds a secret makes the strip fail.
    const verdict = leak.classify(bytes, false);
    return verdict.verdict === "leak" &&
      verdict.evidence.some((e) => !isVerdictOnly(e) && e.rule !== "unrecognized-content");
  });
  if (!stripped.ok) {
    return { ok: false, changed: false, reason: `not stripped: ${stripped.reason}` };
  }
  const copy = `${entry.dir}/${STRIPPED_NAME}`;
  try {
    Deno.writeFileSync(copy, stripped.bytes, { createNew: true, mode: 0o600 });
    Deno.chmodSync(copy, (judged.mode ?? 0o600) & 0o777);
  } catch (error) {
    return {
      ok: false,
      changed: false,
      reason: `the stripped copy cannot be written: ${describeError(error)}`,
    };
  }
  const after = await readKept(entry.filePath, judged);
  const now = lstatOrUndefined(name);
  if (
    !after.ok || !sameBytes(before.bytes, after.bytes) || now === undefined || !now.isFile ||
    !sameIdentity(now, judged) || Deno.cwd() !== leak.directory
  ) {
    return { ok: false, changed: true, reason: "it changed while being stripped; left as it was" };
  }
  try {
    // Directly in the host dir (a mount point no container can rename) the name is safe.
    Deno.renameSync(copy, name);
  } catch (error) {
    return {
      ok: false,
      changed: true,
      reason: `the stripped copy cannot replace it: ${describeError(error)}`,
    };
  }
  return { ok: true, removed: stripped.removed };
}

/** The quarantined original's bytes, opened by its private path (a blocked open gives up). */
async function readKept(
  path: string,
  judged: Deno.FileInfo,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; reason: string }> {
  const read = await useVerified(path, judged, (file) => readBounded(file, STRIP_BOUND));
  if (read.status === "ok") {
    return read.value.overBound
      ? { ok: false, reason: "it is too large to strip" }
      : { ok: true, bytes: read.value.bytes.slice() };
  }
  if (read.status === "error") return { ok: false, reason: describeError(read.error) };
  return { ok: false, reason: "it changed while being stripped; left as it was" };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function lstatOrUndefined(name: string): Deno.FileInfo | undefined {
  try {
    return Deno.lstatSync(name);
  } catch {
    return undefined;
  }
}
