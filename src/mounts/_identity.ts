// Copyright the terok-vault authors. MIT license.
/** The identity of a file: what tells two directory entries apart (a leaf module, no imports). */

/** Identity of a directory entry: the pair the kernel uses to tell files apart. */
export interface FileIdentity {
  dev: number;
  ino: number | null;
}

/** True when `a` and `b` are the same file. */
export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.dev === b.dev && a.ino !== null && a.ino === b.ino;
}
