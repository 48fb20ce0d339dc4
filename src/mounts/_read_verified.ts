// Copyright the terok-vault authors. MIT license.
import { type FileIdentity, sameIdentity } from "./_identity.ts";
import type { PrivateDir } from "./_private_dir.ts";

export { type FileIdentity, sameIdentity } from "./_identity.ts";

/** Outcome of using a file only if it is still the entry we looked at. */
export type Verified<T> =
  | {
    status: "ok";
    value: T;
    /** Why the file was opened by its name in the mount (not open-safe), or undefined. */
    openedInMount: string | undefined;
  }
  | { status: "changed" }
  | { status: "blocked" }
  /** The name could not be hard-linked into the private directory, and was not opened. */
  | { status: "refused"; reason: string }
  | { status: "error"; error: unknown };

/** Outcome of reading a credential file only if it is still the entry we looked at. */
export type VerifiedRead =
  | {
    status: "ok";
    bytes: Uint8Array;
    overBound: boolean;
    /** Why the file was opened by its name in the mount (not open-safe), or undefined. */
    openedInMount: string | undefined;
  }
  | { status: "changed" }
  | { status: "blocked" }
  /** The name could not be hard-linked into the private directory, and was not opened. */
  | { status: "refused"; reason: string }
  | { status: "error"; error: unknown };

/**
 * How long an open may take. Opening a regular file is immediate; only a FIFO swapped in
 * between our lstat and the open blocks (until a writer appears, which its planter may never
 * provide). Deno's own open has no O_NONBLOCK, and node:fs, which has, costs 20 ms of start-up on every
 * run, so a blocked open is abandoned instead: the scan goes on, the open stays pending in
 * the background and its file is closed if it ever completes.
 */
export const OPEN_TIMEOUT_MS = 1000;

/**
 * Read at most `bound + 1` bytes of `name` (relative to the pinned working directory), but
 * only if the opened file is a regular file with the identity `expected` from the lstat just
 * before, and `stillSafe` (when given) agrees after the open; otherwise nothing is read.
 *
 * With a `privateDir` the name is first hard-linked there and only the private link is
 * opened, after an `lstat` of it shows a regular file: a symlink swapped in is never opened,
 * so neither a host FIFO nor a device can be reached. Where the link is refused (no write
 * grant, another file system, protected hard links, or the name is no longer a regular file)
 * nothing is opened: `changed` when the name is no longer the file judged, `refused` (with
 * the reason) when it still is. Only with `privateDir.openByName` (`--unsafe-open-by-name`)
 * is the name then opened in the mount, verified by identity, and `openedInMount` says why.
 */
export async function readVerified(
  name: string,
  expected: FileIdentity,
  bound: number,
  stillSafe?: () => boolean,
  privateDir?: PrivateDir,
  whileBlocked?: WhileBlocked,
): Promise<VerifiedRead> {
  const read = await useVerified(name, expected, (file) => readBounded(file, bound), {
    ...(stillSafe === undefined ? {} : { stillSafe }),
    ...(privateDir === undefined ? {} : { privateDir }),
    ...(whileBlocked === undefined ? {} : { whileBlocked }),
  });
  if (read.status !== "ok") return read;
  return { status: "ok", ...read.value, openedInMount: read.openedInMount };
}

/**
 * Wraps the wait for an open of a private link that is held up (a file lease): the caller
 * may step away from the working directory meanwhile (`awayFromCwd`).
 */
export type WhileBlocked = <T>(waiting: Promise<T>) => Promise<T>;

/** How {@linkcode useVerified} reaches the file. */
export interface VerifiedOptions {
  /** Checked after the open, before `use`; false means the path changed meanwhile. */
  stillSafe?: () => boolean;
  /** Where the name is hard-linked before the open (see {@linkcode readVerified}). */
  privateDir?: PrivateDir;
  /**
   * Wraps the wait for an open of a private link that did not complete at once. Only the
   * private link's absolute path is opened then, so the wait needs no working directory; the
   * caller pins its directory again afterwards. A name in the mount is never waited on so.
   */
  whileBlocked?: WhileBlocked;
}

/**
 * Open `name` as {@linkcode readVerified} does and hand the verified open file to `use`
 * (which must not keep it: it is closed afterwards).
 */
export async function useVerified<T>(
  name: string,
  expected: FileIdentity,
  use: (file: Deno.FsFile) => T,
  options: VerifiedOptions = {},
): Promise<Verified<T>> {
  const { privateDir, stillSafe, whileBlocked } = options;
  if (privateDir === undefined) return await useOpened(name, expected, use, stillSafe, "");
  const linked = privateDir.link(name);
  if (linked.status === "error") return { status: "error", error: linked.error };
  if (linked.status === "refused") {
    // A refusal is no reason to open the name: link() fails on a directory swapped in, and
    // by the open the name may be a symlink to a host FIFO or device.
    if (!stillTheFile(name, expected)) return { status: "changed" };
    if (!privateDir.openByName) return { status: "refused", reason: linked.reason };
    return await useOpened(name, expected, use, stillSafe, linked.reason);
  }
  try {
    const info = Deno.lstatSync(linked.path);
    if (!info.isFile || !sameIdentity(info, expected)) return { status: "changed" };
    return await useOpened(linked.path, expected, use, stillSafe, undefined, whileBlocked);
  } catch (error) {
    return { status: "error", error };
  } finally {
    privateDir.release(linked.path);
  }
}

/** True when `name` is still a regular file with the identity judged (an `lstat` opens nothing). */
function stillTheFile(name: string, expected: FileIdentity): boolean {
  try {
    const info = Deno.lstatSync(name);
    return info.isFile && sameIdentity(info, expected);
  } catch {
    return false;
  }
}

/** At most `bound + 1` bytes of an open file, and whether there were more than `bound`. */
export function readBounded(
  file: Deno.FsFile,
  bound: number,
): { bytes: Uint8Array; overBound: boolean } {
  const buffer = new Uint8Array(bound + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const count = file.readSync(buffer.subarray(filled));
    if (count === null || count === 0) break;
    filled += count;
  }
  return { bytes: buffer.subarray(0, filled), overBound: filled > bound };
}

async function useOpened<T>(
  path: string,
  expected: FileIdentity,
  use: (file: Deno.FsFile) => T,
  stillSafe: (() => boolean) | undefined,
  openedInMount: string | undefined,
  whileBlocked?: WhileBlocked,
): Promise<Verified<T>> {
  let file: Deno.FsFile | "timeout";
  try {
    file = await openWithin(path, OPEN_TIMEOUT_MS, whileBlocked);
  } catch (error) {
    return { status: "error", error };
  }
  if (file === "timeout") return { status: "blocked" };
  try {
    const opened = file.statSync();
    if (!opened.isFile || !sameIdentity(opened, expected)) return { status: "changed" };
    if (stillSafe !== undefined && !stillSafe()) return { status: "changed" };
    return { status: "ok", value: use(file), openedInMount };
  } catch (error) {
    return { status: "error", error };
  } finally {
    file.close();
  }
}

const PENDING: unique symbol = Symbol("pending");

/** Rounds of a cheap file-system op the open gets before the timer is armed. */
const HEAD_START_ROUNDS = 8;

/**
 * Opens `name` read-only, or gives up after `ms` (the pending open closes its file later);
 * the wait past the head start goes through `whileBlocked`.
 */
async function openWithin(
  name: string,
  ms: number,
  whileBlocked: WhileBlocked = (waiting) => waiting,
): Promise<Deno.FsFile | "timeout"> {
  const opening = Deno.open(name, { read: true });
  // A regular file opens about as fast as a cheap file-system op completes; only when the
  // open is still pending after a few of them is the timer armed (the first timer of a
  // process costs about 5 ms to set up, which would dominate a whole scan).
  for (let round = 0; round < HEAD_START_ROUNDS; round++) {
    const tick = Deno.lstat(name).then(
      (): typeof PENDING => PENDING,
      (): typeof PENDING => PENDING,
    );
    const early = await Promise.race([opening, tick]);
    if (early !== PENDING) return early;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    const winner = await whileBlocked(Promise.race([opening, timeout]));
    if (winner === "timeout") opening.then((late) => late.close(), () => {});
    return winner;
  } finally {
    clearTimeout(timer);
  }
}
