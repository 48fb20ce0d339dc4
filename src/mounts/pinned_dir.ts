// Copyright the terok-vault authors. MIT license.
/**
 * The kernel's magic link to the process's working directory.
 *
 * `clean` removes a leak below a container-controlled directory through it, after pinning
 * that directory as the working directory: Deno passes the path through unchanged, so the
 * kernel reaches the pinned directory itself instead of walking names a container can swap.
 * It needs `--allow-write=/proc/self/cwd`, which the CLI grants to `clean` alone.
 *
 * @module
 */

/** `/proc/self/cwd`: the working directory itself, whatever now carries its name. */
export const PINNED_DIR = "/proc/self/cwd";
