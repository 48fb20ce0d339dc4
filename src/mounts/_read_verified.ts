// Copyright the terok-vault authors. MIT license.
import * as fs from "node:fs";

/** Identity of a directory entry: the pair the kernel uses to tell files apart. */
export interface FileIdentity {
  dev: number;
  ino: number | null;
}

/** Outcome of reading a credential file only if it is still the entry we looked at. */
export type VerifiedRead =
  | { status: "ok"; bytes: Uint8Array; overBound: boolean }
  | { status: "changed" }
  | { status: "error"; error: unknown };

/*
 * O_NONBLOCK: a FIFO swapped in between our lstat and this open would otherwise block open()
 * forever; with it, open returns at once and the fstat check below rejects the FIFO.
 * O_NOFOLLOW: honoured only under `-A` (Deno drops it under scoped permissions, see
 * leak-scan.md), so it is a bonus; the dev+ino check is the real guard.
 * O_NOCTTY: a terminal device swapped in must never become our controlling terminal.
 */
const OPEN_FLAGS = fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW |
  fs.constants.O_NOCTTY;

/** True when `a` and `b` are the same file. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino !== null && a.ino === b.ino;
}

/**
 * Read at most `bound + 1` bytes of `name` (relative to the pinned working directory), but
 * only if the opened file is a regular file with the identity `expected` from the lstat just
 * before, and `stillSafe` (when given) agrees after the open; otherwise nothing is read.
 */
export function readVerified(
  name: string,
  expected: FileIdentity,
  bound: number,
  stillSafe?: () => boolean,
): VerifiedRead {
  let fd: number;
  try {
    fd = fs.openSync(name, OPEN_FLAGS);
  } catch (error) {
    return { status: "error", error };
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile() || !sameIdentity({ dev: opened.dev, ino: opened.ino }, expected)) {
      return { status: "changed" };
    }
    if (stillSafe !== undefined && !stillSafe()) return { status: "changed" };
    const buffer = new Uint8Array(bound + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const count = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
      if (count === 0) break;
      filled += count;
    }
    return { status: "ok", bytes: buffer.subarray(0, filled), overBound: filled > bound };
  } catch (error) {
    return { status: "error", error };
  } finally {
    fs.closeSync(fd);
  }
}
